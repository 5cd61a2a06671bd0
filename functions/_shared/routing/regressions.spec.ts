import { describe, expect, it } from 'vitest';
import { makeBudget } from './budget.ts';
import { checkSolution } from './checker.ts';
import { solve } from './solve.ts';

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
});
