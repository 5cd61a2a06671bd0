// Reminder enqueue at scale (node tests/bench/notify-reminders.ts; `npm run bench -- notify-reminders`):
// builds B businesses, P pets and V vaccinations in the bench database with set-based SQL (triggers off while
// generating: session_replication_role = replica), then times private.enqueue_reminders() at noon on the
// businesses' clock, twice: the first run enqueues what is due (30 and 7 days before, and on the day), the
// second must insert 0 (dedupe keys). Scale by env: BENCH_REMINDER_PETS (default 300,000),
// BENCH_REMINDER_VACCINATIONS (default 1,000,000), BENCH_REMINDER_BUSINESSES (default 300). Issue 13's goal is
// 3 M pets / 10 M vaccinations ≤ 10 s. BENCH_REMINDER_AT_DAYS=N runs the job N days ahead (fresh dedupe keys on
// data an earlier run made; with the three scale variables at 0 nothing new is generated).
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const DB = process.env.SUPABASE_DB_URL!;
if (!DB) throw new Error('SUPABASE_DB_URL must be set');
const PETS = Number(process.env.BENCH_REMINDER_PETS ?? 300_000);
const VACS = Number(process.env.BENCH_REMINDER_VACCINATIONS ?? 1_000_000);
const BUSINESSES = Number(process.env.BENCH_REMINDER_BUSINESSES ?? 300);

const db = new pg.Client({ connectionString: DB });
await db.connect();
await db.query(`set statement_timeout = 0`);
const tag = randomUUID().slice(0, 8);
const t = async (what: string, sql: string, params: unknown[] = []) => {
  const t0 = performance.now();
  const r = await db.query(sql, params);
  const s = (performance.now() - t0) / 1000;
  console.log(`${what}: ${s.toFixed(2)} s${r.rowCount !== null ? ` (${r.rowCount} rows)` : ''}`);
  return { r, s };
};

await db.query(`set session_replication_role = replica`);
await t(
  'businesses',
  `insert into public.businesses (name, slug, timezone)
   select 'Bench ' || g, 'bench-rem-' || $1 || '-' || g, 'Europe/Berlin' from generate_series(1, $2) g`,
  [tag, BUSINESSES],
);
await t(
  'vaccine type',
  `insert into public.vaccine_types (business_id, species, name, valid_days)
   select id, 'dog', 'Bench rabies', 365 from public.businesses where slug like 'bench-rem-' || $1 || '-%'`,
  [tag],
);
await t(
  'clients',
  `insert into public.clients (business_id, full_name, email)
   select b.id, 'Parent ' || g, 'rem-' || $1 || '-' || g || '@example.test'
   from (select id, row_number() over (order by id) - 1 as i from public.businesses where slug like 'bench-rem-' || $1 || '-%') b
   join generate_series(0, $2 - 1) g on g % $3 = b.i`,
  [tag, PETS, BUSINESSES],
);
await t(
  'pets',
  `insert into public.pets (business_id, client_id, name)
   select c.business_id, c.id, 'Pet ' || c.full_name from public.clients c
   join public.businesses b on b.id = c.business_id and b.slug like 'bench-rem-' || $1 || '-%'`,
  [tag],
);
// vaccinations: spread over the pets; expiry spread over the next 400 days, so ~3/400 of them are due today
await t(
  'vaccinations',
  `with p as (select id, business_id, row_number() over () - 1 as i from public.pets p
              where business_id in (select id from public.businesses where slug like 'bench-rem-' || $1 || '-%')),
        n as (select count(*) as n from p)
   insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
   select p.business_id, p.id, vt.id, current_date + (g % 400) - 365, current_date + (g % 400)
   from generate_series(0, $2 - 1) g
   join n on true
   join p on p.i = g % n.n
   join public.vaccine_types vt on vt.business_id = p.business_id`,
  [tag, VACS],
);
await db.query(`set session_replication_role = origin`);
await t('analyze', `analyze public.pets, public.vaccinations, public.clients, public.notifications`);
const { rows: size } = await db.query(
  `select (select count(*) from public.pets)::int as pets, (select count(*) from public.vaccinations)::int as vaccinations`,
);
console.log(`database now holds ${size[0].pets} pets, ${size[0].vaccinations} vaccinations`);

// noon today in Berlin
const AT_DAYS = Number(process.env.BENCH_REMINDER_AT_DAYS ?? 0);
const noon = `((now() at time zone 'Europe/Berlin')::date + ${AT_DAYS} + time '12:00') at time zone 'Europe/Berlin'`;
await db.query(`update private.notify_nudge set nudged_at = 'infinity'`);
try {
  const first = await t('enqueue_reminders, first run', `select private.enqueue_reminders(${noon}) as n`);
  const second = await t('enqueue_reminders, second run', `select private.enqueue_reminders(${noon}) as n`);
  console.log(
    JSON.stringify({
      pets: size[0].pets,
      vaccinations: size[0].vaccinations,
      first_run_s: Number(first.s.toFixed(2)),
      first_run_inserted: first.r.rows[0].n,
      second_run_s: Number(second.s.toFixed(2)),
      second_run_inserted: second.r.rows[0].n,
    }),
  );
} finally {
  await db.query(`update private.notify_nudge set nudged_at = '-infinity'`);
  await db.end();
}
