/**
 * What the optimiser reads and writes, as the caller (their JWT, so row-level security decides what
 * they may see and change). The handler depends only on this interface; `supabase-store.ts`
 * implements it over REST and the tests with an in-memory fake.
 */

export interface BusinessRow {
  id: string;
  timezone: string;
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
}

export interface ExistingRoute {
  id: string;
  status: 'planned' | 'in_progress' | 'done';
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
  stops: Array<{ transport_request_id: string; seq: number; planned_eta: string }>;
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
  routesOn(businessId: string, date: string): Promise<ExistingRoute[]>;
  /**
   * Puts the new plan in place of the date's planned routes in one transaction: reuses their rows in
   * order (so a re-run keeps route ids), removes the surplus, writes the stops, marks the routed
   * requests scheduled and reopens the ones left out. Returns the route ids in the order of `routes`.
   * Throws a 409 StoreError when a route of the date has started meanwhile, and writes nothing.
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
