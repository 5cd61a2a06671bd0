// Type-checks every edge function as Deno will run it: each functions/<name>/ with its own deno.json, its
// entry point and its Deno tests (which pull in functions/_shared). Part of `npm run check` and CI's gate.
// Uses the stack's Deno binary, cache and certificate settings (supabase/local/src/functions/deno.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../supabase/local/src/config.ts';
import { configFlags, denoBinary, denoRuntimeEnv } from '../supabase/local/src/functions/deno.ts';

const root = join(repoRoot, 'functions');
const dirs = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
  .map((d) => join(root, d.name))
  .filter((dir) => existsSync(join(dir, 'index.ts')));

let failed = 0;
for (const dir of dirs) {
  const files = readdirSync(dir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
  const denoConfig = ['deno.json', 'deno.jsonc'].map((f) => join(dir, f)).find((f) => existsSync(f));
  const r = spawnSync(denoBinary(), ['check', ...configFlags({ denoConfig, importMap: undefined }), ...files], {
    cwd: dir,
    env: denoRuntimeEnv(),
    encoding: 'utf8',
  });
  const name = relative(repoRoot, dir);
  if (r.status === 0) {
    console.log(`deno check: ${name} (${files.length} files) ok`);
  } else {
    failed++;
    console.error(`deno check: ${name} failed:\n${r.stderr || r.stdout || r.error?.message}`);
  }
}
process.exit(failed ? 1 : 0);
