// Fills the Deno cache (.deno/, git-ignored) with every dependency of every edge function — the
// repository's functions/*/index.ts and the test fixtures — so the local stack starts them offline.
// Idempotent: a warm cache makes each `deno cache` a quick no-op. Uses the same DENO_DIR and flags as
// the stack's function processes (supabase/local/src/functions/deno.ts).
// Run: node scripts/deno-cache.ts [extra functions folders…]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../supabase/local/src/config.ts';
import { configFlags, denoBinary, denoDir, denoRuntimeEnv } from '../supabase/local/src/functions/deno.ts';

const roots = [join(repoRoot, 'functions'), join(repoRoot, 'tests/conformance/fixtures/functions'), ...process.argv.slice(2)];

function entrypoints(root: string): Array<{ dir: string; entry: string }> {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .map((d) => ({ dir: join(root, d.name), entry: join(root, d.name, 'index.ts') }))
    .filter((f) => existsSync(f.entry));
}

const started = Date.now();
let failed = 0;
const all = roots.flatMap(entrypoints);
for (const { dir, entry } of all) {
  const denoConfig = ['deno.json', 'deno.jsonc'].map((f) => join(dir, f)).find((f) => existsSync(f));
  const importMap = denoConfig ? undefined : [join(dir, 'import_map.json')].find((f) => existsSync(f));
  const r = spawnSync(denoBinary(), ['cache', ...configFlags({ denoConfig, importMap }), entry], {
    cwd: dir,
    env: denoRuntimeEnv(),
    encoding: 'utf8',
  });
  const name = relative(repoRoot, entry);
  // A module that throws at load (the boot-error fixture) still caches fine: caching never runs it.
  if (r.status !== 0) {
    failed++;
    console.error(`deno-cache: ${name} failed:\n${r.stderr || r.error?.message}`);
  }
}
console.log(`deno-cache: ${all.length - failed}/${all.length} functions cached in ${relative(repoRoot, denoDir) || denoDir} (${Date.now() - started} ms)`);
process.exit(failed ? 1 : 0);
