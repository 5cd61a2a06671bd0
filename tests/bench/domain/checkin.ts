// The check-in rpc under load. Every call is a first scan (fresh client_scan_id) of a pet with a confirmed
// booking today and valid vaccines, so each one does the whole job: tag lookup, booking lookup, vaccine
// gate, booking update, scan insert, audit and realtime rows. The pool is every eligible pet of the
// business; when it runs out, the touched bookings are reset (as superuser) and the pool is reused.
import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { Api, Figures, Run } from './http.ts';
import { drive, figures, send } from './http.ts';
import type { Fixtures } from './fixtures.ts';

const NOTE = 'bench-checkin';
const DEVICE = 'bench-domain';

export interface Target {
  uid: string;
  petId: string;
}

/**
 * Removes what earlier check-in runs left: their bookings, scans and audit entries. Deleted with triggers off
 * (fast, and no realtime or audit rows), so the business's dashboard aggregates are rebuilt afterwards: they
 * would otherwise keep counting the deleted check-ins.
 */
export async function cleanUp(db: pg.Client, businessId: string, staffUserId?: string): Promise<void> {
  await db.query('set session_replication_role = replica');
  await db.query('delete from public.tag_scans where device_id = $1', [DEVICE]);
  await db.query('delete from public.bookings where notes = $1', [NOTE]);
  if (staffUserId) await db.query(`delete from public.audit_log where actor = $1`, [staffUserId]);
  await db.query('set session_replication_role = origin');
  await db.query('select private.dashboard_rebuild($1)', [businessId]);
  // Each run updates and deletes a pool of ~2,000 bookings; on a 6 M-row table autovacuum would not come
  // for a million dead rows, so the next run's roster would wade through this run's dead versions.
  await db.query('vacuum (analyze) public.bookings, public.tag_scans');
}

/** Books every eligible pet of the business for day care today (triggers off: this is set-up, not the bench). */
export async function preparePool(db: pg.Client, f: Fixtures): Promise<Target[]> {
  await db.query('set session_replication_role = replica');
  const { rows } = await db.query<Target>(
    `
    with daycare as (
      select id from public.services where business_id = $1 and kind = 'daycare' order by id limit 1
    ), eligible as (
      -- active pets with an active tag, nothing booked today yet, and vaccines that pass the gate
      select p.id, p.client_id, t.uid from public.pets p
      join public.pet_tags t on t.pet_id = p.id and t.active
      where p.business_id = $1 and p.is_active
        and not exists (select 1 from public.bookings b where b.pet_id = p.id and b.starts_at < $3 and b.ends_at > $2)
        and not private.vaccines_block(public.pet_vaccine_status(p.id, (select id from daycare), $4::date, $4::date))
    ), booked as (
      insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
      select $1, (select id from daycare), e.id, e.client_id, $2::timestamptz + interval '7 hours 30 minutes',
             $2::timestamptz + interval '18 hours', 'confirmed', $5
      from eligible e
      returning pet_id
    )
    select e.uid, e.id as "petId" from eligible e join booked k on k.pet_id = e.id`,
    [f.businessId, f.dayStart, f.dayEnd, f.today, NOTE],
  );
  await db.query('set session_replication_role = origin');
  return rows;
}

export async function resetPool(db: pg.Client): Promise<void> {
  await db.query('set session_replication_role = replica');
  await db.query(`update public.bookings set status = 'confirmed' where notes = $1 and status <> 'confirmed'`, [NOTE]);
  await db.query('delete from public.tag_scans where device_id = $1', [DEVICE]);
  await db.query('set session_replication_role = origin');
}

export interface CheckInResult {
  figures: Figures;
  statuses: Record<string, number>;
  firstError?: string;
}

/** Check-ins at the given concurrency for about `seconds` of load (pool reuse in rounds). */
export async function measureCheckIns(
  db: pg.Client,
  api: Api,
  pool: Target[],
  concurrency: number,
  seconds: number,
): Promise<CheckInResult> {
  const statuses: Record<string, number> = {};
  const runs: Run[] = [];
  let spent = 0;
  while (spent < seconds) {
    await resetPool(db);
    let next = 0;
    const run = await drive(concurrency, seconds - spent, async () => {
      const target = pool[next++];
      if (!target) return null;
      const r = await send(api, 'POST', '/rest/v1/rpc/check_in_by_tag', {
        p_uid: target.uid,
        p_client_scan_id: randomUUID(),
        p_device_id: DEVICE,
      });
      if (r.status !== 200) return `${r.status} ${r.body.slice(0, 200)}`;
      const status = (JSON.parse(r.body) as { status: string }).status;
      statuses[status] = (statuses[status] ?? 0) + 1;
      return status === 'checked_in' ? '' : `status ${status}`;
    });
    runs.push(run);
    spent += run.seconds;
    if (!run.latencies.length) break;
  }
  await resetPool(db);
  const errors = runs.find((r) => r.firstError)?.firstError;
  return { figures: figures(runs), statuses, firstError: errors };
}
