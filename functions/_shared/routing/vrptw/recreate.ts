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
 * van, or by swapping with another route's van) until no change helps. A route handed over is driven in
 * its order or re-ordered for the new yard (see `onVan`), whichever is cheaper.
 */
export function reassignVans(m: Model, s: State): void {
  const owner = new Int32Array(m.vehicles.length).fill(-1);
  s.routes.forEach((r, i) => (owner[r.vehicle] = i));
  for (let pass = 0, changed = true; changed && pass < 4; pass++) {
    changed = false;
    for (let i = 0; i < s.routes.length; i++) {
      for (let v = 0; v < m.vehicles.length; v++) {
        const r = s.routes[i];
        if (v === r.vehicle) continue;
        const j = owner[v];
        const a = onVan(m, v, r.nodes);
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
        const b = onVan(m, r.vehicle, other.nodes);
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
 * The cheapest feasible route of vehicle v through these stops: in the given order, or rebuilt by cheapest
 * insertion from v's own yard (an order that was best from one yard is often not from another: three
 * houses taken clockwise from the north yard are taken anticlockwise from the south one). Null when
 * neither is feasible.
 */
function onVan(m: Model, v: number, nodes: number[]): Route | null {
  const kept = newRoute(m, v, nodes);
  const rebuilt = newRoute(m, v, []);
  for (const c of nodes) {
    let best = Infinity;
    let at = -1;
    for (let p = 0; p <= rebuilt.nodes.length; p++) {
      const d = rebuilt.insertionCost(m, c, p);
      if (Number.isNaN(d)) break;
      if (d < best) {
        best = d;
        at = p;
      }
    }
    if (at < 0) break;
    rebuilt.nodes.splice(at, 0, c);
    rebuilt.update(m);
  }
  const options = [kept, rebuilt].filter((r) => r.nodes.length === nodes.length && r.feasible(m));
  if (options.length === 0) return null;
  return options.length === 2 && rebuilt.cost(m) < kept.cost(m) - 1e-9 ? rebuilt : options[0];
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
