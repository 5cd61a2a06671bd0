import type { BusinessRow, DepotRow, ExistingRoute, NewRoute, RouteStore, TransportRequestRow } from './store.ts';

/** In-memory RouteStore for tests: one business, the caller's roles, rows kept in arrays. */
export class FakeStore implements RouteStore {
  businessRow: BusinessRow | null;
  callerRoles: string[];
  depotRow: DepotRow | null;
  requestRows: TransportRequestRow[];
  routes: Array<ExistingRoute & NewRoute> = [];
  writes = 0;
  private nextId = 1;

  constructor(init: { business: BusinessRow | null; roles: string[]; depot: DepotRow | null; requests: TransportRequestRow[] }) {
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
    return Promise.resolve(this.requestRows.filter((r) => {
      const t = Date.parse(r.window_start);
      return t >= from && t < to && (r.status === 'requested' || r.status === 'scheduled');
    }));
  }
  routesOn(_b: string, date: string) {
    return Promise.resolve(this.routes.filter((r) => r.service_date === date).map(({ id, status }) => ({ id, status })));
  }
  replaceRoutes(_b: string, replaced: string[], routes: NewRoute[]) {
    this.writes++;
    const added = routes.map((r, i) => ({ ...r, id: replaced[i] ?? `route-${this.nextId++}`, status: 'planned' as const }));
    this.routes = this.routes.filter((r) => !replaced.includes(r.id)).concat(added);
    const routed = new Set(routes.flatMap((r) => r.stops.map((s) => s.transport_request_id)));
    for (const r of this.requestRows) if (routed.has(r.id) && r.status === 'requested') r.status = 'scheduled';
    return Promise.resolve(added.map((r) => r.id));
  }
}
