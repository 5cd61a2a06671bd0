import { distanceProvider } from '../_shared/routing/index.ts';
import { parsePoint } from './geo.ts';
import { checkEdit } from './edit.ts';
import { EditInput, OptimizeInput } from './input.ts';
import { planDay, type Fleet } from './plan.ts';
import { StoreError, type RouteStore } from './store.ts';
import { travelModel } from './travel.ts';
import { localInstant } from '../_shared/time/zone.ts';

export type { RouteStore } from './store.ts';

export interface Env {
  /**
   * OSRM-compatible routing engine; great-circle distances when unset, stretched and timed by the business's
   * travel model (its settings, travel.ts: the parents' ETA in SQL reads the same).
   */
  ROUTING_URL?: string;
}

export interface Deps {
  env: Env;
  /** Data access acting as the caller: built from their JWT so row-level security applies. */
  storeFor: (jwt: string) => RouteStore;
  /** Wall clock (ms since the epoch) for timestamps and the search budget. */
  now: () => number;
  fetch?: typeof fetch;
  /** Where failures are told in full (the function's log); the caller only ever gets a sentence. */
  log?: (line: string) => void;
}

const STAFF = ['owner', 'manager', 'staff'];

/**
 * POST /optimize-route: plans a business's pickups and drop-offs for one date across its vans and
 * writes the routes and stops with ETAs. When the vans cannot serve every request, it writes the plan
 * that serves the most and lists the others under `unserved` with a reason each. Re-running for the
 * same input replaces the planned routes with the same plan (the solve is seeded and bounded by
 * iterations); routes already under way are never replaced.
 */
