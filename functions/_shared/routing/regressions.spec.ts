import { describe, expect, it } from 'vitest';
import { makeBudget } from './budget.ts';
import { checkSolution } from './checker.ts';
import { solve } from './solve.ts';
import type { Problem } from './types.ts';

// The C201 regression (60k iterations, about 2 s of CPU) runs in `npm run bench -- routing`.
describe('regressions', () => {
  it('a zero iteration budget ends the search instead of looping (0/0 progress was NaN)', () => {
    const b = makeBudget({ maxIterations: 0, now: () => 0 });
    expect(b.progress()).toBe(1);
  });

  it('an incomplete plan under a hard fleet limit is returned with the stop left out, not an error', () => {
    // Two vans of one seat, three stops: every plan leaves one out; the repair phase must end (no plan
    // is ever complete) and hand back the best partial plan.
    const d = Float64Array.from([0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0]);
    const problem = {
      vehicles: [{ id: 'van', count: 2, capacity: 1, shiftStart: 0, shiftEnd: 100 }],
      stops: ['a', 'b', 'c'].map((id) => ({ id, demand: 1 })),
    };
    const sol = solve(problem, { n: 4, distance: d, duration: d }, { seed: 1, maxIterations: 50, now: () => 0 });
    expect(checkSolution(problem, { n: 4, distance: d, duration: d }, sol).errors).toEqual([]);
    expect(sol.totals).toMatchObject({ vehicles: 2, unassigned: 1 });
    expect(sol.stats.firstCompleteMs).toBeNull();
  });

  it('serves every stop when free vans remain, instead of reporting one as lacking a vehicle', () => {
    // Found by comparing with the previous solver on random instances: it built a 2-van plan leaving s0
    // out, then never opened a third van (the later phases were capped at the plan's fleet), so s0 was
    // "no_vehicle_available" with two vans idle, at any budget and for 4 seeds of 5.
    const problem: Problem = {
      vehicles: [
        { id: 'v0', count: 2, capacity: 10, shiftStart: 0, shiftEnd: 381 },
        { id: 'v1', count: 2, capacity: 6, shiftStart: 0, shiftEnd: 219 },
      ],
      stops: [
        { id: 's0', demand: 3, kind: 'delivery', windowStart: 140, windowEnd: 151, serviceTime: 2 },
        { id: 's1', demand: 2, kind: 'pickup', windowStart: 165, windowEnd: 176, serviceTime: 1 },
        { id: 's2', demand: 1, kind: 'delivery', windowStart: 53, windowEnd: 252, serviceTime: 7 },
        { id: 's3', demand: 4, kind: 'delivery', windowStart: 106, windowEnd: 163, serviceTime: 9 },
      ],
    };
    const d = Float64Array.from([
      0, 89.02246907382427, 76.15773105863909, 30.01666203960727, 52.32590180780451, 89.02246907382427, 0, 85,
      110.75197515168747, 93.34345183246653, 76.15773105863909, 85, 0, 71, 120.7393887677091, 30.01666203960727,
      110.75197515168747, 71, 0, 80.08120878208571, 52.32590180780451, 93.34345183246653, 120.7393887677091,
      80.08120878208571, 0,
    ]);
    const matrix = { n: 5, distance: d, duration: d };
    for (const seed of [1, 2, 3, 4]) {
      const sol = solve(problem, matrix, { seed, maxIterations: 100, now: () => 0 });
      expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
      expect(sol.unassigned).toEqual([]);
    }
  });
});
