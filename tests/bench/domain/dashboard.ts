// The dashboard at the domain's scale (issue 15): the aggregates' backfill after a bulk load (the generator
// loads with triggers off), public.dashboard() through /rest/v1 as the business's staff, and the upkeep —
// what the aggregate triggers add to the writes that feed them, timed against the same writes with the
// triggers off, and scaled to the write rate of 1,000 businesses.
import type pg from 'pg';
import type { Api } from './http.ts';
import { drive, figures, fmt, send } from './http.ts';

/** The aggregate triggers on the tables whose writes feed the dashboard: [table, trigger]. */
const DASHBOARD_TRIGGERS = [
  ['public.bookings', 'bookings_90_dashboard'],
  ['public.tag_scans', 'tag_scans_90_dashboard'],
  ['public.vaccinations', 'vaccinations_90_dashboard'],
];

/** Recomputes the aggregates from scratch when the generator has just (re)loaded the data. */
export async function backfill(db: pg.Client, fresh: boolean): Promise<void> {
  const empty = (await db.query('select not exists (select 1 from private.dashboard_service_days) as e')).rows[0].e;
  if (!fresh && !empty) return;
  const t = performance.now();
  await db.query('select private.dashboard_rebuild(null)');
  const rows = (
    await db.query(
      `select (select count(*) from private.dashboard_service_days) + (select count(*) from private.dashboard_check_in_hours)
            + (select count(*) from private.dashboard_pet_check_in_days) + (select count(*) from private.dashboard_pet_compliance)
            + (select count(*) from private.dashboard_compliance_days) as n`,
    )
  ).rows[0].n;
  console.log(
    `\ndashboard aggregates rebuilt from scratch (the bulk load ran without triggers): ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  await db.query(
    'analyze private.dashboard_service_days, private.dashboard_check_in_hours, private.dashboard_pet_check_in_days, private.dashboard_pet_compliance, private.dashboard_compliance_days',
  );
}

/** public.dashboard() as the business's staff; returns a miss description or null. */
export async function measureDashboard(
  api: Api,
  businessId: string,
  levels: number[],
  seconds: number,
  which = 'the measured business',
): Promise<string[]> {
  const misses: string[] = [];
  const probe = await send(api, 'POST', '/rest/v1/rpc/dashboard', { p_business_id: businessId });
  const row = probe.status === 200 ? (JSON.parse(probe.body) as any[])[0] : undefined;
  if (!row) throw new Error(`dashboard: expected a row, got ${probe.status} ${probe.body.slice(0, 300)}`);
  console.log(
    `\ndashboard of ${which} (rpc, as staff) — goal p95 ≤ 50 ms (first answer: ${row.occupancy.length} services, ${row.active_pets} active pets, ${row.pets_checked_in} checked in today)`,
  );
  for (const c of levels) {
    const fig = figures([
      await drive(c, seconds, async () => {
        const r = await send(api, 'POST', '/rest/v1/rpc/dashboard', { p_business_id: businessId });
        return r.status === 200 ? '' : `${r.status} ${r.body.slice(0, 200)}`;
      }),
    ]);
    const miss = fig.p95 > 50;
    console.log(`  c=${String(c).padEnd(3)} ${fmt(fig)}${miss ? '  MISSES GOAL' : ''}`);
    if (miss) misses.push(`dashboard of ${which} at c=${c}`);
  }
  return misses;
}

async function timed(db: pg.Client, sql: string, values: unknown[], triggersOn: boolean): Promise<number> {
  await db.query('begin');
  try {
    if (!triggersOn) {
      for (const [table, trigger] of DASHBOARD_TRIGGERS)
        await db.query(`alter table ${table} disable trigger ${trigger}`);
    }
    const t0 = performance.now();
    const r = await db.query(sql, values);
    const ms = performance.now() - t0;
    return ms / Math.max(1, r.rowCount ?? 0);
  } finally {
    await db.query('rollback');
  }
}

/** The aggregate triggers' cost per write, and the upkeep per minute at 1,000 businesses' write rate. */
export async function measureUpkeep(db: pg.Client, businessId: string, scale: number): Promise<string[]> {
  const moves = `update public.bookings set status = 'cancelled'
    where id in (select id from public.bookings where business_id = $1 and status = 'confirmed' and starts_at > now() order by starts_at limit 200)`;
  const scans = `insert into public.tag_scans (business_id, pet_id, action, client_scan_id)
    select business_id, pet_id, 'check_in', extensions.gen_random_uuid()
    from public.bookings where business_id = $1 and starts_at > now() - interval '30 days' and starts_at < now() limit 200`;
  // a vet's or the desk's new record of a required vaccine (per-pet compliance, then the business's days)
  const vaccinations = `insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
    select p.business_id, p.id, vt.id, current_date - 10, current_date + 355
    from public.pets p join public.vaccine_types vt on vt.required and vt.species = p.species and vt.business_id is null
    where p.business_id = $1 and p.is_active order by p.id limit 200`;
  const cost = { move: [] as number[], scan: [] as number[], vaccination: [] as number[] };
  // interleaved, so the machine's load falls on both sides alike
  for (let i = 0; i < 5; i++) {
    cost.move.push((await timed(db, moves, [businessId], true)) - (await timed(db, moves, [businessId], false)));
    cost.scan.push((await timed(db, scans, [businessId], true)) - (await timed(db, scans, [businessId], false)));
    cost.vaccination.push(
      (await timed(db, vaccinations, [businessId], true)) - (await timed(db, vaccinations, [businessId], false)),
    );
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const moveMs = Math.max(0, median(cost.move));
  const scanMs = Math.max(0, median(cost.scan));
  const vaccinationMs = Math.max(0, median(cost.vaccination));
  // the data's own write rate: bookings made, scans taken and vaccines given per minute over the last 30 days,
  // for 1,000 businesses
  const rate = (
    await db.query(`select (select count(*) from public.bookings where created_at > now() - interval '30 days') / (30 * 1440.0) as bookings,
                           (select count(*) from public.tag_scans where scanned_at > now() - interval '30 days') / (30 * 1440.0) as scans,
                           (select count(*) from public.vaccinations where administered_on > current_date - 30) / (30 * 1440.0) as vaccinations`)
  ).rows[0];
  const perMinute = {
    bookings: Number(rate.bookings) / scale,
    scans: Number(rate.scans) / scale,
    vaccinations: Number(rate.vaccinations) / scale,
  };
  // each booking is written about three times in its life (made, moved through statuses), each visit scanned in and out
  const upkeepMs = perMinute.bookings * 3 * moveMs + perMinute.scans * scanMs + perMinute.vaccinations * vaccinationMs;
  console.log(
    `\ndashboard upkeep — goal ≤ 1 s per minute at 1,000 businesses: the triggers add ${moveMs.toFixed(3)} ms to a booking status move, ${scanMs.toFixed(3)} ms to a check-in scan` +
      ` and ${vaccinationMs.toFixed(3)} ms to a vaccination` +
      ` (median of 5 interleaved runs of 200 writes, triggers on minus off); the data's rate at 1,000 businesses is ${perMinute.bookings.toFixed(0)} bookings,` +
      ` ${perMinute.scans.toFixed(0)} scans and ${perMinute.vaccinations.toFixed(0)} vaccinations per minute` +
      ` → ${upkeepMs.toFixed(0)} ms of upkeep per minute${upkeepMs > 1000 ? '  MISSES GOAL' : ''}`,
  );
  return upkeepMs > 1000 ? ['dashboard upkeep'] : [];
}
