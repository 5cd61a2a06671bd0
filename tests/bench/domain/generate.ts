// Loads the domain at a given scale as superuser, table by table, and reports rows, seconds and disk use.
// Skips the work when bench_domain.generated already holds this scale.
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { HELPERS, TABLES, inserts, sizes } from './sql.ts';

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

// Only generated rows go (ids be<code>…), never the demo seed's.
async function wipe(db: pg.Client): Promise<void> {
  for (const t of TABLES) {
    const r = await db.query(`delete from public.${t} where id::text like 'be%'`);
    if (r.rowCount) console.log(`  removed ${r.rowCount} rows of ${t} left by another scale or an unfinished run`);
  }
  await db.query(`delete from auth.users where id::text like 'be03%'`);
}

// Secondary indexes are rebuilt once after the load instead of updated 20 million times. Their
// definitions are parked in bench_domain.dropped_indexes first, so a crash cannot lose one.
async function dropIndexes(db: pg.Client): Promise<void> {
  await db.query(
    `
    insert into bench_domain.dropped_indexes (name, def)
    select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname = any ($1)
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    on conflict do nothing`,
    [TABLES],
  );
  // Exclusion constraints (bookings_no_double_booking: a GiST probe per row) are parked the same way, as the
  // statement that adds them back; the rebuild resolves what the random bookings broke first (see below).
  await db.query(
    `
    insert into bench_domain.dropped_indexes (name, def)
    select format('%I.%I', n.nspname, k.conname),
           format('alter table %s add constraint %I %s', c.oid::regclass, k.conname, pg_get_constraintdef(k.oid))
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname = any ($1) and k.contype = 'x'
    on conflict do nothing`,
    [TABLES],
  );
  const { rows } = await db.query<{ name: string; def: string }>('select name, def from bench_domain.dropped_indexes');
  let constraints = 0;
  for (const r of rows) {
    const m = /^alter table (\S+) add constraint (\S+) /i.exec(r.def);
    if (m) {
      constraints++;
      await db.query(`alter table ${m[1]} drop constraint if exists ${m[2]}`);
    } else await db.query(`drop index if exists ${r.name}`);
  }
  console.log(
    `  dropped ${rows.length - constraints} secondary indexes and ${constraints} exclusion constraint(s) for the load`,
  );
}

// The generator books random pets on random days, so a few live bookings of one pet for one service overlap,
// which bookings_no_double_booking forbids: before it is added back, every such later booking becomes a
// cancelled one (what the desk would have done), so the constraint holds on the generated data.
async function resolveDoubleBookings(db: pg.Client): Promise<void> {
  const t0 = performance.now();
  const r = await db.query(`
    update public.bookings b set status = 'cancelled'
    where b.id::text like 'be%' and b.status in ('requested', 'confirmed', 'waitlisted', 'checked_in')
      and exists (
        select 1 from public.bookings o
        where o.pet_id = b.pet_id and o.service_id = b.service_id and o.id < b.id
          and o.status in ('requested', 'confirmed', 'waitlisted', 'checked_in')
          and tstzrange(o.starts_at, o.ends_at) && tstzrange(b.starts_at, b.ends_at))`);
  console.log(`  ${r.rowCount} overlapping live bookings of one pet and service cancelled: ${secs(t0)} s`);
}

async function restoreIndexes(db: pg.Client): Promise<void> {
  const { rows } = await db.query<{ name: string; def: string }>(
    'select name, def from bench_domain.dropped_indexes order by name',
  );
  if (!rows.length) return;
  const t0 = performance.now();
  const isConstraint = (r: { def: string }) => /^alter table /i.test(r.def);
  for (const r of rows.filter((r) => !isConstraint(r))) {
    await db.query(r.def.replace(/^create (unique )?index /i, (m) => `${m}if not exists `));
    await db.query('delete from bench_domain.dropped_indexes where name = $1', [r.name]);
  }
  const constraints = rows.filter(isConstraint);
  if (constraints.length) {
    // with the indexes back (the overlap search probes bookings by pet), triggers still off for the data fix
    await db.query('set session_replication_role = replica');
    await resolveDoubleBookings(db);
    await db.query('set session_replication_role = origin');
  }
  for (const r of constraints) {
    const exists = await db.query('select 1 from pg_constraint where conname = $1', [r.name.split('.').pop()]);
    if (!exists.rowCount) await db.query(r.def);
    await db.query('delete from bench_domain.dropped_indexes where name = $1', [r.name]);
  }
  console.log(
    `  rebuilt ${rows.length - constraints.length} secondary indexes and ${constraints.length} exclusion constraint(s): ${secs(t0)} s`,
  );
}

