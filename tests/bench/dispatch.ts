// Dispatch's "Plan routes" end to end on a busy morning (run by `npm run bench -- dispatch`): 60 pickups with
// 1-hour windows around the demo depot and 4 vans of 15 seats, planned by the optimize-route function as the
// demo staff member (their JWT through the gateway, the vans read from public.vehicles, the solve, the routes
// written by replace_route_plan) — what the page's "Plan routes" action awaits before it answers. The page's
// own server hop (one SvelteKit action) is not in the figure. Prints p50/p95/max of BENCH_DISPATCH_RUNS runs.
// Env: SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_DB_URL (set by tests/bench/run.ts).
import { createClient } from '@supabase/supabase-js';
import { loadavg } from 'node:os';
import pg from 'pg';

const url = process.env.SUPABASE_URL!;
const anon = process.env.SUPABASE_ANON_KEY!;
const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
const runs = Number(process.env.BENCH_DISPATCH_RUNS ?? 20);
const BUSINESS = '11111111-1111-4111-8111-111111111111';
const date = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);

await db.connect();
const rng = (() => {
  let s = 42;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
})();
try {
  await db.query('begin');
  // the fleet for the bench: the demo vans out of service, four bench vans in
  await db.query(`update public.vehicles set active = false where business_id = $1`, [BUSINESS]);
  for (let v = 1; v <= 4; v++) {
    await db.query(
      `insert into public.vehicles (business_id, name, seats, depot_geo) values ($1, $2, 15, 'SRID=4326;POINT(-0.1031 51.5362)')`,
      [BUSINESS, `Bench van ${v}`],
    );
  }
  const pets = (await db.query(`select id from public.pets where business_id = $1 order by id`, [BUSINESS])).rows;
  for (let i = 0; i < 60; i++) {
    const lat = 51.5362 + (rng() - 0.5) * 0.08;
    const lng = -0.1031 + (rng() - 0.5) * 0.12;
    const start = 7 * 60 + Math.floor(rng() * 5) * 15; // 07:00 … 08:00, 1-hour windows
    await db.query(
      `insert into public.transport_requests (business_id, pet_id, kind, address, geo, window_start, window_end)
       values ($1, $2, 'pickup', $3, $4, ($5::date + make_interval(mins => $6)) at time zone 'Europe/London',
               ($5::date + make_interval(mins => $6 + 60)) at time zone 'Europe/London')`,
      [BUSINESS, pets[i % pets.length].id, `Bench street ${i + 1}`, `SRID=4326;POINT(${lng} ${lat})`, date, start],
    );
  }
  await db.query('commit');

  const staff = createClient(url, anon, { auth: { persistSession: false } });
  const { error: signInError } = await staff.auth.signInWithPassword({
    email: 'staff@happypaws.test',
    password: 'pawcentral-demo',
  });
  if (signInError) throw signInError;
  const times: number[] = [];
  let last: {
    totals?: { vehicles: number; stops: number; unserved: number };
    unserved?: { reason?: string }[];
  } = {};
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const { data, error } = await staff.functions.invoke('optimize-route', {
      body: { business_id: BUSINESS, date, cost: 'pet_taxi' },
    });
    const ms = performance.now() - t0;
    if (error) throw new Error(`plan failed: ${error.message}`);
    last = data;
    if (i > 0) times.push(ms); // the first run warms the function's process
  }
  const written = (
    await db.query(
      `select count(*)::int as n from public.route_stops s join public.routes r on r.id = s.route_id
       where r.business_id = $1 and r.service_date = $2`,
      [BUSINESS, date],
    )
  ).rows[0].n;
  times.sort((a, b) => a - b);
  // why each unserved stop is unserved, counted by reason ("window: 2, seats: 1")
  const reasons = (list: { reason?: string }[] = []) => {
    const by = new Map<string, number>();
    for (const u of list) by.set(u.reason ?? '?', (by.get(u.reason ?? '?') ?? 0) + 1);
    return by.size ? ` (${[...by].map(([r, n]) => `${r}: ${n}`).join(', ')})` : '';
  };
  const q = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  console.log(
    `dispatch plan (60 pickups, 4 vans × 15 seats, ${runs} runs): p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, ` +
      `max ${times[times.length - 1].toFixed(0)} ms; ${last.totals?.vehicles} routes, ${last.totals?.stops} stops served, ` +
      `${last.totals?.unserved} unserved${reasons(last.unserved)}, ${written} stops written; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; goal p95 ≤ 2000 ms: ${q(0.95) <= 2000 ? 'met' : 'MISSED'}`,
  );
} finally {
  // leave the demo as it was
  await db.query('rollback').catch(() => {});
  await db.query(`delete from public.routes where business_id = $1 and service_date = $2`, [BUSINESS, date]);
  await db.query(`delete from public.transport_requests where business_id = $1 and address like 'Bench street %'`, [
    BUSINESS,
  ]);
  await db.query(`delete from public.vehicles where business_id = $1 and name like 'Bench van %'`, [BUSINESS]);
  await db.query(
    `update public.vehicles set active = true where id in ('0f100000-0000-4000-8000-000000000001', '0f100000-0000-4000-8000-000000000002')`,
  );
  await db.end();
}
