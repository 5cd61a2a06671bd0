import type { Model } from '../model.ts';
import { Route } from './route.ts';

/** A (possibly partial) plan: routes plus the customers not on any route. */
export interface State {
  routes: Route[];
  absent: number[];
}

export function cloneState(s: State): State {
  return { routes: s.routes.map((r) => r.clone()), absent: s.absent.slice() };
}

export function distanceOf(s: State): number {
  let d = 0;
  for (const r of s.routes) d += r.distance;
  return d;
}

/** The plan's cost under the model's cost model (absent customers aside). */
export function costOf(m: Model, s: State): number {
  let c = 0;
  for (const r of s.routes) c += r.cost(m);
  return c;
}

/** When the last van is back: the tie-break that spreads work over the vans when costs tie. */
export function lastReturn(s: State): number {
  let t = -Infinity;
  for (const r of s.routes) t = Math.max(t, r.earliest[r.earliest.length - 1]);
  return t;
}

/** Fewer absent customers, then lower cost, then the earlier last return. */
export function better(m: Model, a: State, b: State): boolean {
  if (a.absent.length !== b.absent.length) return a.absent.length < b.absent.length;
  const ca = costOf(m, a);
  const cb = costOf(m, b);
  const tol = 1e-9 * Math.max(1, Math.abs(cb));
  if (Math.abs(ca - cb) > tol) return ca < cb;
  return lastReturn(a) < lastReturn(b) - 1e-9;
}

/** Vehicles not driving any route, best first (the model lists the largest first). */
export function freeVehicles(m: Model, s: State): number[] {
  const used = new Uint8Array(m.vehicles.length);
  for (const r of s.routes) used[r.vehicle] = 1;
  const out: number[] = [];
  for (let v = 0; v < m.vehicles.length; v++) if (!used[v]) out.push(v);
  return out;
}

export function newRoute(m: Model, vehicle: number, nodes: number[]): Route {
  const r = new Route(vehicle, nodes);
  r.update(m);
  return r;
}
