import { createClient, type PostgrestError } from '@supabase/supabase-js';
import { StoreError, type RouteStore } from './store.ts';

/**
 * RouteStore over Supabase REST with the caller's JWT: every read and write is filtered and checked
 * by row-level security exactly as if the staff member made it from the app.
 */
export function supabaseStore(url: string, anonKey: string, jwt: string): RouteStore {
  const db = createClient(url, anonKey, {
    global: { headers: { Authorization: `Bearer ${jwt}` } },
    auth: { persistSession: false, autoRefreshToken: false },
  });
  const userId = subject(jwt);
  const check = <T>(r: { data: T; error: PostgrestError | null }): T => {
    if (r.error) throw new StoreError(statusFor(r.error), r.error.message);
    return r.data;
  };

  return {
    async business(id) {
      return check(await db.from('businesses').select('id, timezone').eq('id', id).maybeSingle());
    },
    async roles(businessId) {
      const rows = check(await db.from('memberships').select('role').eq('business_id', businessId).eq('user_id', userId));
      return (rows ?? []).map((r: { role: string }) => r.role);
    },
    async depot(businessId, locationId) {
      let q = db.from('locations').select('id, geo').eq('business_id', businessId);
      q = locationId ? q.eq('id', locationId) : q.eq('is_depot', true).order('created_at').order('id');
      const rows = check(await q.limit(1));
      return rows?.[0] ?? null;
    },
    async requests(businessId, fromIso, toIso) {
      return check(
        await db.from('transport_requests')
          .select('id, kind, geo, window_start, window_end, status')
          .eq('business_id', businessId)
          .gte('window_start', fromIso)
          .lt('window_start', toIso)
          .in('status', ['requested', 'scheduled'])
          .order('id'),
      ) ?? [];
    },
    async routesOn(businessId, date) {
      return check(await db.from('routes').select('id, status').eq('business_id', businessId).eq('service_date', date)) ?? [];
    },
    async replacePlan(businessId, date, routes) {
      // One rpc, so the replacement is one transaction: a failure part-way writes nothing. It runs as
      // definer because a smaller plan deletes surplus routes, which RLS leaves to managers.
      const plan = routes.map(({ service_date: _d, ...r }) => r);
      const { data, error } = await db.rpc('replace_route_plan', { p_business_id: businessId, p_service_date: date, p_routes: plan });
      if (error) throw new StoreError(statusFor(error), error.message);
      return (data as Array<{ id: string }>).map((r) => r.id);
    },
  };
}

/** Refusals and conflicts keep their meaning; anything else is the store failing (bad plan included). */
function statusFor(error: PostgrestError): number {
  if (error.code === '42501') return 403;
  if (error.code === 'PT409') return 409;
  return 502;
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
