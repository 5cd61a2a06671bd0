import type { Model } from './model.ts';
import type { Problem, PlannedRoute } from './types.ts';
import type { Route } from './vrptw/route.ts';

/**
 * Turns a route into its published schedule. The van leaves as late as it can without coming back
 * later, so it does not start by waiting outside the first house and is out for the shortest time.
 */
export function planRoute(problem: Problem, m: Model, r: Route): PlannedRoute {
  const veh = m.vehicles[r.vehicle];
  const { n, dist, time, ready, service } = m;
  const depart = veh.start + r.delay;
  let t = depart;
  let prev = veh.from;
  let load = r.load[0];
  let distance = 0;
  const stops = r.nodes.map((c) => {
    const arrival = t + service[prev] + time[prev * n + c];
    const start = Math.max(arrival, ready[c]);
    distance += dist[prev * n + c];
    load += m.pickup[c] ? m.demand[c] : -m.demand[c];
    t = start;
    prev = c;
    return {
      stopId: problem.stops[c - 1].id,
      arrival,
      wait: start - arrival,
      start,
      departure: start + service[c],
      load,
    };
  });
  const back = t + service[prev] + time[prev * n + veh.to];
  distance += dist[prev * n + veh.to];
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
