import type { Model } from '../model.ts';
import type { Rng } from '../rng.ts';
import { mergeRoutes, reassignVans, recreate } from './recreate.ts';
import { ruin, ruinRoutes } from './ruin.ts';
import { better, cloneState, costOf, type State } from './state.ts';

/** Tells the search how far through its budget it is (0..1) and counts iterations. */
export interface Budget {
  progress(): number;
  tick(): void;
  readonly iterations: number;
}

/** Share of the budget spent removing vehicles before the distance phase takes over. */
const FLEET_SHARE = 0.5;
/**
 * Customers removed per ruin, on average. Emptying a route works best with small moves; distance
 * improves with larger ones, which re-plan a whole region at once (tuned on Solomon R2/RC2).
 */
const FLEET_RUIN = 15;
const DISTANCE_RUIN = 20;
/** Share of distance-phase ruins that clear whole routes instead of strings. */
const ROUTE_RUIN_RATE = 0.02;
/** Penalty per absent customer when even the first plan left some out (too few vans): absolute. */
const ABSENT_PENALTY = 1e9;

/** Share of the budget the repair phase may spend completing a plan the construction left incomplete. */
const REPAIR_SHARE = 0.8;

/**
 * Ruin-and-recreate search for the VRPTW under the model's cost model, with the fleet as a hard limit.
 * First build a plan; if it leaves customers out, repair it by ejection search; when vehicles cost more
 * than any distance, try to empty one route at a time (fleet minimisation); then minimise cost by
 * simulated annealing. Returns the best plan, which serves as many customers as any plan seen.
 * `onComplete` is called once, when the first plan serving every customer is found.
 */
export function searchVrptw(
  m: Model,
  customers: number[],
  rng: Rng,
  budget: Budget,
  onComplete: () => void = () => {},
): { initial: State; best: State } {
  let best: State = { routes: [], absent: [] };
  recreate(m, best, customers.slice(), m.vehicles.length, rng);
  const initial = cloneState(best);
  if (customers.length === 0) return { initial, best };
  if (best.absent.length > 0) best = repair(m, best, rng, budget);
  let complete = best.absent.length === 0;
  if (complete) onComplete();
  if (m.fleetFirst) best = minimiseFleet(m, best, rng, budget, lowerBound(m, customers));
  best = minimiseCost(m, best, rng, budget, () => {
    if (!complete) onComplete();
    complete = true;
  });
  if (m.multiDepot) {
    // the final polish (too slow for every iteration): routes merged where one van drives both for less, and
    // each route re-ordered for every other yard's van
    mergeRoutes(m, best);
    reassignVans(m, best, true);
  }
  return { initial, best };
}

/**
 * Ejection search under the full fleet, in the manner of Nagata & Bräysy's route minimisation: ruin
 * around the plan, then re-insert the customers left out first, the most often left out leading, and
 * accept a candidate that leaves fewer out or leaves out ones that were left out less often (those
 * counts make the hard customers go in first and let the search move between equally short plans).
 */
function repair(m: Model, start: State, rng: Rng, budget: Budget): State {
  const counts = new Float64Array(m.n);
  const weight = (s: State) => s.absent.reduce((sum, c) => sum + counts[c], 0);
  let best = start;
  let current = start;
  while (current.absent.length > 0 && budget.progress() < REPAIR_SHARE) {
    budget.tick();
    const cand = cloneState(current);
    const removed = ruin(m, cand, rng, FLEET_RUIN);
    const first = cand.absent.sort((a, b) => counts[b] - counts[a] || a - b);
    cand.absent = [];
    recreate(m, cand, removed, m.vehicles.length, rng, first);
    if (cand.absent.length < current.absent.length || weight(cand) <= weight(current)) current = cand;
    for (const c of current.absent) counts[c]++;
    if (better(m, current, best)) best = current;
  }
  return best;
}

/** A valid lower bound on vehicles: the larger of the pickups and deliveries over the largest van. */
function lowerBound(m: Model, customers: number[]): number {
  let pick = 0;
  let drop = 0;
  for (const c of customers)
    if (m.pickup[c]) pick += m.demand[c];
    else drop += m.demand[c];
  const cap = Math.max(...m.vehicles.map((v) => v.capacity));
  return Math.max(1, Math.ceil(Math.max(pick, drop) / cap - 1e-9));
}

