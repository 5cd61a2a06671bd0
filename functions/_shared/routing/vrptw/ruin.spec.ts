import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planned, retime } from '../testing/brute.ts';
import { ruin, ruinRoutes } from './ruin.ts';
import { cloneState, type State } from './state.ts';

const routed = (s: State) => s.routes.flatMap((r) => r.nodes);

describe('ruin (string removal)', () => {
  it('removes whole strings of consecutive customers and keeps the rest of each route in order', () => {
    fc.assert(
      fc.property(planned, ({ m, s, rng, size }) => {
        const before = cloneState(s);
        const removed = ruin(m, s, rng, size);
        if (routed(before).length > 0) expect(removed.length).toBeGreaterThan(0);
        expect(new Set(removed).size).toBe(removed.length);
        expect([...routed(s), ...removed].sort((a, b) => a - b)).toEqual(routed(before).sort((a, b) => a - b));
        const gone = new Set(removed);
        for (const r of before.routes) {
          const cut = r.nodes.map((c) => gone.has(c));
          // One string per route at most: the removed positions are contiguous.
          const first = cut.indexOf(true);
          const last = cut.lastIndexOf(true);
          if (first >= 0) expect(cut.slice(first, last + 1).every(Boolean)).toBe(true);
          if (first >= 0) expect(last - first + 1).toBeLessThanOrEqual(10);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('leaves no empty route, never routes the depot, and keeps the cached schedule of each route current', () => {
    fc.assert(
      fc.property(planned, ({ m, s, rng, size }) => {
        ruin(m, s, rng, size);
        for (const r of s.routes) {
          expect(r.nodes.length).toBeGreaterThan(0);
          expect(r.nodes).not.toContain(0);
          const brute = retime(m, r.vehicle, r.nodes);
          expect(r.distance).toBeCloseTo(brute.distance, 6);
          expect(r.earliest[r.earliest.length - 1]).toBeCloseTo(brute.back, 6);
          // Euclidean travel: taking customers out of a feasible route cannot make it infeasible.
          expect(brute.feasible).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('removes whole routes when clearing routes: the chosen one and at most its nearest neighbour', () => {
    fc.assert(
      fc.property(planned, ({ m, s, rng }) => {
        const before = cloneState(s);
        const removed = ruinRoutes(m, s, rng);
        if (before.routes.length === 0) {
          expect(removed).toEqual([]);
          return;
        }
        const cleared = before.routes.length - s.routes.length;
        expect(cleared).toBeGreaterThanOrEqual(1);
        expect(cleared).toBeLessThanOrEqual(2);
        const kept = new Set(s.routes.map((r) => r.nodes.join()));
        const lost = before.routes.filter((r) => !kept.has(r.nodes.join())).flatMap((r) => r.nodes);
        expect(removed.sort((a, b) => a - b)).toEqual(lost.sort((a, b) => a - b));
      }),
      { numRuns: 100 },
    );
  });
});
