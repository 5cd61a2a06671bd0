import { defineEnvVars } from '@sveltejs/kit/env';

// Read when the server starts (not inlined at build time), so one build runs against any Supabase
// stack: the local one, the CLI's, or a hosted project. They may be absent while `vite build` analyses
// the routes; lib/server/supabase.ts refuses to serve a request without them.
function url(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return new URL(value).href.replace(/\/$/, '');
}

export const variables = defineEnvVars({
  PUBLIC_SUPABASE_URL: {
    public: true,
    schema: url,
    description: 'Base URL of the Supabase API gateway, e.g. http://127.0.0.1:54321.',
  },
  PUBLIC_SUPABASE_ANON_KEY: {
    public: true,
    schema: (value) => value || undefined,
    description: 'The anon (publishable) API key.',
  },
  PUBLIC_MAP_STYLE_URL: {
    public: true,
    schema: url,
    description:
      'A MapLibre style URL for production maps (tiles, sprites, glyphs from its origin). Unset: the bundled offline style (no tile fetches).',
  },
});