function minimiseFleet(m: Model, start: State, rng: Rng, budget: Budget, bound: number): State {
  let best = start;
  if (best.absent.length > 0 || best.routes.length <= bound) return best;
  const absences = new Float64Array(m.n);
  const weight = (s: State) => s.absent.reduce((sum, c) => sum + absences[c], 0);
  let current = dropRoute(best, rng, true);
  while (budget.progress() < FLEET_SHARE) {
    budget.tick();
    const cand = cloneState(current);
    const removed = ruin(m, cand, rng, FLEET_RUIN);
    for (const c of cand.absent) removed.push(c);
    cand.absent = [];
    recreate(m, cand, removed, best.routes.length - 1, rng);
    if (cand.absent.length < current.absent.length || weight(cand) < weight(current)) current = cand;
    for (const c of current.absent) absences[c]++;
    if (current.absent.length === 0) {
      best = current;
      if (best.routes.length <= bound) break;
      current = dropRoute(best, rng, false);
    }
  }
  return best;
}

/** Removes one route, its customers becoming absent: the shortest first, then a random one. */
function dropRoute(s: State, rng: Rng, shortest: boolean): State {
  const out = cloneState(s);
  let k = rng.int(0, out.routes.length);
  if (shortest) {
    for (let i = 0; i < out.routes.length; i++) if (out.routes[i].nodes.length < out.routes[k].nodes.length) k = i;
  }
  const [gone] = out.routes.splice(k, 1);
  out.absent.push(...gone.nodes);
  return out;
}

/**
 * Simulated annealing on the plan's cost. Fleet first, vehicles are fixed costs the annealing need not
 * weigh: the fleet phase found the fewest, and recreate may not open more. Otherwise recreate may open
 * any free van when that is cheaper, and the vans' fixed cost counts.
 */
function minimiseCost(m: Model, start: State, rng: Rng, budget: Budget, onComplete: () => void): State {
  let best = start;
  let current = start;
  // A customer left out costs about a detour from the depot: dear enough that plans missing someone
  // are only accepted briefly, cheap enough that the annealing can pass through them instead of
  // being stuck when every ruin of a tight plan fails to re-insert someone. Only complete plans can
  // become the best.
  const absentPenalty = start.absent.length > 0 ? ABSENT_PENALTY : 2 * meanRoundTrip(m);
  const fixed = m.fleetFirst ? m.cost.perVehicle : 0;
  const cost = (s: State) => s.absent.length * absentPenalty + costOf(m, s) - fixed * s.routes.length;
  let currentCost = cost(current);
  // Temperatures scale with the average edge cost of the starting plan, so one setting fits metres and
  // Solomon units alike (tuned on Solomon C/R/RC 1 and 2).
  const variable = costOf(m, start) - m.cost.perVehicle * start.routes.length;
  const edge = variable / Math.max(1, m.nc - 1 - start.absent.length + start.routes.length) || m.cost.perVehicle || 1;
  const t0 = 1 * edge;
  const t1 = 0.01 * edge;
  const from = budget.progress();
  while (true) {
    const p = budget.progress();
    if (p >= 1) break;
    budget.tick();
    const frac = from >= 1 ? 1 : (p - from) / (1 - from);
    const temp = t0 * Math.pow(t1 / t0, frac);
    const cand = cloneState(current);
    const removed = rng.next() < ROUTE_RUIN_RATE ? ruinRoutes(m, cand, rng) : ruin(m, cand, rng, DISTANCE_RUIN);
    for (const c of cand.absent) removed.push(c);
    cand.absent = [];
    recreate(m, cand, removed, m.fleetFirst ? best.routes.length : m.vehicles.length, rng);
    const c = cost(cand);
    if (c < currentCost - temp * Math.log(rng.next() || 1e-12)) {
      current = cand;
      currentCost = c;
      if (better(m, cand, best)) {
        best = cand;
        if (best.absent.length === 0) onComplete();
      }
    }
  }
  return best;
}

/** Mean cost of a round trip from the depot to one customer (travel only). */
function meanRoundTrip(m: Model): number {
  const k = m.cost;
  let sum = 0;
  for (let c = 1; c < m.nc; c++) {
    sum += k.perDistance * (m.dist[c] + m.dist[c * m.n]) + k.perDuration * (m.time[c] + m.time[c * m.n]);
  }
  return sum / Math.max(1, m.nc - 1);
}
