import { createClient, type PostgrestError } from '@supabase/supabase-js';
import { StoreError, type RouteStore } from './store.ts';

/**
 * RouteStore over Supabase REST with the caller's JWT: every read and write is filtered and checked
 * by row-level security exactly as if the staff member made it from the app.
 */
export function supabaseStore(url: string, anonKey: string, jwt: string, doFetch?: typeof fetch): RouteStore {
  const db = createClient(url, anonKey, {
    global: { headers: { Authorization: `Bearer ${jwt}` }, ...(doFetch ? { fetch: doFetch } : {}) },
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const userId = subject(jwt);
  const check = <T>(r: { data: T; error: PostgrestError | null }): T => {
    if (r.error) throw storeError(r.error);
    return r.data;
  };

  return {
    async business(id) {
      return check(await db.from('businesses').select('id, timezone, settings').eq('id', id).maybeSingle());
    },
    async roles(businessId) {
      const rows = check(
        await db.from('memberships').select('role').eq('business_id', businessId).eq('user_id', userId),
      );
      return (rows ?? []).map((r: { role: string }) => r.role);
    },
    async depot(businessId, locationId) {
      let q = db.from('locations').select('id, geo').eq('business_id', businessId);
      q = locationId ? q.eq('id', locationId) : q.eq('is_depot', true).order('created_at').order('id');
      const rows = check(await q.limit(1));
      return rows?.[0] ?? null;
    },
    async requests(businessId, fromIso, toIso) {
      return (
        check(
          await db
            .from('transport_requests')
            .select('id, kind, geo, window_start, window_end, status')
            .eq('business_id', businessId)
            .gte('window_start', fromIso)
            .lt('window_start', toIso)
            .in('status', ['requested', 'scheduled'])
            .order('id'),
        ) ?? []
      );
    },
    async vehicles(businessId) {
      return (
        check(
          await db
            .from('vehicles')
            .select('id, name, seats, depot_geo')
            .eq('business_id', businessId)
            .eq('active', true)
            .order('name')
            .order('id'),
        ) ?? []
      );
    },
    async routesOn(businessId, date) {
      const rows =
        check(
          await db
            .from('routes')
            .select('id, status, vehicle_id, vehicle_capacity, created_at, route_stops(transport_request_id, seq)')
            .eq('business_id', businessId)
            .eq('service_date', date)
            .order('created_at')
            .order('id'),
        ) ?? [];
      return rows.map(
        (r: {
          id: string;
          status: 'planned' | 'in_progress' | 'done';
          vehicle_id: string | null;
          vehicle_capacity: number;
          route_stops: Array<{ transport_request_id: string; seq: number }>;
        }) => ({
          id: r.id,
          status: r.status,
          vehicle_id: r.vehicle_id,
          vehicle_capacity: r.vehicle_capacity,
          request_ids: r.route_stops
            .slice()
            .sort((a, b) => a.seq - b.seq)
            .map((s) => s.transport_request_id),
        }),
      );
    },
    async editPlan(businessId, date, routes) {
      const { error } = await db.rpc('edit_route_plan', {
        p_business_id: businessId,
        p_service_date: date,
        p_route_ids: routes.map((r) => r.route_id),
        p_routes: routes.map(({ route_id: _id, ...r }) => r),
      });
      if (error) throw storeError(error);
    },
    async replacePlan(businessId, date, routes) {
      // One rpc, so the replacement is one transaction: a failure part-way writes nothing. It runs as
      // definer because a smaller plan deletes surplus routes, which RLS leaves to managers.
      const plan = routes.map(({ service_date: _d, ...r }) => r);
      const { data, error } = await db.rpc('replace_route_plan', {
        p_business_id: businessId,
        p_service_date: date,
        p_routes: plan,
      });
      if (error) throw storeError(error);
      return (data as Array<{ id: string }>).map((r) => r.id);
    },
  };
}

/**
 * Refusals and conflicts keep their meaning; anything else is the store failing (bad plan included).
 * The caller gets our sentence; the database's own words go to the log only.
 */
export function storeError(error: PostgrestError): StoreError {
  const detail = [error.code, error.message, error.details, error.hint].filter(Boolean).join(' | ');
  if (error.code === '42501')
    return new StoreError(403, 'you may not read or change the routes of this business', detail);
  if (error.code === 'PT409')
    return new StoreError(409, 'routes for this date have started; the day cannot be re-planned', detail);
  return new StoreError(
    502,
    'the routes could not be read or saved just now; nothing was changed, please try again',
    detail,
  );
}

/** The user id claim; the gateway has already verified the signature (verify_jwt). */
function subject(jwt: string): string {
  try {
    const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4))) as { sub?: string };
    if (claims.sub) return claims.sub;
  } catch {
    // fall through
  }
  throw new StoreError(401, 'the JWT carries no user');
}
