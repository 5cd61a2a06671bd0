import type { Budget } from './vrptw/search.ts';

/**
 * Progress through a search budget: the larger of the share of iterations used and the share of
 * time used. Only the iteration bound is reproducible across machines.
 */
export function makeBudget(opts: { timeLimitMs?: number; maxIterations?: number; now?: () => number }): Budget {
  const now = opts.now ?? (() => performance.now());
  const limitMs = opts.timeLimitMs ?? (opts.maxIterations === undefined ? 1000 : Infinity);
  const maxIter = opts.maxIterations ?? Infinity;
  const t0 = now();
  let iterations = 0;
  return {
    progress: () => (maxIter <= 0 ? 1 : Math.max(iterations / maxIter, (now() - t0) / limitMs)),
    tick: () => {
      iterations++;
    },
    get iterations() {
      return iterations;
    },
  };
}
