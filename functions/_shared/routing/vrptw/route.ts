import type { Model, Vehicle } from '../model.ts';

/**
 * A route under construction with cached forward/backward schedule data, so that inserting a customer
 * at any position is checked in O(1): `earliest[p]` is the earliest service start at position p
 * (0 = leaving depot, m + 1 = back at depot), `latest[p]` the latest start that keeps the rest of the
 * route feasible. Loads are kept as prefix/suffix maxima because pickups and deliveries may mix.
 */
export class Route {
  vehicle: number;
  nodes: number[];
  distance = 0;
  /** Shortest time out: leaving as late as the route allows without coming back later. */
  duration = 0;
  /** How long after the shift start the van leaves to be out for `duration`. */
  delay = 0;
  earliest: number[] = [];
  latest: number[] = [];
  load: number[] = [];
  prefMax: number[] = [];
  sufMax: number[] = [];

  constructor(vehicle: number, nodes: number[] = []) {
    this.vehicle = vehicle;
    this.nodes = nodes;
  }

  clone(): Route {
    const r = new Route(this.vehicle, this.nodes.slice());
    r.distance = this.distance;
    r.duration = this.duration;
    r.delay = this.delay;
    r.earliest = this.earliest.slice();
    r.latest = this.latest.slice();
    r.load = this.load.slice();
    r.prefMax = this.prefMax.slice();
    r.sufMax = this.sufMax.slice();
    return r;
  }

  /** The matrix node at position p: the vehicle's depots at both ends. */
  node(m: Model, p: number): number {
    const v = m.vehicles[this.vehicle];
    return p === 0 ? v.from : p === this.nodes.length + 1 ? v.to : this.nodes[p - 1];
  }

  /** Recomputes the cached schedule after the node list changed. */
  update(m: Model): void {
    const veh: Vehicle = m.vehicles[this.vehicle];
    const { n, dist, time, ready, due, service, demand, pickup } = m;
    const len = this.nodes.length + 2;
    const e = this.earliest;
    const l = this.latest;
    e.length = l.length = this.load.length = this.prefMax.length = this.sufMax.length = len;
    let d = 0;
    e[0] = veh.start;
    let startLoad = 0;
    for (const c of this.nodes) if (!pickup[c]) startLoad += demand[c];
    this.load[0] = startLoad;
    this.prefMax[0] = startLoad;
    let prev = veh.from;
    let waits = 0;
    for (let p = 1; p < len; p++) {
      const back = p === len - 1;
      const c = back ? veh.to : this.nodes[p - 1];
      d += dist[prev * n + c];
      const arrive = e[p - 1] + service[prev] + time[prev * n + c];
      e[p] = back ? arrive : Math.max(ready[c], arrive);
      waits += e[p] - arrive;
      const ld = this.load[p - 1] + (back ? 0 : pickup[c] ? demand[c] : -demand[c]);
      this.load[p] = ld;
      this.prefMax[p] = Math.max(this.prefMax[p - 1], ld);
      prev = c;
    }
    this.distance = d;
    l[len - 1] = veh.end;
    this.sufMax[len - 1] = this.load[len - 1];
    for (let p = len - 2; p >= 0; p--) {
      const c = p === 0 ? veh.from : this.nodes[p - 1];
      const next = p + 1 === len - 1 ? veh.to : this.nodes[p];
      const limit = p === 0 ? veh.end : due[c];
      l[p] = Math.min(limit, l[p + 1] - time[c * n + next] - service[c]);
      this.sufMax[p] = Math.max(this.sufMax[p + 1], this.load[p]);
    }
    // Leaving δ after the shift start delays the return by max(0, δ - total waiting), so leaving as
    // late as the waits and the first latest start allow gives the shortest time out.
    this.delay = Math.max(0, Math.min(waits, l[0] - e[0]));
    this.duration = e[len - 1] - e[0] - this.delay;
  }

  /** The route's cost under the model's cost model, its vehicle's fixed cost included. */
  cost(m: Model): number {
    const k = m.cost;
    return k.perVehicle + k.perDistance * this.distance + k.perDuration * this.duration;
  }

  feasible(m: Model): boolean {
    const cap = m.vehicles[this.vehicle].capacity;
    for (let p = 0; p < this.earliest.length; p++) if (this.earliest[p] > this.latest[p] + 1e-9) return false;
    return this.prefMax[this.prefMax.length - 1] <= cap + 1e-9;
  }

  /**
   * Extra travel cost (distance and driving time under the cost model) of inserting customer c between
   * positions p and p + 1, or Infinity when it would break a time window, the shift or the capacity. NaN means c's window has closed by position p:
   * later positions only start later (triangle inequality), so the caller may stop scanning the route.
   */
  insertionCost(m: Model, c: number, p: number): number {
    const { n, dist, time, ready, due, service, demand } = m;
    const veh = m.vehicles[this.vehicle];
    const cap = veh.capacity;
    if (m.pickup[c]) {
      if (this.sufMax[p] + demand[c] > cap + 1e-9) return Infinity;
    } else if (this.prefMax[p] + demand[c] > cap + 1e-9) return Infinity;
    const a = p === 0 ? veh.from : this.nodes[p - 1];
    const b = p === this.nodes.length ? veh.to : this.nodes[p];
    const start = Math.max(ready[c], this.earliest[p] + service[a] + time[a * n + c]);
    if (start > due[c] + 1e-9) return NaN;
    if (start + service[c] + time[c * n + b] > this.latest[p + 1] + 1e-9) return Infinity;
    const k = m.cost;
    const dd = dist[a * n + c] + dist[c * n + b] - dist[a * n + b];
    // Waits are left out: they would make the check O(route length). The search compares whole costs.
    return k.perDuration === 0
      ? k.perDistance * dd
      : k.perDistance * dd + k.perDuration * (time[a * n + c] + service[c] + time[c * n + b] - time[a * n + b]);
  }
}
