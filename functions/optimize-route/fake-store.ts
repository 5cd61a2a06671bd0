import {
  StoreError,
  type BusinessRow,
  type DepotRow,
  type EditedRoute,
  type ExistingRoute,
  type NewRoute,
  type RouteStore,
  type TransportRequestRow,
  type VehicleRow,
} from './store.ts';

/** In-memory RouteStore for tests: one business, the caller's roles, rows kept in arrays. */
export class FakeStore implements RouteStore {
  businessRow: BusinessRow | null;
  callerRoles: string[];
  depotRow: DepotRow | null;
  requestRows: TransportRequestRow[];
  vehicleRows: VehicleRow[];
  routes: Array<Omit<ExistingRoute, 'request_ids'> & NewRoute> = [];
  writes = 0;
  private nextId = 1;

  constructor(init: {
    business: BusinessRow | null;
    roles: string[];
    depot: DepotRow | null;
    requests: TransportRequestRow[];
    vehicles?: VehicleRow[];
  }) {
    this.vehicleRows = init.vehicles ?? [];
    this.businessRow = init.business;
    this.callerRoles = init.roles;
    this.depotRow = init.depot;
    this.requestRows = init.requests;
  }

  business(id: string) {
    return Promise.resolve(this.businessRow?.id === id ? this.businessRow : null);
  }
  roles() {
    return Promise.resolve(this.callerRoles);
  }
  depot() {
    return Promise.resolve(this.depotRow);
  }
  requests(_b: string, fromIso: string, toIso: string) {
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    return Promise.resolve(
      this.requestRows.filter((r) => {
        const t = Date.parse(r.window_start);
        return t >= from && t < to && (r.status === 'requested' || r.status === 'scheduled');
      }),
    );
  }
  vehicles() {
    return Promise.resolve(this.vehicleRows);
  }
  routesOn(_b: string, date: string) {
    return Promise.resolve(
      this.routes
        .filter((r) => r.service_date === date)
        .map(({ id, status, vehicle_id, vehicle_capacity, stops }) => ({
          id,
          status,
          vehicle_id: vehicle_id ?? null,
          vehicle_capacity,
          request_ids: stops.map((s) => s.transport_request_id),
        })),
    );
  }
  /** Mirrors public.edit_route_plan: planned routes only, stops rewritten in the given order. */
  editPlan(_b: string, _date: string, edits: EditedRoute[]) {
    for (const e of edits) {
      const route = this.routes.find((r) => r.id === e.route_id);
      if (!route) return Promise.reject(new StoreError(404, 'no such route'));
      if (route.status !== 'planned') return Promise.reject(new StoreError(409, 'the route has started'));
    }
    this.writes++;
    for (const e of edits) {
      const route = this.routes.find((r) => r.id === e.route_id)!;
      Object.assign(route, { distance_m: e.distance_m, duration_s: e.duration_s, stops: e.stops });
    }
    return Promise.resolve();
  }
  /** Mirrors public.replace_route_plan: keeps started routes (refusing a plan that routes their stops), reuses planned ids in order. */
  replacePlan(_b: string, date: string, routes: NewRoute[]) {
    const started = this.routes.filter((r) => r.service_date === date && r.status !== 'planned');
    const held = new Set(started.flatMap((r) => r.stops.map((s) => s.transport_request_id)));
    if (routes.some((r) => r.stops.some((s) => held.has(s.transport_request_id)))) {
      return Promise.reject(new StoreError(409, 'a stop of the plan is on a route that has started'));
    }
    const day = this.routes.filter((r) => r.service_date === date && r.status === 'planned');
    this.writes++;
    const added = routes.map((r, i) => ({
      ...r,
      id: day[i]?.id ?? `route-${this.nextId++}`,
      status: 'planned' as const,
    }));
    const dropped = new Set(day.flatMap((r) => r.stops.map((s) => s.transport_request_id)));
    this.routes = this.routes.filter((r) => r.service_date !== date || r.status !== 'planned').concat(added);
    const routed = new Set(routes.flatMap((r) => r.stops.map((s) => s.transport_request_id)));
    for (const r of this.requestRows) {
      if (routed.has(r.id) && r.status === 'requested') r.status = 'scheduled';
      else if (!routed.has(r.id) && dropped.has(r.id) && r.status === 'scheduled') r.status = 'requested';
    }
    return Promise.resolve(added.map((r) => r.id));
  }
}
