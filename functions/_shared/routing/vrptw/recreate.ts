import type { Model } from '../model.ts';
import type { Rng } from '../rng.ts';
import type { Route } from './route.ts';
import { freeVehicles, newRoute, type State } from './state.ts';

/** Chance of skipping a position while inserting ("blinks"): cheap diversification. */
const BLINK = 0.01;

/**
 * Greedy insertion with blinks: customers in a randomly chosen order go to their cheapest feasible
 * position; a new route opens when the fleet limit allows and it is cheaper than any insertion (or no
 * insertion is feasible), otherwise the customer stays absent. With `first`, customers listed there go
 * before the others, in that order (the repair phase puts the most often left-out customers first).
 */
export function recreate(
  m: Model,
  s: State,
  customers: number[],
  fleetLimit: number,
  rng: Rng,
  first?: number[],
): void {
  order(m, customers, rng);
  if (first) customers.unshift(...first);
  let free: number[] | null = null;
  for (const c of customers) {
    let best = Infinity;
    let bestRoute = -1;
    let bestPos = -1;
    for (let ri = 0; ri < s.routes.length; ri++) {
      const r = s.routes[ri];
      if (!fits(m, r, c)) continue;
      for (let p = 0; p <= r.nodes.length; p++) {
        if (rng.next() < BLINK) continue;
        const cost = r.insertionCost(m, c, p);
        if (cost !== cost) break;
        if (cost < best) {
          best = cost;
          bestRoute = ri;
          bestPos = p;
        }
      }
    }
    // On a tie a fresh van is the better choice when vans are not the first concern: the work spreads out.
    const open = openingCost(m, c);
    if (s.routes.length < fleetLimit && (open < best || (open === best && !m.fleetFirst))) {
      free ??= freeVehicles(m, s);
      const k = free.findIndex((v) => newRoute(m, v, [c]).feasible(m));
      if (k >= 0) {
        s.routes.push(newRoute(m, free[k], [c]));
        free.splice(k, 1);
        continue;
      }
    }
    if (bestRoute >= 0) {
      const r = s.routes[bestRoute];
      r.nodes.splice(bestPos, 0, c);
      r.update(m);
      continue;
    }
    s.absent.push(c);
  }
}

function order(m: Model, customers: number[], rng: Rng): void {
  const pick = rng.next();
  // Weights 4:4:2:1 for random, largest demand, farthest, closest, as in SISR.
  if (pick < 4 / 11) rng.shuffle(customers);
  else if (pick < 8 / 11) customers.sort((a, b) => m.demand[b] - m.demand[a]);
  else if (pick < 10 / 11) customers.sort((a, b) => m.dist[b] - m.dist[a]);
  else customers.sort((a, b) => m.dist[a] - m.dist[b]);
}

/** Quick capacity screen: the emptiest point of the route must still have room for c. */
function fits(m: Model, r: Route, c: number): boolean {
  const cap = m.vehicles[r.vehicle].capacity;
  const floor = m.pickup[c] ? r.load[r.load.length - 1] : r.load[0];
  return floor + m.demand[c] <= cap + 1e-9;
}

/** Cost of serving c alone on a new route (vehicle and round trip), the way insertions are priced. */
function openingCost(m: Model, c: number): number {
  const k = m.cost;
  const trip = k.perDistance * (m.dist[c] + m.dist[c * m.n]);
  return k.perVehicle + trip + k.perDuration * (m.time[c] + m.service[c] + m.time[c * m.n]);
}