export function makeHandler(deps: Deps): (req: Request) => Promise<Response> {
  return async (req) => {
    const log = deps.log ?? ((line: string) => console.error(line));
    try {
      return await handle(deps, req);
    } catch (e) {
      if (e instanceof StoreError) {
        if (e.detail) log(`optimize-route: store error (${e.status}): ${e.detail}`);
        const code =
          ({ 401: 'unauthorized', 403: 'forbidden', 409: 'routes_in_progress' } as Record<number, string>)[e.status] ??
          'store_error';
        return fail(e.status, code, e.message);
      }
      // Whatever this was, its text is not for the caller.
      log(`optimize-route: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fail(500, 'internal_error', 'planning failed unexpectedly; nothing was planned, please try again');
    }
  };
}

async function handle(deps: Deps, req: Request): Promise<Response> {
  if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS });
  if (req.method !== 'POST') return fail(405, 'method_not_allowed', 'use POST');
  const jwt = /^Bearer\s+(.+)$/i.exec(req.headers.get('authorization') ?? '')?.[1];
  if (!jwt) return fail(401, 'unauthorized', "a staff member's JWT is required");
  const body = await req.json().catch(() => undefined);
  if (body === undefined) return fail(400, 'invalid_json', 'the body must be JSON');
  if (body && typeof body === 'object' && 'edit' in body) return await handleEdit(deps, jwt, body);
  const parsed = OptimizeInput.safeParse(body);
  if (!parsed.success) {
    return fail(
      400,
      'invalid_input',
      'the request body is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const input = parsed.data;
  const store = deps.storeFor(jwt);

  const business = await store.business(input.business_id);
  if (!business) return fail(404, 'business_not_found', 'no such business, or not yours');
  const roles = await store.roles(input.business_id);
  if (!roles.some((r) => STAFF.includes(r)))
    return fail(403, 'forbidden', 'only staff of the business may plan routes');
  const depot = await store.depot(input.business_id, input.depot_location_id);
  const depotAt = depot && parsePoint(depot.geo);
  if (!depot || !depotAt) return fail(422, 'no_depot', 'the business needs a depot location with coordinates');

  // Routes that have started keep their van and stops; the plan is made for the rest.
  const existing = await store.routesOn(input.business_id, input.date);
  const started = existing.filter((r) => r.status !== 'planned');
  const busyVans = new Set(started.map((r) => r.vehicle_id).filter(Boolean));
  const heldRequests = new Set(started.flatMap((r) => r.request_ids ?? []));
  // Checked before the solve to spare it; the write checks again under a lock, in case a van left meanwhile.
  const vans = input.vehicles ? [] : await store.vehicles(input.business_id);
  const fleet: Fleet[] = input.vehicles
    ? input.vehicles
    : vans
        .filter((v) => !busyVans.has(v.id))
        .map((v) => ({
          count: 1,
          capacity: v.seats,
          shift_start: input.shift_start,
          shift_end: input.shift_end,
          vehicle_id: v.id,
          // Each van starts and ends at its own depot; the business's depot when it has none.
          depot: parsePoint(v.depot_geo) ?? undefined,
        }));
  if (fleet.length === 0) {
    return vans.length > 0
      ? fail(422, 'no_free_vehicles', 'every van in service is on a route that has started')
      : fail(422, 'no_vehicles', 'the business has no van in service; add one under Settings, Vehicles');
  }
  const dayStart = localInstant(input.date, 0, business.timezone);
  const dayEnd = localInstant(input.date, 24 * 60, business.timezone);
  const requests = (
    await store.requests(input.business_id, new Date(dayStart).toISOString(), new Date(dayEnd).toISOString())
  ).filter((r) => !heldRequests.has(r.id));
  if (requests.length === 0) return fail(422, 'nothing_to_plan', 'no open transport requests on this date');

  const provider = distanceProvider(
    { ROUTING_URL: deps.env.ROUTING_URL, ...travelModel(business.settings) },
    deps.fetch,
  );
  const plan = await planDay(
    {
      input,
      fleet,
      depot: depotAt,
      depotId: depot.id,
      dayStart,
      provider,
      now: deps.now,
      optimisedAt: new Date(deps.now()).toISOString(),
    },
    requests,
  );
  // Nothing to write: replacing the day's plan with an empty one would only unschedule requests.
  if (plan.routes.length === 0) {
    return fail(422, 'infeasible', 'no request can be served by any van; nothing was planned', plan.unserved);
  }
  // Requests left out get no route stop; the write reopens any that an earlier plan had scheduled.
  const ids = await store.replacePlan(
    input.business_id,
    input.date,
    plan.routes.map(({ trip: _t, ...r }) => r),
  );
  const routes = plan.routes.map((r, i) => ({ id: ids[i], ...r }));
  return json(200, {
    business_id: input.business_id,
    date: input.date,
    routes,
    unserved: plan.unserved,
    kept: started.map((r) => r.id),
    totals: {
      vehicles: routes.length,
      stops: routes.reduce((n, r) => n + r.stops.length, 0),
      unserved: plan.unserved.length,
      distance_m: routes.reduce((n, r) => n + r.distance_m, 0),
      duration_s: routes.reduce((n, r) => n + r.duration_s, 0),
    },
  });
}

/** A hand edit of planned routes: re-timed, checked, written unless it breaks a rule and is not confirmed. */
async function handleEdit(deps: Deps, jwt: string, body: unknown): Promise<Response> {
  const parsed = EditInput.safeParse(body);
  if (!parsed.success) {
    return fail(
      400,
      'invalid_input',
      'the request body is not valid',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const input = parsed.data;
  const store = deps.storeFor(jwt);
  const business = await store.business(input.business_id);
  if (!business) return fail(404, 'business_not_found', 'no such business, or not yours');
  const roles = await store.roles(input.business_id);
  if (!roles.some((r) => STAFF.includes(r)))
    return fail(403, 'forbidden', 'only staff of the business may plan routes');
  const depot = await store.depot(input.business_id);
  const depotAt = depot && parsePoint(depot.geo);
  if (!depotAt) return fail(422, 'no_depot', 'the business needs a depot location with coordinates');
  const dayStart = localInstant(input.date, 0, business.timezone);
  const dayEnd = localInstant(input.date, 24 * 60, business.timezone);
  const [existing, requests, vehicles] = await Promise.all([
    store.routesOn(input.business_id, input.date),
    store.requests(input.business_id, new Date(dayStart).toISOString(), new Date(dayEnd).toISOString()),
    store.vehicles(input.business_id),
  ]);
  const checked = await checkEdit({
    input,
    existing,
    requests,
    vehicles,
    depot: depotAt,
    dayStart,
    provider: distanceProvider({ ROUTING_URL: deps.env.ROUTING_URL, ...travelModel(business.settings) }, deps.fetch),
    optimisedAt: new Date(deps.now()).toISOString(),
  });
  if (!checked.ok) return fail(checked.status, checked.error, checked.message);
  const write = checked.warnings.length === 0 || input.confirm;
  if (write) await store.editPlan(input.business_id, input.date, checked.routes);
  return json(200, { written: write, routes: checked.routes, warnings: checked.warnings });
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, x-client-info, apikey, content-type',
  'access-control-allow-methods': 'POST, OPTIONS',
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...CORS } });
}

function fail(status: number, error: string, message: string, details?: unknown): Response {
  return json(status, details === undefined ? { error, message } : { error, message, details });
}
