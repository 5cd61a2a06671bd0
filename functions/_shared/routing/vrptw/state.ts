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

/** Hierarchical order: fewer absent customers, then fewer vehicles, then less distance. */
export function better(a: State, b: State): boolean {
  if (a.absent.length !== b.absent.length) return a.absent.length < b.absent.length;
  if (a.routes.length !== b.routes.length) return a.routes.length < b.routes.length;
  return distanceOf(a) < distanceOf(b) - 1e-9;
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
