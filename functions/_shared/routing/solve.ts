import { makeBudget } from './budget.ts';
import { buildModel, type Model } from './model.ts';
import { Rng } from './rng.ts';
import { planRoute } from './schedule.ts';
import { solveTsp } from './tsp/ils.ts';
import type { Matrix, Problem, Solution, SolveOptions, Unassigned, UnassignedReason } from './types.ts';
import { Route } from './vrptw/route.ts';
import { searchVrptw } from './vrptw/search.ts';
import type { State } from './vrptw/state.ts';

/**
 * Plans routes for a day: as many stops as the fleet can serve, then the least cost under
 * `options.cost` (by default fewest vehicles, then least total distance). Stops that no vehicle can
 * ever serve are reported with their reason up front; the rest go to the search, and those the best
 * plan still leaves out are `no_vehicle_available`. A problem with
 * one route's worth of demand and no time windows is a travelling-salesman tour and gets the
 * dedicated TSP search.
 */
export function solve(problem: Problem, matrix: Matrix, options: SolveOptions = {}): Solution {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const m = buildModel(problem, matrix, options.cost);
  const rng = new Rng(options.seed ?? 1);
  const budget = makeBudget({ ...options, now });
  const unassigned: Unassigned[] = [];
  const customers: number[] = [];
  for (let c = 1; c < m.nc; c++) {
    const reason = unservable(m, c);
    if (reason) unassigned.push({ stopId: problem.stops[c - 1].id, reason });
    else customers.push(c);
  }

  let firstCompleteMs: number | null = null;
  const onComplete = () => {
    firstCompleteMs ??= now() - started;
  };
  let state: State | null = null;
  let algorithm: Solution['stats']['algorithm'] = 'trivial';
  if (customers.length > 0 && m.vehicles.length > 0 && isTsp(m, customers)) {
    state = tspState(m, customers, rng, budget);
    algorithm = 'tsp-ils';
    if (state) onComplete();
  }
  if (!state && customers.length > 0) {
    state = searchVrptw(m, customers, rng, budget, onComplete).best;
    algorithm = 'vrptw-lns';
  }
  for (const c of state?.absent ?? []) {
    unassigned.push({ stopId: problem.stops[c - 1].id, reason: 'no_vehicle_available' });
  }
  const routes = (state?.routes ?? [])
    .slice()
    .sort((a, b) => a.vehicle - b.vehicle)
    .map((r) => planRoute(problem, m, r));
  if (customers.length === 0) onComplete();
  let distance = 0;
  let duration = 0;
  for (const r of routes) {
    distance += r.distance;
    duration += r.duration;
  }
  const k = m.cost;
  const cost = k.perVehicle * routes.length + k.perDistance * distance + k.perDuration * duration;
  return {
    routes,
    unassigned,
    totals: { vehicles: routes.length, distance, duration, unassigned: unassigned.length, cost },
    stats: { iterations: budget.iterations, elapsedMs: now() - started, firstCompleteMs, algorithm },
  };
}

/** Why no vehicle could serve stop c even on a route of its own, or null if one can. */
function unservable(m: Model, c: number): UnassignedReason | null {
  let reason: UnassignedReason = 'demand_exceeds_capacity';
  for (const v of m.vehicles) {
    if (m.demand[c] > v.capacity) continue;
    const start = Math.max(m.ready[c], v.start + m.time[v.from * m.n + c]);
    if (start > m.due[c]) {
      reason = 'time_window_unreachable';
      continue;
    }
    if (start + m.service[c] + m.time[c * m.n + v.to] > v.end) {
      if (reason !== 'time_window_unreachable') reason = 'shift_too_short';
      continue;
    }
    return null;
  }
  return m.vehicles.length === 0 ? 'no_vehicle_available' : reason;
}

/** One depot, no binding time windows and everything fits in the largest van at once. */
function isTsp(m: Model, customers: number[]): boolean {
  if (m.multiDepot) return false;
  const v = m.vehicles[0];
  let load = 0;
  for (const c of customers) {
    load += m.demand[c];
    if (m.ready[c] > v.start || m.due[c] < v.end) return false;
  }
  return load <= v.capacity;
}

/** Solves the tour on the depot + customers sub-matrix; null when the tour overruns the shift. */
function tspState(m: Model, customers: number[], rng: Rng, budget: ReturnType<typeof makeBudget>): State | null {
  const nodes = [0, ...customers];
  const k = nodes.length;
  const sub = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      // The tour search assumes symmetry; road matrices are not quite, so search on the mean.
      sub[i * k + j] = (m.dist[nodes[i] * m.n + nodes[j]] + m.dist[nodes[j] * m.n + nodes[i]]) / 2;
    }
  }
  const tour = solveTsp(k, sub, rng, budget);
  const route = new Route(
    0,
    tour.slice(1).map((i) => nodes[i]),
  );
  // Either direction has the same length; keep the one the time matrix (maybe asymmetric) prefers.
  route.update(m);
  const reversed = new Route(0, route.nodes.slice().reverse());
  reversed.update(m);
  const pick =
    reversed.earliest[reversed.earliest.length - 1] < route.earliest[route.earliest.length - 1] ? reversed : route;
  return pick.feasible(m) ? { routes: [pick], absent: [] } : null;
}
