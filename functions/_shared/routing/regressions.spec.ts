import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeBudget } from './budget.ts';
import { checkSolution } from './checker.ts';
import { loadInstance } from './formats/load.ts';
import { solve } from './solve.ts';

const instance = (name: string) =>
  loadInstance(readFileSync(new URL(`../../../tests/bench/routing/instances/${name}`, import.meta.url), 'utf8'));

describe('regressions', () => {
  it('a zero iteration budget ends the search instead of looping (0/0 progress was NaN)', () => {
    const b = makeBudget({ maxIterations: 0, now: () => 0 });
    expect(b.progress()).toBe(1);
  });

  it('C201 escapes the 712 trap where string ruins alone left a cluster on the wrong van', () => {
    // Seed 1 used to stop at 3 vans / 712.04 whatever the budget: every string ruin re-created the
    // same plan. 60k iterations is about what 2 s of CPU allows.
    const { problem, matrix } = instance('C201.txt');
    const sol = solve(problem, matrix, { seed: 1, maxIterations: 60_000, now: () => 0 });
    expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
    expect(sol.totals.vehicles).toBe(3);
    expect(sol.totals.distance).toBeLessThan(600);
  }, 30_000);
});
