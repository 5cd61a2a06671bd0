import {
  solve,
  type CostModel,
  type DistanceProvider,
  type LatLng,
  type Matrix,
  type Problem,
  type Solution,
  type UnassignedReason,
} from '../_shared/routing/index.ts';
import { PET_TAXI, secondsAndMetres } from '../_shared/routing/presets.ts';
import { parsePoint } from './geo.ts';
import type { OptimizeInput } from './input.ts';
import type { NewRoute, TransportRequestRow } from './store.ts';
import { clockMinutes } from '../_shared/time/zone.ts';

/**
 * Iterations per trip: the reproducible bound that makes a re-run give the same plan. It grows with
 * the number of stops (small days converge in a few hundred) up to a cap that fits the CPU limit.
 */
export const MAX_ITERATIONS = 20_000;
const ITERATIONS_PER_STOP = 400;

/** One kind of van the solver may use: from the request body (count of a kind) or a row of public.vehicles. */
export interface Fleet {
  count: number;
  capacity: number;
  shift_start: string;
  shift_end: string;
  vehicle_id?: string;
  /** Where the van starts and ends its day; the plan's depot when absent. */
  depot?: LatLng;
}

export interface PlanContext {
  input: OptimizeInput;
  fleet: Fleet[];
  /** The business's depot: where vans without a depot of their own start. */
  depot: LatLng;
  depotId: string;
  /** UTC ms of local midnight of the service date: solver times are seconds from it. */
  dayStart: number;
  provider: DistanceProvider;
  now: () => number;
  optimisedAt: string;
}

/** A request the plan leaves out, and why: `missing_location` or one of the solver's reasons. */
export interface Unserved {
  transport_request_id: string;
  reason: 'missing_location' | UnassignedReason;
}

export interface PlanResult {
  routes: Array<NewRoute & { trip: 'pickup' | 'dropoff' }>;
  unserved: Unserved[];
}

/**
 * Plans the day as two trips per van, the morning pickups and the drop-offs home, each solved for the
 * whole fleet: a van cannot carry pets home before it has brought them in. When the fleet cannot serve
 * every request, the plan serves as many as the search found room for and lists the rest with reasons.
 */
export async function planDay(ctx: PlanContext, requests: TransportRequestRow[]): Promise<PlanResult> {
  const unserved: Unserved[] = [];
  const located: Array<{ row: TransportRequestRow; at: LatLng }> = [];
  for (const row of requests) {
    const at = parsePoint(row.geo);
    if (at) located.push({ row, at });
    else unserved.push({ transport_request_id: row.id, reason: 'missing_location' });
  }
  const routes: Array<NewRoute & { trip: 'pickup' | 'dropoff' }> = [];
  const { depots, depotOf } = fleetDepots(ctx);
  for (const trip of ['pickup', 'dropoff'] as const) {
    const rows = located.filter((r) => r.row.kind === trip);
    if (rows.length === 0) continue;
    const problem = toProblem(
      ctx,
      rows.map((r) => r.row),
      trip,
      depotOf,
    );
    // The solver's layout: the first depot, the stops, then the other depots.
    const matrix = await ctx.provider.matrix([depots[0], ...rows.map((r) => r.at), ...depots.slice(1)]);
    const sol = solve(problem, matrix, {
      seed: ctx.input.seed,
      maxIterations: Math.min(MAX_ITERATIONS, ITERATIONS_PER_STOP * rows.length),
      timeLimitMs: ctx.input.time_limit_ms / 2,
      now: ctx.now,
      cost: solverCost(ctx.input.cost),
    });
    for (const u of sol.unassigned) unserved.push({ transport_request_id: u.stopId, reason: u.reason });
    routes.push(...toRoutes(ctx, sol, problem, matrix, trip));
  }
  return { routes, unserved };
}

