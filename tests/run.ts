// `npm test`: every suite on one isolated stack (its own ports and data folder, so a running dev stack is
// never touched), then one closing line "N passed, N failed".
//   unit + conformance/integration (vitest) → database (pg_prove) → edge functions (deno test) → e2e (Playwright)
// Usage: npm test [-- --only=vitest,pgtap,types,drift,deno,e2e] [path-or-substring …]
//   Words that are not options narrow every suite to the test files whose path contains one of them
//   (e.g. `npm test -- --only=vitest,pgtap rest/select book_service`). TEST_STACK_PORT_BASE and WEB_PORT
//   move the isolated stack and the e2e server, so several checkouts can test side by side.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfig, repoRoot } from '../supabase/local/src/config.ts';
import { stackEnv } from '../supabase/local/src/env.ts';
import { Cluster } from '../supabase/local/src/postgres/cluster.ts';
import { startStack } from '../supabase/local/src/stack.ts';

const TEST_ENV = {
  STACK_NAME: 'test',
  STACK_PORT_BASE: process.env.TEST_STACK_PORT_BASE ?? '55320',
  STACK_FAST: '1',
  STACK_EXTRA_SCHEMAS: 'conformance',
  STACK_EXTRA_FUNCTIONS_DIR: join(repoRoot, 'tests/conformance/fixtures/functions'),
  // The conformance fixture's pre-request hook refuses only requests carrying `x-pre-request: block`.
  PGRST_DB_PRE_REQUEST: 'conformance.pre_request',
  AUTH_HOOK_CUSTOM_ACCESS_TOKEN_URI: 'pg-functions://postgres/public/custom_access_token_hook',
  // The test runner, the e2e app server and the rate-limit tests all reach the stack from loopback and
  // name their own client address in X-Forwarded-For, so parallel tests never share an allowance. A
  // stack believes that header only from proxies it is told to trust; dev and production trust none.
  STACK_TRUSTED_PROXIES: '127.0.0.1,::1',
  // redirect_to must match the site URL's scheme, host and port (or config.toml's additional URLs), and
  // the e2e app runs on WEB_PORT: make that the site URL, as a deployment would.
  SITE_URL: `http://127.0.0.1:${process.env.WEB_PORT ?? '4173'}`,
  // The stack's defaults, spelled out because the brute-force tests count up to them.
  AUTH_OTP_MAX_ATTEMPTS: '5',
  AUTH_SIGN_IN_MAX_FAILURES: '5',
  // Generous limits so parallel test files never throttle each other; the rate-limit tests drive
  // their own client addresses past these (they stop at 1,100 requests and 260 e-mails).
  AUTH_RATE_LIMIT_SIGN_IN: '1000',
  AUTH_RATE_LIMIT_VERIFY: '1000',
  AUTH_RATE_LIMIT_TOKEN_REFRESH: '1000',
  AUTH_RATE_LIMIT_EMAIL_SENT: '200',
};

interface Result {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  note?: string;
}

const outDir = join(repoRoot, 'test-results');
const only = (process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? '').split(',').filter(Boolean);
const wanted = (suite: string) => only.length === 0 || only.includes(suite);
const filters = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const picked = (file: string) => filters.length === 0 || filters.some((f) => file.includes(f));

function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { capture?: boolean } = {},
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      if (opts.capture) out += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', take(process.stdout));
    child.stderr.on('data', take(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** A suite that could not run or report counts as one failure, with the reason. */
function suiteFailed(suite: string, t0: number, note: string): Result {
  return { suite, passed: 0, failed: 1, skipped: 0, seconds: (Date.now() - t0) / 1000, note };
}

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? filesUnder(p, suffix) : p.endsWith(suffix) ? [p] : [];
    })
    .sort();
}

async function vitest(env: NodeJS.ProcessEnv): Promise<Result> {
  const t0 = Date.now();
  const file = join(outDir, 'vitest.json');
  rmSync(file, { force: true });
  const { code } = await run(
    'vitest',
    [
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
      ...(filters.length ? ['--passWithNoTests', ...filters] : []),
    ],
    env,
  );
  if (!existsSync(file))
    return suiteFailed('unit + conformance (vitest)', t0, `vitest exited ${code} without a report`);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A file that fails to load, or whose beforeAll fails (its tests then report as skipped), counts as a
  // failure even though none of its tests failed.
  const brokenFiles = (r.testResults ?? []).filter(
    (f: any) => f.status === 'failed' && !(f.assertionResults ?? []).some((a: any) => a.status === 'failed'),
  ).length;
  return {
    suite: 'unit + conformance (vitest)',
    passed: r.numPassedTests,
    failed: r.numFailedTests + brokenFiles,
    skipped: r.numPendingTests + r.numTodoTests,
    seconds: (Date.now() - t0) / 1000,
  };
}

