// The demo's pet-taxi morning is shared by the taxi specs (dispatch plans it, the driver drives it). A spec that
// changes it holds this advisory lock from its first test to its last, and puts the day back as seeded after.
import pg from 'pg';
import { stack } from '../../support/stack.ts';
import { withDb } from './staff.ts';

export async function holdTaxiDay(): Promise<{ release: () => Promise<void> }> {
  const db = new pg.Client({ connectionString: stack.dbUrl });
  await db.connect();
  await db.query("select pg_advisory_lock(hashtextextended('e2e:taxi-day', 0))");
  return {
    release: async () => {
      await db.query("select pg_advisory_unlock(hashtextextended('e2e:taxi-day', 0))").catch(() => undefined);
      await db.end();
    },
  };
}

/**
 * Today's Happy Paws routes back as seeded: the demo route (Rex, Biscuit) planned for the demo driver, the
 * morning's trips requested or scheduled as in supabase/seed.sql. The life cycles forbid going back, so this
 * bypasses triggers for one transaction (a superuser-only fixture; the app can never do it).
 */
export async function resetTaxiDay(): Promise<void> {
  await withDb(async (db) => {
    await db.query('begin');
    await db.query('set local session_replication_role = replica');
    await db.query(`delete from public.routes r using public.businesses b
      where b.id = r.business_id and b.slug = 'happy-paws' and r.service_date = (now() at time zone b.timezone)::date`);
    await db.query(`update public.transport_requests set status = case when id in (
        '0e100000-0000-4000-8000-000000000001', '0e100000-0000-4000-8000-000000000002', '0e100000-0000-4000-8000-000000000003')
        then 'scheduled' else 'requested' end::public.transport_status
      where business_id = '11111111-1111-4111-8111-111111111111' and id::text like '0e100000-%'`);
    await db.query(`insert into public.routes (id, business_id, service_date, driver_id, depot_location_id, vehicle_capacity, status)
      select 'f1000000-0000-4000-8000-000000000001', b.id, (now() at time zone b.timezone)::date,
             'a0000000-0000-4000-8000-000000000003', '0a100000-0000-4000-8000-000000000001', 6, 'planned'
      from public.businesses b where b.id = '11111111-1111-4111-8111-111111111111'`);
    await db.query(`insert into public.route_stops (route_id, business_id, transport_request_id, seq, planned_eta)
      select 'f1000000-0000-4000-8000-000000000001', t.business_id, t.id, s.seq, t.window_start + interval '10 minutes'
      from (values ('0e100000-0000-4000-8000-000000000001'::uuid, 1), ('0e100000-0000-4000-8000-000000000002'::uuid, 2)) as s (id, seq)
      join public.transport_requests t on t.id = s.id`);
    await db.query('commit');
  });
}
