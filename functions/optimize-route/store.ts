/**
 * What the optimiser reads and writes, as the caller (their JWT, so row-level security decides what
 * they may see and change). The handler depends only on this interface; `supabase-store.ts`
 * implements it over REST and the tests with an in-memory fake.
 */

export interface BusinessRow {
  id: string;
  timezone: string;
  /** The business's settings (jsonb): the pet taxi's travel model lives there (travel.ts). */
  settings?: unknown;
}

export interface DepotRow {
  id: string;
  geo: unknown;
}

export interface TransportRequestRow {
  id: string;
  kind: 'pickup' | 'dropoff';
  geo: unknown;
  window_start: string;
  window_end: string;
  status: string;
}

export interface VehicleRow {
  id: string;
  name: string;
  seats: number;
  /** Where the van starts and ends its day (PostGIS point as REST returns it). */
  depot_geo?: unknown;
}

export interface ExistingRoute {
  id: string;
  status: 'planned' | 'in_progress' | 'done';
  vehicle_id?: string | null;
  vehicle_capacity?: number;
  /** The route's transport requests in stop order. */
  request_ids?: string[];
}

/**
 * A stop as written: its order, its ETA, and its leg from the stop before (the depot first) in whole seconds as
 * the plan's distance provider measured it (road times with ROUTING_URL), which pet_eta starts from later.
 */
export interface PlannedStopRow {
  transport_request_id: string;
  seq: number;
  planned_eta: string;
  leg_seconds: number;
}

/** A hand-edited planned route, re-timed: its stops in the new order with ETAs, and its new figures. */
export interface EditedRoute {
  route_id: string;
  vehicle_capacity: number;
  distance_m: number;
  duration_s: number;
  optimised_at: string;
  stops: PlannedStopRow[];
}

export interface NewRoute {
  service_date: string;
  depot_location_id: string;
  /** The van (public.vehicles) when the fleet came from the table. */
  vehicle_id?: string;
  vehicle_capacity: number;
  distance_m: number;
  duration_s: number;
  optimised_at: string;
  stops: PlannedStopRow[];
}

export interface RouteStore {
  /** The business if the caller can see it. */
  business(businessId: string): Promise<BusinessRow | null>;
  /** The caller's membership roles in the business. */
  roles(businessId: string): Promise<string[]>;
  /** The given location, or the business's first depot when none is given. */
  depot(businessId: string, locationId?: string): Promise<DepotRow | null>;
  /** Open (requested or scheduled) requests whose window starts within [fromIso, toIso). */
  requests(businessId: string, fromIso: string, toIso: string): Promise<TransportRequestRow[]>;
  /** The business's vans in service. */
  vehicles(businessId: string): Promise<VehicleRow[]>;
  /** The date's routes (any status) with their van, seats and stops in order. */
  routesOn(businessId: string, date: string): Promise<ExistingRoute[]>;
  /** Writes hand-edited planned routes in one transaction (public.edit_route_plan); 409 when one has started. */
  editPlan(businessId: string, date: string, routes: EditedRoute[]): Promise<void>;
  /**
   * Puts the new plan in place of the date's planned routes in one transaction: reuses their rows in
   * order (so a re-run keeps route ids), removes the surplus, writes the stops, marks the routed
   * requests scheduled and reopens the ones left out. Returns the route ids in the order of `routes`.
   * Routes that have started stay; a 409 StoreError when the plan routes one of their stops (a route
   * started meanwhile), and nothing is written.
   */
  replacePlan(businessId: string, date: string, routes: NewRoute[]): Promise<string[]>;
}

/**
 * A store failure with the HTTP status it should surface as (403 when refused, 409 when the day has
 * started). `message` is a sentence written for the caller; `detail` is what the database said, for
 * the server's log only — it may name tables, columns, constraints or values.
 */
export class StoreError extends Error {
  status: number;
  detail?: string;
  constructor(status: number, message: string, detail?: string) {
    super(message);
    this.name = 'StoreError';
    this.status = status;
    this.detail = detail;
  }
}
