// Fills the Deno cache (.deno/, git-ignored) with every dependency of the repository's edge functions
// (functions/*/index.ts, plus any folders given), with the same DENO_DIR, config flags and certificate
// settings as the stack, which runs the same resolution at start (supabase/local/src/functions/resolve.ts).
// Useful to warm the cache ahead of going offline. Idempotent: a warm cache makes each run a quick no-op.
// Run: node scripts/deno-cache.ts [extra functions folders…]
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../supabase/local/src/config.ts';
import { denoDir } from '../supabase/local/src/functions/deno.ts';
import type { FunctionDef } from '../supabase/local/src/functions/registry.ts';
import { cacheDependencies } from '../supabase/local/src/functions/resolve.ts';

const roots = [join(repoRoot, 'functions'), ...process.argv.slice(2)];

function functionsIn(root: string): FunctionDef[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => {
      const dir = join(root, d.name);
      const denoConfig = ['deno.json', 'deno.jsonc'].map((f) => join(dir, f)).find((f) => existsSync(f));
      const importMap = denoConfig ? undefined : [join(dir, 'import_map.json')].find((f) => existsSync(f));
      return { name: d.name, dir, entrypoint: join(dir, 'index.ts'), verifyJwt: true, denoConfig, importMap };
    })
    .filter((f) => existsSync(f.entrypoint));
}

const started = Date.now();
const all = roots.flatMap(functionsIn);
let failed = 0;
for (const [i, def] of all.entries()) {
  const r = await cacheDependencies(def);
  const name = relative(repoRoot, def.entrypoint);
  // A module that throws at load still caches fine: caching never runs it.
  if (r.ok) console.log(`deno-cache: [${i + 1}/${all.length}] ${name} (${r.ms} ms)`);
  else {
    failed++;
    console.error(`deno-cache: [${i + 1}/${all.length}] ${name} failed: ${r.message}`);
  }
}
console.log(
  `deno-cache: ${all.length - failed}/${all.length} functions cached in ${relative(repoRoot, denoDir) || denoDir} (${Date.now() - started} ms)`,
);
process.exit(failed ? 1 : 0);