export interface Generated {
  scale: number;
  skipped: boolean;
}

export async function generate(dbUrl: string, scale: number): Promise<Generated> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    await db.query(HELPERS);
    await restoreIndexes(db); // a previous run that died mid-load
    const done = await db.query('select at, seconds from bench_domain.generated where scale = $1', [scale]);
    if (done.rowCount) {
      console.log(
        `domain data at scale ${scale} already generated at ${done.rows[0].at.toISOString()} (${done.rows[0].seconds} s); skipping`,
      );
      return { scale, skipped: true };
    }
    const s = sizes(scale);
    console.log(
      `generating the domain at scale ${scale}: ${s.businesses} businesses, ${s.clients} clients, ~${2 * s.clients} pets, ${s.bookings} bookings`,
    );
    const t0 = performance.now();
    await db.query(`set maintenance_work_mem = '1GB'; set work_mem = '256MB'; set synchronous_commit = off`);
    // The audit (audit_log row per insert), realtime broadcast, capacity and life-cycle triggers would
    // turn 20 million inserts into 40 million more writes and a lock per booking day: for the bulk load
    // only, triggers (including foreign-key checks: ids are consistent by construction) are off.
    await db.query('set session_replication_role = replica');
    console.log(
      '  triggers off for the bulk load (session_replication_role = replica): no audit_log/realtime rows for generated data',
    );
    await db.query('delete from bench_domain.generated');
    await wipe(db);
    await db.query(`
      insert into public.vaccine_types (business_id, species, name, valid_days, required)
      values (null, 'dog', 'Rabies', 365, true), (null, 'dog', 'DHPP', 365, true), (null, 'cat', 'Rabies', 365, true), (null, 'cat', 'FVRCP', 365, true)
      on conflict do nothing;
      drop table if exists bench_domain.vtypes;
      create table bench_domain.vtypes as
        select id, species, valid_days, row_number() over (order by id)::int as n from public.vaccine_types where business_id is null;`);
    await dropIndexes(db);
    const counts: Record<string, number> = {};
    for (const step of inserts(s)) {
      const t = performance.now();
      const r = await db.query(step.sql);
      counts[step.table] = r.rowCount ?? 0;
      console.log(`  ${step.table.padEnd(14)} ${String(r.rowCount).padStart(11)} rows  ${secs(t)} s`);
    }
    await db.query('set session_replication_role = origin');
    await restoreIndexes(db);
    const ta = performance.now();
    await db.query('analyze');
    console.log(`  analyze: ${secs(ta)} s`);
    const total = (performance.now() - t0) / 1000;
    await db.query('insert into bench_domain.generated (scale, seconds, counts) values ($1, $2, $3)', [
      scale,
      total.toFixed(1),
      counts,
    ]);
    console.log(`generated in ${total.toFixed(1)} s`);
    return { scale, skipped: false };
  } finally {
    await db.end();
  }
}

export async function printDisk(dbUrl: string): Promise<void> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const size = await db.query('select pg_size_pretty(pg_database_size(current_database())) as s');
    console.log(`database size: ${size.rows[0].s}`);
    const { rows } = await db.query<{ t: string; rows: string; total: string; idx: string }>(
      `
      select c.relname as t, c.reltuples::bigint as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as total,
             pg_size_pretty(pg_indexes_size(c.oid)) as idx
      from pg_class c where c.relnamespace = 'public'::regnamespace and c.relname = any ($1)
      order by pg_total_relation_size(c.oid) desc`,
      [TABLES],
    );
    for (const r of rows)
      console.log(
        `  ${r.t.padEnd(14)} ~${String(r.rows).padStart(10)} rows  ${r.total.padStart(8)} (indexes ${r.idx})`,
      );
  } finally {
    await db.end();
  }
}
