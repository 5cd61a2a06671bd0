import { defineEnvVars } from '@sveltejs/kit/env';
import { tileProbe } from './lib/map/tiles.ts';

// Read when the server starts (not inlined at build time), so one build runs against any Supabase
// stack: the local one, the CLI's, or a hosted project. They may be absent while `vite build` analyses
// the routes; lib/server/supabase.ts refuses to serve a request without them.
function url(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return new URL(value).href.replace(/\/$/, '');
}

/** An XYZ raster tile URL template, kept as typed ({z}, {x}, {y}; {s} for subdomains, {r} for retina). */
export function tileTemplate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (!tileProbe(value)) throw new Error('must be an http(s) URL');
  for (const part of ['{z}', '{x}', '{y}']) if (!value.includes(part)) throw new Error(`must contain ${part}`);
  return value;
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
  SMTP_HOST: {
    schema: (value) => value || '127.0.0.1',
    description:
      "SMTP server the app sends invitation e-mails through; locally the stack's sink (npm run stack prints it).",
  },
  SMTP_PORT: {
    schema: (value) => {
      const port = Number(value || 54325);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('SMTP_PORT must be a port number');
      return port;
    },
    description: "Port of SMTP_HOST; defaults to the default local stack's sink (STACK_PORT_BASE 54320 + 5).",
  },
  SMTP_USER: { schema: (value) => value || undefined, description: 'SMTP user name, when the server wants one.' },
  SMTP_PASS: { schema: (value) => value || undefined, description: 'SMTP password, with SMTP_USER.' },
  SMTP_SECURE: {
    schema: (value) => value === 'true',
    description: '"true" for implicit TLS (port 465); otherwise STARTTLS is used when the server offers it.',
  },
  MAIL_FROM: {
    schema: (value) => value || 'PawCentral <no-reply@pawcentral.test>',
    description: 'The From address of e-mails the app sends.',
  },
  PUBLIC_VAPID_PUBLIC_KEY: {
    public: true,
    schema: (value) => value || undefined,
    description:
      'Web Push application server key (base64url; the VAPID_PUBLIC_KEY of functions/notify). Unset: the push switch is hidden.',
  },
  PUBLIC_MAP_STYLE_URL: {
    public: true,
    schema: url,
    description:
      'A MapLibre style URL for production maps (tiles, sprites, glyphs from its origin). Unset: the bundled offline style (no tile fetches).',
  },
  PUBLIC_MAP_TILE_URL: {
    public: true,
    schema: tileTemplate,
    description:
      "An XYZ raster tile template for the driver's phone map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (use a provider whose terms allow your traffic). Unset: the route over a plain background (no tile fetches).",
  },
  PUBLIC_MAP_TILE_ATTRIBUTION: {
    public: true,
    schema: (value) => value || undefined,
    description:
      "The attribution the tiles' licence requires, shown on the driver's map, e.g. © OpenStreetMap contributors.",
  },
  GEOCODER_URL: {
    schema: url,
    description:
      'Root of a Nominatim-compatible search API (GET /search?format=jsonv2&q=…) that places transport addresses on the map. Unset: staff set a pin.',
  },
  GEOCODER_COUNTRIES: {
    schema: (value) => value || undefined,
    description: 'ISO 3166-1 alpha-2 codes (comma-separated) the geocoder searches in, e.g. "gb".',
  },
});
