import {
  StoreError,
  type BusinessRow,
  type DepotRow,
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
  routes: Array<ExistingRoute & NewRoute> = [];
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
      this.routes.filter((r) => r.service_date === date).map(({ id, status }) => ({ id, status })),
    );
  }
  /** Mirrors public.replace_route_plan: refuses a started day whole, reuses planned ids in order. */
  replacePlan(_b: string, date: string, routes: NewRoute[]) {
    const day = this.routes.filter((r) => r.service_date === date);
    if (day.some((r) => r.status !== 'planned')) {
      return Promise.reject(new StoreError(409, 'routes for this date have started; the day cannot be re-planned'));
    }
    this.writes++;
    const added = routes.map((r, i) => ({
      ...r,
      id: day[i]?.id ?? `route-${this.nextId++}`,
      status: 'planned' as const,
    }));
    const dropped = new Set(day.flatMap((r) => r.stops.map((s) => s.transport_request_id)));
    this.routes = this.routes.filter((r) => r.service_date !== date).concat(added);
    const routed = new Set(routes.flatMap((r) => r.stops.map((s) => s.transport_request_id)));
    for (const r of this.requestRows) {
      if (routed.has(r.id) && r.status === 'requested') r.status = 'scheduled';
      else if (!routed.has(r.id) && dropped.has(r.id) && r.status === 'scheduled') r.status = 'requested';
    }
    return Promise.resolve(added.map((r) => r.id));
  }
}
