import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model.ts';
import { Rng } from '../rng.ts';
import { checkSolution } from '../checker.ts';
import { planned, publish, retime } from '../testing/brute.ts';
import type { Problem } from '../types.ts';
import { recreate } from './recreate.ts';
import { ruin } from './ruin.ts';
import type { State } from './state.ts';

const routed = (s: State) => s.routes.flatMap((r) => r.nodes);

describe('recreate (greedy insertion with blinks)', () => {
  it('puts every customer exactly once on a feasible route or in the absent list, within the fleet limit', () => {
    fc.assert(
      fc.property(planned, fc.integer({ min: 0, max: 6 }), ({ m, s, rng, size }, limit) => {
        const removed = ruin(m, s, rng, size);
        const fleet = Math.min(limit, m.vehicles.length);
        const cap = Math.max(fleet, s.routes.length);
        recreate(m, s, removed, cap, rng);
        const all = [...routed(s), ...s.absent].sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: m.n - 1 }, (_, i) => i + 1));
        expect(s.routes.length).toBeLessThanOrEqual(cap);
        expect(new Set(s.routes.map((r) => r.vehicle)).size).toBe(s.routes.length);
        for (const r of s.routes) expect(retime(m, r.vehicle, r.nodes).feasible).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('re-inserts the listed first customers before the others', () => {
    // One seat, two customers: whichever goes first takes it, whatever order the blinks would pick.
    const d = Float64Array.from([0, 10, 10, 10, 0, 5, 10, 5, 0]);
    const problem: Problem = {
      vehicles: [{ id: 'van', count: 1, capacity: 1, shiftStart: 0, shiftEnd: 1000 }],
      stops: [
        { id: 'a', demand: 1 },
        { id: 'b', demand: 1 },
      ],
    };
    const m = buildModel(problem, { n: 3, distance: d, duration: d });
    for (const [first, other] of [
      [1, 2],
      [2, 1],
    ]) {
      for (let seed = 1; seed <= 20; seed++) {
        const s: State = { routes: [], absent: [] };
        recreate(m, s, [other], 1, new Rng(seed), [first]);
        expect(s.routes.map((r) => r.nodes)).toEqual([[first]]);
        expect(s.absent).toEqual([other]);
      }
    }
  });

  it('builds plans the independent checker accepts', () => {
    fc.assert(
      fc.property(planned, ({ m, s, rng, size, problem, matrix }) => {
        const removed = ruin(m, s, rng, size);
        recreate(m, s, removed, m.vehicles.length, rng);
        expect(checkSolution(problem, matrix, publish(problem, m, s)).errors).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
