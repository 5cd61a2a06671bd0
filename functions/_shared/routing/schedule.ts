import type { Model } from './model.ts';
import type { Problem, PlannedRoute } from './types.ts';
import type { Route } from './vrptw/route.ts';

/**
 * Turns a route into its published schedule. The van leaves as late as it can without delaying the
 * first service, so a morning route does not start by waiting outside the first house.
 */
export function planRoute(problem: Problem, m: Model, r: Route): PlannedRoute {
  const veh = m.vehicles[r.vehicle];
  const { n, dist, time, ready, service } = m;
  let depart = veh.start;
  if (r.nodes.length > 0) {
    const first = r.nodes[0];
    const firstWait = Math.max(0, ready[first] - (veh.start + time[first]));
    depart += Math.max(0, Math.min(firstWait, r.latest[0] - r.earliest[0]));
  }
  let t = depart;
  let prev = 0;
  let load = r.load[0];
  let distance = 0;
  const stops = r.nodes.map((c) => {
    const arrival = t + service[prev] + time[prev * n + c];
    const start = Math.max(arrival, ready[c]);
    distance += dist[prev * n + c];
    load += m.pickup[c] ? m.demand[c] : -m.demand[c];
    t = start;
    prev = c;
    return { stopId: problem.stops[c - 1].id, arrival, wait: start - arrival, start, departure: start + service[c], load };
  });
  const back = t + service[prev] + time[prev * n];
  distance += dist[prev * n];
  return {
    vehicleId: problem.vehicles[veh.classIndex].id,
    vehicleIndex: veh.index,
    departure: depart,
    arrival: back,
    startLoad: r.load[0],
    distance,
    duration: back - depart,
    stops,
  };
}
