import fc from 'fast-check';
import { buildModel, type Model } from '../model.ts';
import { planRoute } from '../schedule.ts';
import type { CostModel, Problem, Solution } from '../types.ts';
import { Route } from '../vrptw/route.ts';
import { recreate } from '../vrptw/recreate.ts';
import type { State } from '../vrptw/state.ts';
import { Rng } from '../rng.ts';
import { smallInstance } from './generators.ts';

/**
 * Brute-force references for the solver's specs: they re-time a whole route from scratch, sharing no
 * code with the route's cached schedule.
 */
export interface Timing {
  feasible: boolean;
  distance: number;
  travel: number;
  /** When the van is back at the depot. */
  back: number;
}

/** Drives `nodes` on `vehicle` leaving `delay` after its shift start. */
export function retime(m: Model, vehicle: number, nodes: number[], delay = 0): Timing {
  const v = m.vehicles[vehicle];
  let load = 0;
  for (const c of nodes) if (!m.pickup[c]) load += m.demand[c];
  let feasible = load <= v.capacity + 1e-9;
  let t = v.start + delay;
  let prev = v.from;
  let distance = 0;
  let travel = 0;
  for (const c of nodes) {
    const arrive = t + m.service[prev] + m.time[prev * m.n + c];
    t = Math.max(arrive, m.ready[c]);
    if (t > m.due[c] + 1e-9) feasible = false;
    load += m.pickup[c] ? m.demand[c] : -m.demand[c];
    if (load > v.capacity + 1e-9) feasible = false;
    distance += m.dist[prev * m.n + c];
    travel += m.time[prev * m.n + c] + m.service[c];
    prev = c;
  }
  const back = t + m.service[prev] + m.time[prev * m.n + v.to];
  distance += m.dist[prev * m.n + v.to];
  travel += m.time[prev * m.n + v.to];
  return { feasible: feasible && back <= v.end + 1e-9, distance, travel, back };
}

export interface RouteCase {
  m: Model;
  problem: Problem;
  route: Route;
}

/**
 * A random instance with one feasible route on a random vehicle, grown by inserting customers in a
 * random order at a random position that brute-force re-timing accepts.
 */
export function routeCase(cost: Partial<CostModel> = {}): fc.Arbitrary<RouteCase> {
  return fc.tuple(smallInstance, fc.infiniteStream(fc.nat())).map(([inst, picks]) => {
    const m = buildModel(inst.problem, inst.matrix, cost);
    const it = picks[Symbol.iterator]();
    const pick = (k: number) => (it.next().value as number) % k;
    const vehicle = pick(m.vehicles.length);
    const nodes: number[] = [];
    const order = Array.from({ length: m.nc - 1 }, (_, i) => i + 1);
    for (let i = order.length - 1; i > 0; i--) {
      const j = pick(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const c of order) {
      const ok: number[] = [];
      for (let p = 0; p <= nodes.length; p++) {
        if (retime(m, vehicle, [...nodes.slice(0, p), c, ...nodes.slice(p)]).feasible) ok.push(p);
      }
      if (ok.length > 0) nodes.splice(ok[pick(ok.length)], 0, c);
    }
    const route = new Route(vehicle, nodes);
    route.update(m);
    return { m, problem: inst.problem, route };
  });
}

/** The published form of a state, the way solve builds it, for the independent checker. */
export function publish(problem: Problem, m: Model, s: State): Solution {
  const routes = s.routes.map((r) => planRoute(problem, m, r));
  const unassigned = s.absent.map((c) => ({
    stopId: problem.stops[c - 1].id,
    reason: 'no_vehicle_available' as const,
  }));
  return {
    routes,
    unassigned,
    totals: {
      vehicles: routes.length,
      distance: routes.reduce((d, r) => d + r.distance, 0),
      duration: routes.reduce((d, r) => d + r.duration, 0),
      unassigned: unassigned.length,
      cost: 0,
    },
    stats: { iterations: 0, elapsedMs: 0, firstCompleteMs: null, algorithm: 'vrptw-lns' },
  };
}

/** A random instance, a plan built by recreate from nothing, and a seed for the ruin. */
export const planned = fc
  .tuple(smallInstance, fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 30 }))
  .map(([inst, seed, size]) => {
    const m = buildModel(inst.problem, inst.matrix);
    const s: State = { routes: [], absent: [] };
    const customers = Array.from({ length: m.nc - 1 }, (_, i) => i + 1);
    recreate(m, s, customers, m.vehicles.length, new Rng(seed));
    return { m, s, rng: new Rng(seed + 1), size, problem: inst.problem, matrix: inst.matrix };
  });
