import type { Rng } from '../rng.ts';
import type { Budget } from '../vrptw/search.ts';
import { TspLocalSearch } from './local-search.ts';
import { Tour } from './tour.ts';

const NEIGHBOURS = 10;
/** Double-bridge cuts are taken inside a window of this many positions, so a kick stays local. */
const KICK_WINDOW = 50;

/**
 * Iterated local search for the symmetric TSP: nearest-neighbour start, 2-opt + Or-opt with
 * neighbour lists and don't-look bits, then repeated local double-bridge kicks, keeping a kicked tour
 * when it is no longer than the best (equal tours are accepted to drift across plateaus).
 * Returns the best tour as a city order starting at city 0.
 */
export function solveTsp(n: number, dist: Float64Array, rng: Rng, budget: Budget): number[] {
  if (n <= 3) return Array.from({ length: n }, (_, i) => i);
  const k = Math.min(NEIGHBOURS, n - 1);
  const neigh = nearest(n, dist, k);
  const ls = new TspLocalSearch(n, dist, neigh, k);
  const best = new Tour(nearestNeighbourTour(n, dist));
  ls.pushAll();
  ls.run(best);
  let bestLen = best.length(dist);
  const work = new Tour(best.order);
  while (budget.progress() < 1) {
    budget.tick();
    work.copyFrom(best);
    kick(work, rng, ls);
    ls.run(work);
    const len = work.length(dist);
    if (len <= bestLen + 1e-9) {
      best.copyFrom(work);
      bestLen = len;
    }
  }
  const out: number[] = [];
  for (let i = 0, c = 0; i < n; i++, c = best.next(c)) out.push(c);
  return out;
}

function nearest(n: number, dist: Float64Array, k: number): Int32Array {
  const out = new Int32Array(n * k);
  const idx: number[] = [];
  for (let i = 0; i < n; i++) {
    idx.length = 0;
    for (let j = 0; j < n; j++) if (j !== i) idx.push(j);
    idx.sort((a, b) => dist[i * n + a] - dist[i * n + b] || a - b);
    for (let j = 0; j < k; j++) out[i * k + j] = idx[j];
  }
  return out;
}

function nearestNeighbourTour(n: number, dist: Float64Array): number[] {
  const seen = new Uint8Array(n);
  const order = [0];
  seen[0] = 1;
  let c = 0;
  for (let step = 1; step < n; step++) {
    let best = -1;
    for (let j = 0; j < n; j++) {
      if (!seen[j] && (best < 0 || dist[c * n + j] < dist[c * n + best])) best = j;
    }
    seen[best] = 1;
    order.push(best);
    c = best;
  }
  return order;
}

/** Double bridge A B C D -> A C B D on three cut points inside a random window. */
function kick(t: Tour, rng: Rng, ls: TspLocalSearch): void {
  const n = t.n;
  const w = Math.min(n, KICK_WINDOW);
  const start = rng.int(0, n);
  const cuts = [rng.int(1, w), rng.int(1, w), rng.int(1, w)].sort((a, b) => a - b);
  if (cuts[0] === cuts[1] || cuts[1] === cuts[2]) return kick(t, rng, ls);
  const at = (i: number) => t.order[(start + i) % n];
  const seq: number[] = [];
  for (let i = 0; i < cuts[0]; i++) seq.push(at(i));
  for (let i = cuts[1]; i < cuts[2]; i++) seq.push(at(i));
  for (let i = cuts[0]; i < cuts[1]; i++) seq.push(at(i));
  for (let i = 0; i < seq.length; i++) {
    const p = (start + i) % n;
    t.order[p] = seq[i];
    t.pos[seq[i]] = p;
  }
  for (const i of [0, cuts[0] - 1, cuts[0], cuts[1] - 1, cuts[1], cuts[2] - 1, cuts[2] % n]) {
    const c = at(i);
    ls.push(c);
    ls.push(t.next(c));
    ls.push(t.prev(c));
  }
}
