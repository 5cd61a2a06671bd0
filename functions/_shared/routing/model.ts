import type { CostModel, Matrix, Problem } from './types.ts';

/** One physical vehicle, expanded from its class. */
export interface Vehicle {
  classIndex: number;
  index: number;
  capacity: number;
  start: number;
  end: number;
  /** Matrix nodes of the depot it leaves from and comes back to (0 unless the problem has several depots). */
  from: number;
  to: number;
}

/**
 * The solver's internal view: node 0 is the depot, node i is problem.stops[i - 1]; all per-node data
 * in flat typed arrays indexed by node.
 */
export interface Model {
  /** The matrix's size (its row stride): the depot, the stops, then any further depots. */
  n: number;
  /** Depot 0 and the stops: customers are nodes 1 … nc - 1. Equals n with a single depot. */
  nc: number;
  /** True when some vehicle leaves from or returns to a depot other than node 0. */
  multiDepot: boolean;
  dist: Float64Array;
  time: Float64Array;
  demand: Float64Array;
  /** 1 when the stop loads the vehicle (pickup), 0 when it unloads (delivery). */
  pickup: Uint8Array;
  ready: Float64Array;
  due: Float64Array;
  service: Float64Array;
  vehicles: Vehicle[];
  cost: CostModel;
  /** True when a vehicle costs more than any plan's distance and time: fewest vehicles first. */
  fleetFirst: boolean;
  /** For depot 0 and each customer, the other customers sorted by distance (nc-1 entries per row; no depots). */
  neighbours: Int32Array;
}

export function buildModel(problem: Problem, matrix: Matrix, cost: Partial<CostModel> = {}): Model {
  const nc = problem.stops.length + 1;
  let depots = 1;
  for (const v of problem.vehicles) {
    for (const k of [v.depot ?? 0, v.endDepot ?? v.depot ?? 0]) {
      if (!Number.isInteger(k) || k < 0) throw new Error(`vehicle class ${v.id}: depot ${k} is not a depot index`);
      depots = Math.max(depots, k + 1);
    }
  }
  const n = nc + depots - 1;
  if (matrix.n !== n) throw new Error(`matrix is ${matrix.n}×${matrix.n} but the problem has ${n} nodes`);
  const node = (k: number) => (k === 0 ? 0 : nc - 1 + k);
  const vehicles: Vehicle[] = [];
  problem.vehicles.forEach((v, classIndex) => {
    const from = node(v.depot ?? 0);
    const to = node(v.endDepot ?? v.depot ?? 0);
    for (let i = 0; i < v.count; i++) {
      vehicles.push({ classIndex, index: i, capacity: v.capacity, start: v.shiftStart, end: v.shiftEnd, from, to });
    }
  });
  // Larger vans first: new routes open on them, which helps the fewest-vehicles objective.
  vehicles.sort((a, b) => b.capacity - a.capacity || b.end - b.start - (a.end - a.start));
  const demand = new Float64Array(n);
  const pickup = new Uint8Array(n);
  const ready = new Float64Array(n);
  const due = new Float64Array(n);
  const service = new Float64Array(n);
  ready[0] = -Infinity;
  due[0] = Infinity;
  // Every depot node (0 and any after the stops) is open all day.
  for (let i = nc; i < n; i++) {
    ready[i] = -Infinity;
    due[i] = Infinity;
  }
  problem.stops.forEach((s, k) => {
    const i = k + 1;
    demand[i] = s.demand;
    pickup[i] = s.kind === 'pickup' ? 1 : 0;
    ready[i] = s.windowStart ?? -Infinity;
    due[i] = s.windowEnd ?? Infinity;
    service[i] = s.serviceTime ?? 0;
  });
  const resolved = resolveCost(matrix, cost);
  return {
    n,
    nc,
    multiDepot: vehicles.some((v) => v.from !== 0 || v.to !== 0),
    dist: matrix.distance,
    cost: resolved,
    fleetFirst: resolved.perVehicle >= vehicleBound(matrix, resolved),
    time: matrix.duration,
    demand,
    pickup,
    ready,
    due,
    service,
    vehicles,
    neighbours: neighbourLists(nc, n, matrix.distance),
  };
}

/** Rows for depot 0 and the customers (nc of them, stride nc - 1); further depots have none. */
function neighbourLists(nc: number, n: number, dist: Float64Array): Int32Array {
  const out = new Int32Array(nc * Math.max(nc - 1, 0));
  const others: number[] = [];
  for (let i = 0; i < nc; i++) {
    others.length = 0;
    for (let j = 1; j < nc; j++) if (j !== i) others.push(j);
    others.sort((a, b) => dist[i * n + a] - dist[i * n + b] || a - b);
    // Row i holds up to nc-1 entries; rows of customers have nc-2 real neighbours, the last slot repeats.
    for (let k = 0; k < nc - 1; k++) out[i * (nc - 1) + k] = others[Math.min(k, others.length - 1)] ?? 0;
  }
  return out;
}

/**
 * More than any plan's travel cost: a plan has at most 2(n-1) edges, none longer than the longest. Waits
 * are not bounded by it, so with a cost per minute `fleetFirst` only steers the search; the cost decides.
 */
function vehicleBound(matrix: Matrix, cost: { perDistance: number; perDuration: number }): number {
  let maxDist = 0;
  let maxTime = 0;
  for (let k = 0; k < matrix.distance.length; k++) {
    if (matrix.distance[k] > maxDist && Number.isFinite(matrix.distance[k])) maxDist = matrix.distance[k];
    if (matrix.duration[k] > maxTime && Number.isFinite(matrix.duration[k])) maxTime = matrix.duration[k];
  }
  return 2 * matrix.n * (cost.perDistance * maxDist + cost.perDuration * maxTime) + 1;
}

function resolveCost(matrix: Matrix, cost: Partial<CostModel>): CostModel {
  const perDistance = cost.perDistance ?? 1;
  const perDuration = cost.perDuration ?? 0;
  for (const [k, v] of Object.entries({ perDistance, perDuration, perVehicle: cost.perVehicle ?? 0 })) {
    if (!(v >= 0 && Number.isFinite(v))) throw new Error(`cost.${k} must be a finite number ≥ 0`);
  }
  const perVehicle = cost.perVehicle ?? vehicleBound(matrix, { perDistance, perDuration });
  return { perDistance, perDuration, perVehicle };
}
