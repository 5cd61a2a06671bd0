// Domain bench at the seeds' scale: generates 1,000 businesses / 1.5 M clients / 3 M pets / 6 M bookings /
// 10 M scans (once; re-runs reuse them), then measures the front desk's requests through /rest/v1 as a
// signed-in staff member of a mid-size business with RLS on: client and pet search, today's roster, and
// the check-in rpc, at concurrency 1 and 10, and the dashboard (read p95, its aggregates' upkeep). A
// missed goal prints the query plan.
//
// Env: SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_DB_URL (set by tests/bench/run.ts);
//   BENCH_SCALE or --scale=N (default 1 = full size; 0.01 for a quick run),
//   BENCH_SECONDS (per measurement, default 3), BENCH_CONCURRENCY (default "1,10").
import pg from 'pg';
import { loadavg } from 'node:os';
import { generate, printDisk } from './domain/generate.ts';
import { midBusiness, sizes } from './domain/sql.ts';
import { loadFixtures, type Fixtures } from './domain/fixtures.ts';
import { reads } from './domain/reads.ts';
import { drive, figures, fmt, send, signIn, type Api } from './domain/http.ts';
import { explainAs } from './domain/explain.ts';
import { cleanUp, measureCheckIns, preparePool } from './domain/checkin.ts';
import { backfill, measureDashboard, measureUpkeep } from './domain/dashboard.ts';
import { measureDbOnly } from './domain/pgbench.ts';
import { loadConfig } from '../../supabase/local/src/config.ts';

const arg = process.argv.find((a) => a.startsWith('--scale='));
const scale = Number(arg?.slice('--scale='.length) ?? process.env.BENCH_SCALE ?? 1);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const levels = (process.env.BENCH_CONCURRENCY ?? '1,10').split(',').map(Number);
const dbUrl = process.env.SUPABASE_DB_URL ?? '';
const url = process.env.SUPABASE_URL ?? '';
const anonKey = process.env.SUPABASE_ANON_KEY ?? '';
if (!dbUrl || !url || !anonKey || !(scale > 0)) {
  console.error('needs SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_DB_URL and a positive scale');
  process.exit(2);
}

const generated = await generate(dbUrl, scale);
await printDisk(dbUrl);

const db = new pg.Client({ connectionString: dbUrl });
await db.connect();

/** Each front-desk read at every level as this staff member; returns the goals missed (`who` names the business). */
async function measureReads(api: Api & { claims: unknown }, f: Fixtures, who = ''): Promise<string[]> {
  const missed: string[] = [];
  const tag = who ? ` (${who})` : '';
  for (const read of reads(f)) {
    // the answer is checked once, so a fast error cannot pass for a fast query
    const probe = await send(api, 'GET', read.path(0));
    const rows = probe.status === 200 ? (JSON.parse(probe.body) as unknown[]).length : -1;
    if (rows < read.minRows)
      throw new Error(`${read.name}: expected rows, got ${probe.status} ${probe.body.slice(0, 300)}`);
    console.log(`\n${read.name}${tag} — goal p95 ≤ ${read.goalP95} ms (first answer: ${rows} rows)`);
    let readMissed = false;
    for (const c of levels) {
      const fig = figures([
        await drive(c, seconds, async (i) => {
          const r = await send(api, 'GET', read.path(i));
          return r.status === 200 ? '' : `${r.status} ${r.body.slice(0, 200)}`;
        }),
      ]);
      const miss = fig.p95 > read.goalP95;
      console.log(`  c=${String(c).padEnd(3)} ${fmt(fig)}${miss ? '  MISSES GOAL' : ''}`);
      if (miss) missed.push(`${read.name}${tag} at c=${c}`);
      readMissed ||= miss;
    }
    if (readMissed) {
      console.log(`  plan (as authenticated with ${f.staffEmail}'s claims):`);
      console.log((await explainAs(db, api.claims, read.sql(1))).replace(/^/gm, '    '));
    }
  }
  return missed;
}

