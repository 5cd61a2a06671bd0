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
    if (r.error) throw new StoreError(r.error.code === '42501' ? 403 : 502, r.error.message);
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
    async replaceRoutes(businessId, replaced, routes) {
      // Staff may edit routes and their stops but only managers may delete routes (RLS), so a re-plan
      // reuses the existing planned routes in place and deletes only a surplus, checking the count:
      // RLS filters a forbidden delete silently. The surplus goes first, so a refusal writes nothing.
      const reuse = replaced.slice(0, routes.length);
      const surplus = replaced.slice(routes.length);
      if (surplus.length > 0) {
        const { count, error } = await db.from('routes').delete({ count: 'exact' }).in('id', surplus);
        if (error) throw new StoreError(502, error.message);
        if (count !== surplus.length) {
          throw new StoreError(403, 'the new plan needs fewer routes; only a manager may remove the extra planned routes');
        }
      }
      if (reuse.length > 0) check(await db.from('route_stops').delete().in('route_id', reuse));
      const fields = routes.map(({ stops: _s, ...r }) => ({ ...r, business_id: businessId, status: 'planned' as const }));
      for (let i = 0; i < reuse.length; i++) {
        const rows = check(await db.from('routes').update(fields[i]).eq('id', reuse[i]).select('id')) as Array<{ id: string }>;
        if (rows.length !== 1) throw new StoreError(403, 'a planned route could not be updated');
      }
      const inserted = fields.length > reuse.length
        ? (check(await db.from('routes').insert(fields.slice(reuse.length)).select('id')) as Array<{ id: string }>)
        : [];
      const ids = [...reuse, ...inserted.map((r) => r.id)];
      const stops = routes.flatMap((r, i) => r.stops.map((s) => ({ ...s, route_id: ids[i], business_id: businessId })));
      if (stops.length > 0) check(await db.from('route_stops').insert(stops));
      const routed = routes.flatMap((r) => r.stops.map((s) => s.transport_request_id));
      if (routed.length > 0) {
        check(await db.from('transport_requests').update({ status: 'scheduled' }).in('id', routed).eq('status', 'requested'));
      }
      return ids;
    },
  };
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
