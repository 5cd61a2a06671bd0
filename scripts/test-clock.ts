// `npm run test:clock`: the database, integration and edge-function suites with the whole test stack's clock
// shifted to the edges of the demo businesses' days (Europe/London and America/New_York): 00:30 and 23:30
// local time, and the nights their clocks change for daylight saving. A suite that depends on the hour it runs
// fails here instead of in CI at 00:18.
//
// The clock shifter is libfaketime (Debian package `faketime`), preloaded into every process the run starts:
// the runner, Postgres, Deno and the vitest workers. It is given one relative offset (FAKETIME="+Ns"), computed
// just before each run, so all processes share the same shifted clock, which keeps running; monotonic clocks
// stay real so timers behave.
// Usage: npm run test:clock [-- --only=pgtap,vitest,deno] [--at=<instant label substring> …] [<path filter> …]
//   --at picks instants by label (all by default); other words filter test files as in `npm test`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

// The thread-safe build: Deno, Node and their workers are multi-threaded (the plain build crashed `deno cache`).
const LIB = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

/** Each instant in UTC, named by the local time it is in the zone under test. */
const INSTANTS: Array<{ label: string; utc: string }> = [
  { label: 'London 00:30 (winter)', utc: '2027-01-12T00:30:00Z' },
  { label: 'London 23:30 (winter)', utc: '2027-01-12T23:30:00Z' },
  { label: 'New York 00:30 (winter)', utc: '2027-01-12T05:30:00Z' },
  { label: 'New York 23:30 (winter)', utc: '2027-01-13T04:30:00Z' },
  // 28 March 2027: London's clocks go forward at 01:00 GMT, so the business day has 23 hours.
  { label: 'London 00:30 on the day clocks go forward', utc: '2027-03-28T00:30:00Z' },
  // 7 November 2027: New York's clocks go back at 02:00 EDT, so the business day has 25 hours.
  { label: 'New York 23:30 the night before clocks go back', utc: '2027-11-07T03:30:00Z' },
];

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only=')) ?? '--only=pgtap,vitest,deno';
const picks = args.filter((a) => a.startsWith('--at=')).map((a) => a.slice(5));
const paths = args.filter((a) => !a.startsWith('--'));
const chosen = INSTANTS.filter((i) => picks.length === 0 || picks.some((p) => i.label.includes(p)));

function runAt(utc: string): Promise<{ code: number; last: string }> {
  const offset = Math.round((Date.parse(utc) - Date.now()) / 1000);
  const env = {
    ...process.env,
    LD_PRELOAD: LIB,
    FAKETIME: `${offset >= 0 ? '+' : ''}${offset}s`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    // The runner fills the Deno cache first; a shifted clock must not make cached packages look stale.
    DENO_NO_UPDATE_CHECK: '1',
  };
  return new Promise((resolve) => {
    const child = spawn('node', ['tests/run.ts', only, ...paths], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let last = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = chunk.toString().trim().split('\n');
      const found = lines.reverse().find((l) => /^\d+ passed, \d+ failed/.test(l));
      if (found) last = found;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, last: last || 'no result line' }));
  });
}

async function main(): Promise<void> {
  if (!existsSync(LIB)) {
    console.error(`libfaketime is missing (${LIB}): apt-get install faketime`);
    process.exit(2);
  }
  const rows: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const instant of chosen) {
    console.log(`\n=== clock at ${instant.utc} — ${instant.label} ===`);
    const r = await runAt(instant.utc);
    const m = /^(\d+) passed, (\d+) failed/.exec(r.last);
    passed += m ? Number(m[1]) : 0;
    failed += m ? Number(m[2]) : 1;
    rows.push(`${instant.utc}  ${instant.label.padEnd(48)} ${r.last}`);
  }
  console.log('\nClock                 Where                                            Result');
  for (const row of rows) console.log(row);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