const misses: string[] = [];
try {
  const f = await loadFixtures(db, midBusiness(sizes(scale).businesses));
  const api = await signIn(url, anonKey, f.staffEmail, 'pawcentral-bench');
  await cleanUp(db, f.businessId, api.userId); // what an interrupted earlier run left would swell the roster
  console.log(
    `\nmeasuring as ${f.staffEmail} (staff) of "${f.businessName}": ${f.clients} clients, ${f.pets} pets; today = ${f.today}` +
      (f.rosterDay === f.today ? '' : `; the data was generated on ${f.rosterDay}, so the roster read is that day's`),
  );
  // figures from a shared machine are only comparable with its load beside them
  console.log(
    `machine load average (1/5/15 min): ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );

  misses.push(...(await measureReads(api, f)));

  // issue 15: the dashboard's incremental aggregates (read p95, backfill, upkeep per minute)
  await backfill(db, !generated.skipped);
  misses.push(...(await measureDashboard(api, f.businessId, levels, seconds)));
  // the largest business too (business 1 of the generator: ~3 % of all pets at full scale), where a read
  // that grows with the business shows first
  const largest = await loadFixtures(db, 1);
  if (largest.businessId !== f.businessId) {
    const largestApi = await signIn(url, anonKey, largest.staffEmail, 'pawcentral-bench');
    // the searches read every client or pet of the business under RLS, so they grow with it too
    console.log(
      `\nthe largest business, "${largest.businessName}" (${largest.clients} clients, ${largest.pets} pets), as ${largest.staffEmail}:`,
    );
    misses.push(...(await measureReads(largestApi, largest, 'the largest business')));
    misses.push(
      ...(await measureDashboard(
        largestApi,
        largest.businessId,
        levels,
        seconds,
        `the largest business (${largest.pets} pets)`,
      )),
    );
  }
  misses.push(...(await measureUpkeep(db, f.businessId, scale)));

  await cleanUp(db, f.businessId, api.userId);
  const pool = await preparePool(db, f);
  console.log(
    `\ncheck_in_by_tag — goal p95 ≤ 10 ms and ≥ 1000/s (pool: ${pool.length} pets booked today with valid vaccines; each call a first scan)`,
  );
  if (!pool.length) throw new Error('no pet is eligible for a check-in');
  for (const c of levels) {
    const r = await measureCheckIns(db, api, pool, c, seconds);
    const miss = r.figures.p95 > 10 || (c > 1 && r.figures.perSecond < 1000);
    console.log(
      `  c=${String(c).padEnd(3)} ${fmt(r.figures)}  ${JSON.stringify(r.statuses)}${miss ? '  MISSES GOAL' : ''}`,
    );
    if (r.firstError) console.log(`    first error: ${r.firstError}`);
    if (miss) misses.push(`check_in_by_tag at c=${c}`);
  }
  // the same check-ins with the database alone (pgbench, same role and claims), beside the end-to-end figure
  // also at the API's pool size: the most connections the REST API keeps busy at once, whatever the clients
  const dbPool = loadConfig().api.dbPool;
  for (const c of [...new Set([...levels.filter((l) => l > 1), dbPool])]) {
    const d = await measureDbOnly(db, dbUrl, pool, api.claims, c);
    if (!d) console.log('  database only: pgbench not installed or pool too small; skipped');
    else
      console.log(
        `  database only (pgbench, c=${c}): ${d.perSecond.toFixed(0)}/s, mean ${d.latencyMs.toFixed(1)} ms; ${d.checkedIn} of ${d.calls} calls checked a pet in`,
      );
  }
  if (misses.some((m) => m.startsWith('check_in'))) {
    // the rpc's plan is a function scan; its two lookups are what grows with the data
    console.log("  plans of the rpc's lookups (as authenticated):");
    const t = pool[0];
    console.log(
      (
        await explainAs(db, api.claims, {
          text: 'select * from public.pet_tags t where t.business_id = $1 and t.uid = $2 and t.active',
          values: [f.businessId, t.uid],
        })
      ).replace(/^/gm, '    '),
    );
    console.log(
      (
        await explainAs(db, api.claims, {
          text: `select * from public.bookings b where b.pet_id = $1 and b.status in ('requested', 'confirmed', 'checked_in')
             and $2::date in (select private.booking_days(b.business_id, b.starts_at, b.ends_at)) order by (b.status = 'checked_in') desc, b.starts_at limit 1`,
          values: [t.petId, f.today],
        })
      ).replace(/^/gm, '    '),
    );
  }
  await cleanUp(db, f.businessId, api.userId);
} finally {
  await db.end();
}
console.log(misses.length ? `\ngoals missed: ${misses.join('; ')}` : '\nall goals met');
