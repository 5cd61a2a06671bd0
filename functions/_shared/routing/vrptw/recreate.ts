import type { Model } from '../model.ts';
import type { Rng } from '../rng.ts';
import type { Route } from './route.ts';
import { freeVehicles, newRoute, type State } from './state.ts';

/** Chance of skipping a position while inserting ("blinks"): cheap diversification. */
const BLINK = 0.01;
/** With vans at several yards, the chance that a customer joins a route instead of opening a cheaper van. */
const MERGE_RATE = 0.05;

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
      const at = cheapestPosition(m, r, c, rng);
      if (at.cost < best) {
        best = at.cost;
        bestRoute = ri;
        bestPos = at.position;
      }
    }
    // Now and then a customer joins a route even where a van of its own would be cheaper: opening at the
    // nearest yard is greedy, and two routes from two yards may be cheaper merged onto a third van
    // (reassignVans then hands the merged route over). The annealing keeps it only when it pays.
    const merge = m.multiDepot && bestRoute >= 0 && rng.next() < MERGE_RATE;
    if (m.multiDepot && s.routes.length < fleetLimit && !merge) {
      // Vans start from different depots: open the route on the free van that serves c alone cheapest.
      free ??= freeVehicles(m, s);
      let k = -1;
      let open = Infinity;
      for (let i = 0; i < free.length; i++) {
        const o = openingCost(m, c, free[i]);
        if (o < open && newRoute(m, free[i], [c]).feasible(m)) {
          open = o;
          k = i;
        }
      }
      if (k >= 0 && (open < best || (open === best && !m.fleetFirst))) {
        s.routes.push(newRoute(m, free[k], [c]));
        free.splice(k, 1);
        continue;
      }
    }
    // On a tie a fresh van is the better choice when vans are not the first concern: the work spreads out.
    const open = m.multiDepot ? Infinity : openingCost(m, c, 0);
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
  if (m.multiDepot) reassignVans(m, s);
}

/**
 * With vans at different depots, insertion alone never moves a route to another van: the first stop
 * picks the van and later stops follow it. Hand each route to the van that drives it cheapest (a free
 * van, or by swapping with another route's van) until no change helps. A route handed over keeps its
 * order; with `reorder` (the final polish of the search's best plan: too slow for every iteration, where it
 * halved the iterations a second on a 60-stop, 3-yard morning) it may also be reversed or re-built for its
 * new yard, whichever is cheapest (see `onVan`).
 */
export function reassignVans(m: Model, s: State, reorder = false): void {
  const owner = new Int32Array(m.vehicles.length).fill(-1);
  s.routes.forEach((r, i) => (owner[r.vehicle] = i));
  for (let pass = 0, changed = true; changed && pass < 4; pass++) {
    changed = false;
    for (let i = 0; i < s.routes.length; i++) {
      for (let v = 0; v < m.vehicles.length; v++) {
        const r = s.routes[i];
        if (v === r.vehicle) continue;
        const j = owner[v];
        const a = onVan(m, v, r.nodes, reorder);
        if (!a) continue;
        if (j < 0) {
          if (a.cost(m) < r.cost(m) - 1e-9) {
            owner[r.vehicle] = -1;
            owner[v] = i;
            s.routes[i] = a;
            changed = true;
          }
          continue;
        }
        const other = s.routes[j];
        const b = onVan(m, r.vehicle, other.nodes, reorder);
        if (b && a.cost(m) + b.cost(m) < r.cost(m) + other.cost(m) - 1e-9) {
          owner[v] = i;
          owner[r.vehicle] = j;
          s.routes[i] = a;
          s.routes[j] = b;
          changed = true;
        }
      }
    }
  }
}

/**
 * Merges two routes into one wherever a single van (either route's, or a free one) drives both routes' stops
 * for less than the two cost apart, until no merge helps. Part of the final polish with several yards: two
 * routes from two yards can be cheaper as one from a third, which no single insertion reaches.
 */
export function mergeRoutes(m: Model, s: State): void {
  // every stop on one van first: small days are often cheapest so, and pairwise merges cannot see it
  if (s.routes.length > 2) {
    const all = s.routes.flatMap((r) => r.nodes);
    let best: Route | null = null;
    let bound = s.routes.reduce((sum, r) => sum + r.cost(m), 0) - 1e-9;
    for (let v = 0; v < m.vehicles.length; v++) {
      const one = onVan(m, v, all, true);
      if (one && one.cost(m) < bound) {
        best = one;
        bound = one.cost(m) - 1e-9;
      }
    }
    if (best) s.routes = [best];
  }
  for (let changed = true; changed;) {
    changed = false;
    const free = freeVehicles(m, s);
    search: for (let i = 0; i < s.routes.length; i++) {
      for (let j = i + 1; j < s.routes.length; j++) {
        const a = s.routes[i];
        const b = s.routes[j];
        const both = [...a.nodes, ...b.nodes];
        for (const v of [a.vehicle, b.vehicle, ...free]) {
          const merged = onVan(m, v, both, true);
          if (merged && merged.cost(m) < a.cost(m) + b.cost(m) - 1e-9) {
            s.routes[i] = merged;
            s.routes.splice(j, 1);
            changed = true;
            break search;
          }
        }
      }
    }
  }
}

/**
 * The cheapest feasible route of vehicle v through these stops: in the given order, and with `reorder` also
 * reversed or rebuilt by cheapest insertion from v's own yard (an order that was best from one yard is often
 * not from another). Null when none is feasible.
 */
function onVan(m: Model, v: number, nodes: number[], reorder: boolean): Route | null {
  const options = [newRoute(m, v, nodes)];
  if (reorder) options.push(newRoute(m, v, nodes.slice().reverse()), rebuild(m, v, nodes));
  let best: Route | null = null;
  for (const r of options) {
    if (r.nodes.length !== nodes.length || !r.feasible(m)) continue;
    if (!best || r.cost(m) < best.cost(m) - 1e-9) best = r;
  }
  return best;
}

/** The stops inserted one by one, each where it adds least, on a route of vehicle v (stops that fit nowhere are left out). */
function rebuild(m: Model, v: number, nodes: number[]): Route {
  const r = newRoute(m, v, []);
  for (const c of nodes) {
    const { position } = cheapestPosition(m, r, c);
    if (position < 0) continue;
    r.nodes.splice(position, 0, c);
    r.update(m);
  }
  return r;
}

/**
 * Where on route r customer c adds least, and what it adds (position -1, cost Infinity: nowhere feasible).
 * With `blinks`, each position is skipped with probability BLINK. The scan stops where c's window has closed.
 */
function cheapestPosition(m: Model, r: Route, c: number, blinks?: Rng): { position: number; cost: number } {
  let position = -1;
  let cost = Infinity;
  for (let p = 0; p <= r.nodes.length; p++) {
    if (blinks && blinks.next() < BLINK) continue;
    const d = r.insertionCost(m, c, p);
    if (d !== d) break; // NaN: the window closed at p
    if (d < cost) {
      cost = d;
      position = p;
    }
  }
  return { position, cost };
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

/** Cost of serving c alone on a new route of vehicle v (vehicle and round trip), the way insertions are priced. */
function openingCost(m: Model, c: number, v: number): number {
  const k = m.cost;
  const { n } = m;
  const { from, to } = m.vehicles[v] ?? { from: 0, to: 0 };
  const trip = k.perDistance * (m.dist[from * n + c] + m.dist[c * n + to]);
  return k.perVehicle + trip + k.perDuration * (m.time[from * n + c] + m.service[c] + m.time[c * n + to]);
}
