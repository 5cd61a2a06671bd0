/**
 * Public shapes of the route optimiser. Times are plain numbers in one unit chosen by the caller
 * (the edge function uses seconds since midnight of the service day; Solomon instances use their own
 * abstract unit); distances are in the provider's unit (metres for real maps).
 */

/** A class of identical vehicles: `count` vans with the same capacity and shift. */
export interface VehicleClass {
  id: string;
  count: number;
  /** Crates (or any unit of demand) the vehicle can carry at once. */
  capacity: number;
  /** Earliest departure from the depot. */
  shiftStart: number;
  /** Latest return to the depot (closing time). */
  shiftEnd: number;
  /**
   * Where the vehicles start: depot 0 (matrix node 0, the default) or depot k ≥ 1, matrix node
   * `stops.length + k`. Vans of one business may start from different yards.
   */
  depot?: number;
  /** Where they end the day; the start depot when absent. */
  endDepot?: number;
}

/**
 * A stop. A `pickup` loads the vehicle at the stop (pets going to the depot); a `delivery` is loaded
 * at the depot and unloaded at the stop (pets going home). Routes may mix both.
 */
export interface Stop {
  id: string;
  demand: number;
  kind?: 'pickup' | 'delivery';
  /** Earliest start of service; absent means the shift start. */
  windowStart?: number;
  /** Latest start of service; absent means no limit besides the shift end. */
  windowEnd?: number;
  serviceTime?: number;
}

export interface Problem {
  vehicles: VehicleClass[];
  stops: Stop[];
}

/**
 * Travel between the depot (index 0) and stops (index i = stops[i - 1]): row-major n×n arrays,
 * n = stops.length + 1. With several depots (vehicles' `depot`/`endDepot`), depot k ≥ 1 is node
 * stops.length + k and n = stops.length + 1 + the highest depot index. Flat typed arrays keep the inner
 * loops cache friendly.
 */
export interface Matrix {
  n: number;
  distance: Float64Array;
  duration: Float64Array;
}

/**
 * What a plan costs: a fixed amount per vehicle that drives a route, plus amounts per unit of distance
 * (the matrix's unit) and per unit of time a vehicle is out, from leaving the depot to coming back,
 * waits included (the matrix's time unit). Plans that serve more stops always win; among plans serving
 * the same stops the cheaper wins, and among equally cheap ones the one whose last van is back first.
 */
export interface CostModel {
  perVehicle: number;
  perDistance: number;
  perDuration: number;
}

export interface SolveOptions {
  /**
   * The objective. Default: distance only, with a fixed cost per vehicle larger than any plan's
   * distance, so fewer vehicles always win (the classic hierarchical objective of the benchmarks).
   */
  cost?: Partial<CostModel>;
  /** Wall-clock budget for the search; the solve never runs past it (construction aside). */
  timeLimitMs?: number;
  /** Deterministic bound: with a seed, the same iteration limit gives the same answer anywhere. */
  maxIterations?: number;
  seed?: number;
  /** Injected clock (ms) so callers and tests control time; defaults to performance.now. */
  now?: () => number;
}

export interface PlannedStop {
  stopId: string;
  arrival: number;
  wait: number;
  /** Start of service = arrival + wait. */
  start: number;
  departure: number;
  /** Load on board when leaving the stop. */
  load: number;
}

export interface PlannedRoute {
  vehicleId: string;
  /** 0-based index of the vehicle within its class. */
  vehicleIndex: number;
  departure: number;
  arrival: number;
  /** Load on board when leaving the depot. */
  startLoad: number;
  distance: number;
  duration: number;
  stops: PlannedStop[];
}

export type UnassignedReason =
  'demand_exceeds_capacity' | 'time_window_unreachable' | 'shift_too_short' | 'no_vehicle_available';

export interface Unassigned {
  stopId: string;
  reason: UnassignedReason;
}

export interface Solution {
  routes: PlannedRoute[];
  unassigned: Unassigned[];
  /** `cost` is the plan's cost under the solve's cost model. */
  totals: { vehicles: number; distance: number; duration: number; unassigned: number; cost: number };
  /**
   * Search statistics, for benchmarks and logs. `firstCompleteMs`: time until the first plan serving
   * every servable stop (null if none was found).
   */
  stats: {
    iterations: number;
    elapsedMs: number;
    firstCompleteMs: number | null;
    algorithm: 'tsp-ils' | 'vrptw-lns' | 'trivial';
  };
}