async function pgtap(env: NodeJS.ProcessEnv, dbUrl: string): Promise<Result> {
  const t0 = Date.now();
  const dir = join(repoRoot, 'supabase/tests');
  const files = filesUnder(dir, '.test.sql')
    .map((f) => relative(repoRoot, f))
    .filter(picked);
  if (files.length === 0)
    return { suite: 'database (pgTAP)', passed: 0, failed: 0, skipped: 0, seconds: 0, note: 'no test files' };
  const setup = join(dir, '_setup.sql');
  if (existsSync(setup)) {
    const r = await run('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-f', setup], env);
    if (r.code !== 0)
      return { suite: 'database (pgTAP)', passed: 0, failed: 1, skipped: 0, seconds: 0, note: '_setup.sql failed' };
  }
  const { out } = await run('pg_prove', ['-d', dbUrl, '--verbose', '--failures', ...files], env, { capture: true });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const line of out.split('\n')) {
    if (/^\s*ok \d+/.test(line)) {
      if (/# skip/i.test(line)) skipped++;
      else passed++;
    } else if (/^\s*not ok \d+/.test(line)) {
      if (/# todo/i.test(line)) skipped++;
      else failed++;
    }
  }
  // Files that died or planned a different number of tests fail even when every line said ok.
  const badFiles =
    (out.match(/^.*\(Wstat: \d+ Tests: \d+ Failed: 0\)\s*$/gm) ?? []).length +
    (out.match(/Parse errors: .*/g) ?? []).length;
  return { suite: 'database (pgTAP)', passed, failed: failed + badFiles, skipped, seconds: (Date.now() - t0) / 1000 };
}

/** The committed database types must match the live schema (generated by scripts/gen-types.ts). */
async function typesDrift(env: NodeJS.ProcessEnv): Promise<Result> {
  const t0 = Date.now();
  const { code } = await run('node', ['scripts/gen-types.ts', '--check'], env);
  return {
    suite: 'generated types drift',
    passed: code === 0 ? 1 : 0,
    failed: code === 0 ? 0 : 1,
    skipped: 0,
    seconds: (Date.now() - t0) / 1000,
    note: code === 0 ? undefined : 'run: node scripts/gen-types.ts --write',
  };
}

/**
 * The migrations must build exactly the declarative schema (supabase/schemas): two scratch databases on the
 * test cluster, compared by scripts/schema-db.ts (@pgkit/migra plus the catalog facts migra does not read).
 */
async function schemaDrift(dbUrl: string): Promise<Result> {
  const t0 = Date.now();
  const suite = 'schema drift (migrations = schemas)';
  const { buildScratch, diffDatabases, dropScratch, isEmpty, migrationFiles, renderDiff, schemaFiles } =
    await import('../scripts/schema-db.ts');
  try {
    const fromUrl = await buildScratch(dbUrl, 'drift_migrations', migrationFiles());
    const targetUrl = await buildScratch(dbUrl, 'drift_schemas', schemaFiles());
    const diff = await diffDatabases(fromUrl, targetUrl);
    const seconds = (Date.now() - t0) / 1000;
    if (isEmpty(diff)) return { suite, passed: 1, failed: 0, skipped: 0, seconds };
    console.log(
      '\nschema drift: the migrations do not build supabase/schemas. Facts (- migrations only, + schemas only):',
    );
    console.log(diff.catalogReport.join('\n'));
    console.log('\nStatements that would bring the migrations to the schema (npm run db:diff -- <name> writes them):');
    console.log(renderDiff(diff));
    return { suite, passed: 0, failed: 1, skipped: 0, seconds, note: 'run: npm run db:diff -- <name>' };
  } catch (e) {
    console.log(`schema drift: ${(e as Error).message}`);
    return {
      suite,
      passed: 0,
      failed: 1,
      skipped: 0,
      seconds: (Date.now() - t0) / 1000,
      note: 'a scratch build failed',
    };
  } finally {
    await dropScratch(dbUrl, 'drift_migrations').catch(() => {});
    await dropScratch(dbUrl, 'drift_schemas').catch(() => {});
  }
}

async function deno(env: NodeJS.ProcessEnv): Promise<Result> {
  const t0 = Date.now();
  const tests = filesUnder(join(repoRoot, 'functions'), '.test.ts').filter(picked);
  if (tests.length === 0)
    return { suite: 'edge functions (deno test)', passed: 0, failed: 0, skipped: 0, seconds: 0, note: 'no test files' };
  const { code, out } = await run(
    'deno',
    ['test', '--allow-all', '--no-check', ...tests.map((t) => relative(repoRoot, t))],
    { ...env, NO_COLOR: '1' },
    { capture: true },
  );
  const m = /(ok|FAILED) \| (\d+) passed(?: \((\d+) steps?\))? \| (\d+) failed/.exec(out);
  if (!m) return suiteFailed('edge functions (deno test)', t0, `deno exited ${code} without a summary`);
  const ignored = /(\d+) ignored/.exec(out);
  return {
    suite: 'edge functions (deno test)',
    passed: Number(m[2]),
    failed: Number(m[4]),
    skipped: ignored ? Number(ignored[1]) : 0,
    seconds: (Date.now() - t0) / 1000,
  };
}

async function e2e(env: NodeJS.ProcessEnv): Promise<Result> {
  const t0 = Date.now();
  if (!existsSync(join(repoRoot, 'playwright.config.ts')))
    return {
      suite: 'end to end (Playwright)',
      passed: 0,
      failed: 0,
      skipped: 0,
      seconds: 0,
      note: 'no playwright config',
    };
  const webPort = env.WEB_PORT!;
  const build = await run('vite', ['build', '--logLevel', 'warn'], { ...env, ORIGIN: `http://127.0.0.1:${webPort}` });
  if (build.code !== 0) return suiteFailed('end to end (Playwright)', t0, 'web build failed');
  const file = join(outDir, 'e2e', 'results.json');
  rmSync(file, { force: true });
  await run('playwright', ['test', ...filters], { ...env, E2E_OUTPUT_DIR: join(outDir, 'e2e') });
  if (!existsSync(file)) return suiteFailed('end to end (Playwright)', t0, 'playwright wrote no report');
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return {
    suite: 'end to end (Playwright)',
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
    seconds: (Date.now() - t0) / 1000,
  };
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  Object.assign(process.env, TEST_ENV);
  const config = loadConfig();
  // The fixture functions resolve into a cache of their own, emptied with the stack's data folder, so
  // every run proves a function boots from an empty cache (npm: imports fetched at stack start).
  process.env.STACK_EXTRA_FUNCTIONS_DENO_DIR ??= join(config.dataDir, 'deno-fixtures');
  // Edge functions import npm: packages; fill Deno's cache first so their cold starts need no download.
  const cache = await run('node', ['scripts/deno-cache.ts'], process.env);
  if (cache.code !== 0) throw new Error('filling the Deno cache failed (scripts/deno-cache.ts)');
  // A run that failed while starting (a migration, the seed) leaves its Postgres up: stopped first, or the folder
  // would be wiped under it and the new cluster find the port taken.
  new Cluster(config).stop();
  rmSync(config.dataDir, { recursive: true, force: true });
  const stack = await startStack({ config, log: (l) => console.log(`[test stack] ${l}`) });
  const results: Result[] = [];
  try {
    // Fixtures for conformance tests (their own schemas, buckets and topics), then a schema-cache reload.
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: config.dbUrl });
    await admin.connect();
    for (const f of filesUnder(join(repoRoot, 'tests/conformance/fixtures'), '.sql')) {
      try {
        await admin.query(readFileSync(f, 'utf8'));
      } catch (e: any) {
        throw new Error(`fixture ${relative(repoRoot, f)}: ${e.message}`, { cause: e });
      }
    }
    await admin.query(`notify pgrst, 'reload schema'`);
    // Printed so a run under a shifted clock (npm run test:clock) shows the clock the database really had.
    const clock = await admin.query(`select now()::text as db`);
    console.log(`[test stack] clocks: database ${clock.rows[0].db}, runner ${new Date().toISOString()}`);
    await admin.end();
    await new Promise((r) => setTimeout(r, 300));

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...stackEnv(config),
      WEB_PORT: process.env.WEB_PORT ?? '4173',
      CI: process.env.CI ?? '',
    };
    // Kit's generated tsconfig must exist before web unit tests load (a fresh clone has none).
    await run('svelte-kit', ['sync'], env);
    if (wanted('vitest')) results.push(await vitest(env));
    if (wanted('pgtap')) results.push(await pgtap(env, config.dbUrl));
    if (wanted('types')) results.push(await typesDrift(env));
    if (wanted('drift')) results.push(await schemaDrift(config.dbUrl));
    if (wanted('deno')) results.push(await deno(env));
    if (wanted('e2e')) results.push(await e2e(env));
  } finally {
    await stack.stop();
  }
  console.log('\nSuite                              passed  failed  skipped  seconds');
  for (const r of results) {
    console.log(
      `${r.suite.padEnd(34)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.seconds.toFixed(1).padStart(7)}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const skipped = results.reduce((n, r) => n + r.skipped, 0);
  console.log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
