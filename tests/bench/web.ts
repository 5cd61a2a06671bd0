// First-load JavaScript of the app's pages: builds the app, then for each page follows the client
// manifest from Kit's entry points through the page's layout and leaf nodes (static imports only, as
// the browser loads them before the page is interactive) and sums the gzipped sizes.
// Run by `npm run bench` (no stack needed) or alone: node tests/bench/web.ts [--no-build]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '../..');
const out = join(root, '.svelte-kit/output');
const GOAL_KB = 120; // issue 5: the scan page's first load

if (!process.argv.includes('--no-build')) {
  const r = spawnSync('vite', ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ORIGIN: 'http://127.0.0.1:3000' },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
const manifest: Record<string, Chunk> = JSON.parse(readFileSync(join(out, 'client/.vite/manifest.json'), 'utf8'));
const serverManifest = readFileSync(join(out, 'server/manifest.js'), 'utf8');

const entryKey = (suffix: string) => {
  const key = Object.keys(manifest).find((k) => k.endsWith(suffix));
  if (!key) throw new Error(`no client chunk ends with ${suffix}`);
  return key;
};

/** The nodes Kit loads for a route: its layouts and its leaf, read from the server manifest. */
function routeNodes(id: string): number[] {
  const at = serverManifest.indexOf(`id: ${JSON.stringify(id)}`);
  if (at < 0) throw new Error(`route ${id} is not in the build`);
  const m = /page: \{ layouts: \[([^\]]*)\], errors: \[[^\]]*\], leaf: (\d+) \}/.exec(
    serverManifest.slice(at, at + 600),
  );
  if (!m) throw new Error(`route ${id} has no page`);
  return [
    ...m[1]
      .split(',')
      .filter((x) => x.trim() !== '')
      .map(Number),
    Number(m[2]),
  ];
}

function closure(keys: string[]): { js: Set<string>; css: Set<string> } {
  const js = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  keys.forEach(visit);
  return { js, css };
}

const gz = (files: Set<string>) =>
  [...files].reduce((n, f) => n + gzipSync(readFileSync(join(out, 'client', f)), { level: 9 }).length, 0);

const pages = [
  '/login',
  '/account',
  '/(staff)/b/[slug]/scan',
  '/(staff)/b/[slug]/roster',
  '/(staff)/b/[slug]/clients',
  '/(staff)/b/[slug]/bookings',
  '/(staff)/b/[slug]/dashboard',
  '/(staff)/b/[slug]/health',
  '/portal',
  '/portal/bookings',
  // setting a business up (#9): sign-up, onboarding, the settings pages, the invitation
  '/signup',
  '/new-business',
  '/(staff)/b/[slug]/settings',
  '/(staff)/b/[slug]/settings/locations',
  '/(staff)/b/[slug]/settings/services',
  '/(staff)/b/[slug]/settings/vaccines',
  '/(staff)/b/[slug]/settings/team',
  '/(staff)/b/[slug]/audit',
  '/invite/[token]',
  '/drive',
];
const entries = [entryKey('client/entry.js'), entryKey('client-optimized/app.js')];
console.log('page                              JS files   JS gzip KB   CSS gzip KB');
let scanKb = 0;
let portalKb = 0;
let driveKb = 0;
let driveWithMapKb = 0;
let driveMapOnlyKb = 0;
const DRIVE_GOAL_KB = 100; // issue 12: the drivers' page before the map
const DRIVE_MAP_GOAL_KB = 300; // issue 12: the drivers' page with the map (and its live channel) loaded
const PORTAL_GOAL_KB = 100; // issue 11: the portal home's first load
for (const id of pages) {
  const nodes = routeNodes(id).map((n) => entryKey(`client-optimized/nodes/${n}.js`));
  const { js, css } = closure([...entries, ...nodes]);
  const kb = gz(js) / 1024;
  if (id.endsWith('/scan')) scanKb = kb;
  if (id === '/portal') portalKb = kb;
  if (id === '/drive') {
    driveKb = kb;
    // after first paint the page imports the light map (lib/map/leaflet.ts) and the live channel (lib/drive/live.ts)
    const lazy = closure([
      ...entries,
      ...nodes,
      entryKey('web/src/lib/map/leaflet.ts'),
      entryKey('web/src/lib/drive/live.ts'),
    ]);
    driveWithMapKb = gz(lazy.js) / 1024;
    driveMapOnlyKb = gz(closure([...entries, ...nodes, entryKey('web/src/lib/map/leaflet.ts')]).js) / 1024;
  }
  console.log(
    `${id.padEnd(34)}${String(js.size).padStart(8)}   ${kb.toFixed(1).padStart(10)}   ${(gz(css) / 1024).toFixed(1).padStart(11)}`,
  );
}
console.log(
  `scan page first-load JS: ${scanKb.toFixed(1)} KB gzipped (goal ≤ ${GOAL_KB} KB: ${scanKb <= GOAL_KB ? 'met' : 'missed'})`,
);
console.log(
  `portal home first-load JS: ${portalKb.toFixed(1)} KB gzipped (goal ≤ ${PORTAL_GOAL_KB} KB: ${portalKb <= PORTAL_GOAL_KB ? 'met' : 'missed'})`,
);
console.log(
  `drive page first-load JS: ${driveKb.toFixed(1)} KB gzipped before the map (goal ≤ ${DRIVE_GOAL_KB} KB: ${driveKb <= DRIVE_GOAL_KB ? 'met' : 'missed'}), ` +
    `${driveMapOnlyKb.toFixed(1)} KB with the map, ${driveWithMapKb.toFixed(1)} KB with the map and the live channel ` +
    `(goal ≤ ${DRIVE_MAP_GOAL_KB} KB: ${driveWithMapKb <= DRIVE_MAP_GOAL_KB ? 'met' : 'missed'})`,
);
