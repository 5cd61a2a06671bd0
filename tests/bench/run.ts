// `npm run bench`: boots a stack of its own (ports 5232x, data in .stack/bench) and runs every benchmark
// script in tests/bench/*.ts with its URL and keys in the environment. Each script prints its figures.
// Usage: npm run bench [-- rest realtime routing …]   (names of scripts to run; default all)
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { loadConfig, repoRoot } from '../../supabase/local/src/config.ts';
import { stackEnv } from '../../supabase/local/src/env.ts';
import { startStack } from '../../supabase/local/src/stack.ts';

const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const dir = join(repoRoot, 'tests/bench');
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => names.length === 0 || names.includes(f.replace(/\.ts$/, '')))
  .sort();

Object.assign(process.env, {
  STACK_NAME: 'bench',
  STACK_PORT_BASE: process.env.BENCH_STACK_PORT_BASE ?? '52320',
  STACK_FAST: '1',
  STACK_EXTRA_SCHEMAS: 'bench',
  // The REST API's connections sized to the machine (PostgREST's db-pool; the PostgreSQL wiki's rule of thumb,
  // twice the cores): ten clients on ten connections of two cores ran check-ins at 60 % of the rate they reach
  // through two to four (BENCHMARKS, "The API's connection pool").
  STACK_DB_POOL: process.env.STACK_DB_POOL ?? String(2 * cpus().length),
});
const config = loadConfig();
if (process.argv.includes('--fresh')) rmSync(config.dataDir, { recursive: true, force: true });
const stack = await startStack({ config, log: (l) => console.log(`[bench stack] ${l}`) });
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString()}; ` +
    `REST pool ${config.api.dbPool} connections`,
);
let failed = 0;
try {
  for (const s of scripts) {
    console.log(`\n=== ${s} ===`);
    // Asynchronously: the stack's services run in this process and must keep answering meanwhile.
    const child = spawn('node', [join(dir, s)], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, ...stackEnv(config) },
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (status !== 0) {
      failed++;
      console.log(`${s} exited ${status}`);
    }
  }
} finally {
  await stack.stop();
}
process.exit(failed ? 1 : 0);
