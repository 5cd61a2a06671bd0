import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { loopbackAliases } from './web/src/lib/server/origins.ts';
import { CSP_DIRECTIVES } from './web/src/lib/server/security-headers.ts';

// adapter-node 6 no longer reads ORIGIN at run time and assumes https, so a same-origin form POST over
// plain http is refused as CSRF unless the origin is baked in here. Build with ORIGIN set to where the
// app will be served (the e2e build uses http://127.0.0.1:<WEB_PORT>).
const origin = process.env.ORIGIN || 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [
    sveltekit({
      // KIT_OUT_DIR / BUILD_DIR let a bench build privately without clobbering .svelte-kit/ and build/.
      adapter: adapter({ out: process.env.BUILD_DIR || 'build' }),
      outDir: process.env.KIT_OUT_DIR || '.svelte-kit',
      paths: { origin },
      csrf: { trustedOrigins: loopbackAliases(origin) },
      // Nonces for Kit's inline boot script on every rendered page; hooks.server.ts adds the Supabase
      // origin, which is only known when the server starts.
      csp: { mode: 'auto', directives: CSP_DIRECTIVES },
      // The app lives under web/ so the repository root can hold supabase/, functions/ and tests/.
      files: { src: 'web/src', assets: 'web/static' },
      // Kit 3 refuses to start when a svelte.config.js exists, so Svelte's compiler options live here too.
      // Our components are runes-only; libraries keep whatever mode they were written in.
      compilerOptions: {
        runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true),
      },
    }),
  ],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