/** The request's cost model in solver units (metres, seconds); `fewest_vans` keeps the solver's default. */
export function solverCost(cost: OptimizeInput['cost']): CostModel | undefined {
  if (cost === 'fewest_vans') return undefined;
  if (cost === 'pet_taxi') return secondsAndMetres(PET_TAXI);
  return secondsAndMetres({ perVan: cost.per_van, perMinute: cost.per_minute, perKm: cost.per_km });
}

/**
 * The distinct depots of the fleet (each van's own, or the business's) and each fleet entry's index among
 * them. Vans sharing one depot give a single depot: the solve is the one-depot solve.
 */
export function fleetDepots(ctx: Pick<PlanContext, 'fleet' | 'depot'>): { depots: LatLng[]; depotOf: number[] } {
  const depots: LatLng[] = [];
  const depotOf = ctx.fleet.map((f) => {
    const at = f.depot ?? ctx.depot;
    let k = depots.findIndex((d) => d.lat === at.lat && d.lng === at.lng);
    if (k < 0) k = depots.push(at) - 1;
    return k;
  });
  if (depots.length === 0) depots.push(ctx.depot);
  return { depots, depotOf };
}

function toProblem(ctx: PlanContext, rows: TransportRequestRow[], trip: 'pickup' | 'dropoff', depotOf: number[]) {
  const seconds = (iso: string) => (Date.parse(iso) - ctx.dayStart) / 1000;
  return {
    vehicles: ctx.fleet.map((v, i) => ({
      id: String(i),
      count: v.count,
      capacity: v.capacity,
      shiftStart: clockMinutes(v.shift_start) * 60,
      shiftEnd: clockMinutes(v.shift_end) * 60,
      ...(depotOf[i] > 0 ? { depot: depotOf[i] } : {}),
    })),
    stops: rows.map((r) => ({
      id: r.id,
      demand: ctx.input.crates_per_pet,
      // Pickups fill the van on the way to the depot; drop-offs leave it full and empty it.
      kind: trip === 'pickup' ? 'pickup' : 'delivery',
      windowStart: seconds(r.window_start),
      windowEnd: seconds(r.window_end),
      serviceTime: ctx.input.service_minutes * 60,
    })),
  } satisfies Problem;
}

function toRoutes(ctx: PlanContext, sol: Solution, problem: Problem, matrix: Matrix, trip: 'pickup' | 'dropoff') {
  const iso = (sec: number) => new Date(ctx.dayStart + Math.round(sec * 1000)).toISOString();
  // Matrix nodes as the solver laid them out: the first depot, the stops, then the other depots.
  const stopNode = new Map(problem.stops.map((s, j) => [s.id, 1 + j]));
  const depotNode = (k: number | undefined) => (k ? problem.stops.length + k : 0);
  const legs = (r: Solution['routes'][number]) => {
    let from = depotNode(problem.vehicles[Number(r.vehicleId)].depot);
    return r.stops.map((s) => {
      const to = stopNode.get(s.stopId)!;
      const seconds = Math.round(matrix.duration[from * matrix.n + to]);
      from = to;
      return seconds;
    });
  };
  return sol.routes.map((r) => ({
    trip,
    service_date: ctx.input.date,
    depot_location_id: ctx.depotId,
    ...(ctx.fleet[Number(r.vehicleId)].vehicle_id ? { vehicle_id: ctx.fleet[Number(r.vehicleId)].vehicle_id } : {}),
    vehicle_capacity: problem.vehicles[Number(r.vehicleId)].capacity,
    distance_m: Math.round(r.distance),
    duration_s: Math.round(r.duration),
    optimised_at: ctx.optimisedAt,
    // The ETA a parent sees is when service starts: a van that arrives early waits for the window.
    // Each stop's leg from the one before (the depot first) as the distance provider measured it: the ETA a parent
    // sees later starts from these (road times with ROUTING_URL), not from the straight-line model alone.
    stops: legs(r).map((leg, i) => ({
      transport_request_id: r.stops[i].stopId,
      seq: i + 1,
      planned_eta: iso(r.stops[i].start),
      leg_seconds: leg,
    })),
  }));
}
