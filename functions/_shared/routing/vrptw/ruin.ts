import type { Model } from '../model.ts';
import type { Rng } from '../rng.ts';
import type { State } from './state.ts';

/** The longest string cut from one route. */
const MAX_STRING = 10;

/**
 * String removal in the manner of SISR (Christiaens & Vanden Berghe, 2020): around a random seed
 * customer, cut a consecutive string out of each of a few nearby routes. Removing neighbours
 * together is what lets the recreate step rebuild a region differently. Returns the removed
 * customers (about `avgRemoved` of them on average); empty routes are dropped from the state.
 */
export function ruin(m: Model, s: State, rng: Rng, avgRemoved: number): number[] {
  const removed: number[] = [];
  if (s.routes.length === 0) return removed;
  const routeOf = new Int32Array(m.n).fill(-1);
  let routed = 0;
  s.routes.forEach((r, i) => {
    for (const c of r.nodes) routeOf[c] = i;
    routed += r.nodes.length;
  });
  if (routed === 0) return removed;
  const avgLen = routed / s.routes.length;
  const maxString = Math.min(MAX_STRING, avgLen);
  const maxStrings = (4 * Math.min(avgRemoved, routed)) / (1 + maxString) - 1;
  const strings = Math.max(1, Math.floor(rng.next() * maxStrings) + 1);

  let seed: number;
  do seed = rng.int(1, m.nc);
  while (routeOf[seed] < 0);
  const ruined = new Uint8Array(s.routes.length);
  const row = seed * (m.nc - 1);
  let done = 0;
  for (let k = -1; k < m.nc - 2 && done < strings; k++) {
    const c = k < 0 ? seed : m.neighbours[row + k];
    const ri = routeOf[c];
    if (ri < 0 || ruined[ri]) continue;
    const route = s.routes[ri];
    const len = route.nodes.length;
    const l = Math.max(1, Math.floor(rng.next() * Math.min(len, maxString)) + 1);
    const at = route.nodes.indexOf(c);
    // A string of length l that contains c, its offset chosen at random.
    const from = Math.max(0, Math.min(len - l, at - rng.int(0, l)));
    for (const x of route.nodes.splice(from, l)) {
      removed.push(x);
      routeOf[x] = -1;
    }
    ruined[ri] = 1;
    done++;
  }
  s.routes.forEach((r, i) => {
    if (ruined[i]) r.update(m);
  });
  s.routes = s.routes.filter((r) => r.nodes.length > 0);
  return removed;
}

/**
 * Removes a whole route, and the route nearest to it: string removal cuts at most a few strings,
 * too little to re-assign a cluster served by the wrong van, which is the typical trap of clustered
 * instances with long routes.
 */
export function ruinRoutes(m: Model, s: State, rng: Rng): number[] {
  if (s.routes.length === 0) return [];
  const k = rng.int(0, s.routes.length);
  const first = s.routes[k];
  const seed = first.nodes[rng.int(0, first.nodes.length)];
  const picked = new Set([k]);
  if (s.routes.length > 2) {
    // The route holding the customer closest to the seed that is not on the seed's own route.
    const row = seed * (m.nc - 1);
    outer: for (let i = 0; i < m.nc - 2; i++) {
      const c = m.neighbours[row + i];
      for (let r = 0; r < s.routes.length; r++) {
        if (r !== k && s.routes[r].nodes.includes(c)) {
          picked.add(r);
          break outer;
        }
      }
    }
  }
  const removed: number[] = [];
  for (const r of picked) removed.push(...s.routes[r].nodes);
  s.routes = s.routes.filter((_, i) => !picked.has(i));
  return removed;
}
