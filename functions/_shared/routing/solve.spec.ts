import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.ts';
import { solve } from './solve.ts';
import { euclidean, notWorse, objective, smallInstance } from './testing/generators.ts';
import type { Problem, Solution } from './types.ts';

const frozen = () => 0;
const strip = (s: Solution) => ({ ...s, stats: { ...s.stats, elapsedMs: 0 } });

describe('solve on random small instances', () => {
  it('always produces a plan the independent checker accepts', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 1, max: 1000 }), ({ problem, matrix }, seed) => {
        const sol = solve(problem, matrix, { seed, maxIterations: 150, now: frozen });
        const check = checkSolution(problem, matrix, sol);
        expect(check.errors).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 30_000);

  it('gives the same plan for the same seed and iteration limit', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 1, max: 1000 }), ({ problem, matrix }, seed) => {
        const a = solve(problem, matrix, { seed, maxIterations: 100, now: frozen });
        const b = solve(problem, matrix, { seed, maxIterations: 100, now: frozen });
        expect(strip(a)).toEqual(strip(b));
      }),
      { numRuns: 60 },
    );
  });

  it('never ends worse than its construction under the hierarchical objective', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 1, max: 1000 }), ({ problem, matrix }, seed) => {
        const built = solve(problem, matrix, { seed, maxIterations: 0, now: frozen });
        const searched = solve(problem, matrix, { seed, maxIterations: 200, now: frozen });
        expect(notWorse(objective(searched), objective(built))).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('finds the optimal tour of small travelling-salesman instances', () => {
    const pts = fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })), {
      minLength: 2,
      maxLength: 8,
    });
    fc.assert(
      fc.property(pts, (points) => {
        const matrix = euclidean(points);
        const problem: Problem = {
          vehicles: [{ id: 'v', count: 1, capacity: 100, shiftStart: 0, shiftEnd: Infinity }],
          stops: points.slice(1).map((_, i) => ({ id: `s${i}`, demand: 1 })),
        };
        const sol = solve(problem, matrix, { seed: 7, maxIterations: 300, now: frozen });
        expect(sol.stats.algorithm).toBe(points.length > 1 ? 'tsp-ils' : 'trivial');
        expect(sol.totals.distance).toBeCloseTo(bruteForceTour(matrix.distance, points.length), 6);
      }),
      { numRuns: 60 },
    );
  });
});

describe('stops no vehicle can serve', () => {
  const matrix = euclidean([
    [0, 0],
    [10, 0],
    [20, 0],
    [30, 0],
    [40, 0],
  ]);
  const problem: Problem = {
    vehicles: [{ id: 'van', count: 1, capacity: 4, shiftStart: 0, shiftEnd: 70 }],
    stops: [
      { id: 'ok', demand: 1, windowStart: 0, windowEnd: 100 },
      { id: 'heavy', demand: 5 },
      { id: 'early', demand: 1, windowStart: 0, windowEnd: 15 },
      { id: 'far', demand: 1, serviceTime: 5 },
    ],
  };

  it('are reported with the reason instead of being planned', () => {
    const sol = solve(problem, matrix, { seed: 1, maxIterations: 50, now: frozen });
    expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
    expect(Object.fromEntries(sol.unassigned.map((u) => [u.stopId, u.reason]))).toEqual({
      heavy: 'demand_exceeds_capacity',
      early: 'time_window_unreachable',
      far: 'shift_too_short',
    });
    expect(sol.routes.map((r) => r.stops.map((s) => s.stopId))).toEqual([['ok']]);
  });

  it('are reported as lacking a vehicle when the fleet is too small for all of them', () => {
    const p: Problem = {
      vehicles: [{ id: 'van', count: 1, capacity: 2, shiftStart: 0, shiftEnd: 1000 }],
      stops: [1, 2, 3].map((i) => ({ id: `s${i}`, demand: 1 })),
    };
    const m = euclidean([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    const sol = solve(p, m, { seed: 1, maxIterations: 50, now: frozen });
    expect(checkSolution(p, m, sol).errors).toEqual([]);
    expect(sol.routes).toHaveLength(1);
    expect(sol.unassigned).toEqual([{ stopId: expect.any(String), reason: 'no_vehicle_available' }]);
  });
});

describe('schedules', () => {
  it('leave the depot late enough not to wait at the first stop', () => {
    const matrix = euclidean([
      [0, 0],
      [10, 0],
    ]);
    const problem: Problem = {
      vehicles: [{ id: 'van', count: 1, capacity: 4, shiftStart: 0, shiftEnd: 500 }],
      stops: [{ id: 'a', demand: 1, windowStart: 100, windowEnd: 120, serviceTime: 3 }],
    };
    const sol = solve(problem, matrix, { seed: 1, maxIterations: 10, now: frozen });
    expect(sol.routes[0].departure).toBe(90);
    expect(sol.routes[0].stops[0]).toMatchObject({ arrival: 100, wait: 0, start: 100, departure: 103 });
    expect(sol.routes[0].arrival).toBe(113);
  });

  it('use fewer vehicles even when more vehicles would drive less', () => {
    // A river between the two stops: each is 10 from the depot but 100 from the other, so one van
    // drives 120 where two would drive 40; the objective still prefers one van.
    const d = Float64Array.from([0, 10, 10, 10, 0, 100, 10, 100, 0]);
    const matrix = { n: 3, distance: d, duration: d };
    const problem: Problem = {
      vehicles: [{ id: 'van', count: 2, capacity: 2, shiftStart: 0, shiftEnd: 1000 }],
      stops: [
        { id: 'w', demand: 1, windowStart: 0, windowEnd: 1000 },
        { id: 'e', demand: 1, windowStart: 0, windowEnd: 500 },
      ],
    };
    const sol = solve(problem, matrix, { seed: 3, maxIterations: 200, now: frozen });
    expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
    expect(sol.totals).toMatchObject({ vehicles: 1, distance: 120 });
  });
});

describe('the cost model', () => {
  // The river again: one van drives 120, two vans drive 40 (distance = minutes here).
  const d = Float64Array.from([0, 10, 10, 10, 0, 100, 10, 100, 0]);
  const matrix = { n: 3, distance: d, duration: d };
  const problem: Problem = {
    vehicles: [{ id: 'van', count: 2, capacity: 2, shiftStart: 0, shiftEnd: 1000 }],
    stops: [
      { id: 'w', demand: 1 },
      { id: 'e', demand: 1, windowStart: 0, windowEnd: 500 },
    ],
  };

  it('uses more vans when vans are free and that shortens the total time', () => {
    const sol = solve(problem, matrix, {
      seed: 3,
      maxIterations: 200,
      now: frozen,
      cost: { perVehicle: 0, perDuration: 1, perDistance: 0 },
    });
    expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
    expect(sol.totals).toMatchObject({ vehicles: 2, duration: 40, cost: 40 });
  });

  it('minimises vans when a van costs more than the time it saves', () => {
    const sol = solve(problem, matrix, {
      seed: 3,
      maxIterations: 200,
      now: frozen,
      cost: { perVehicle: 100, perDuration: 1, perDistance: 0 },
    });
    expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
    expect(sol.totals).toMatchObject({ vehicles: 1, duration: 120, cost: 220 });
  });

  it('brings the last van back earliest when plans cost the same', () => {
    // Nothing costs anything, so only the balance of the vans' return times separates the plans.
    const sol = solve(problem, matrix, {
      seed: 3,
      maxIterations: 200,
      now: frozen,
      cost: { perVehicle: 0, perDuration: 0, perDistance: 0 },
    });
    expect(sol.routes.map((r) => r.arrival)).toEqual([20, 20]);
  });

  it('reports the cost of checker-valid plans under the cost model on random instances', () => {
    fc.assert(
      fc.property(smallInstance, fc.integer({ min: 1, max: 1000 }), ({ problem: p, matrix: m }, seed) => {
        const free = solve(p, m, { seed, maxIterations: 150, now: frozen, cost: { perVehicle: 0, perDuration: 1 } });
        expect(checkSolution(p, m, free).errors).toEqual([]);
        expect(free.totals.cost).toBeCloseTo(free.totals.distance + free.totals.duration, 6);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a negative or non-finite cost', () => {
    expect(() => solve(problem, matrix, { cost: { perVehicle: -1 } })).toThrow(/perVehicle/);
    expect(() => solve(problem, matrix, { cost: { perDistance: Number.NaN } })).toThrow(/perDistance/);
  });
});

function bruteForceTour(d: Float64Array, n: number): number {
  if (n < 2) return 0;
  const rest = Array.from({ length: n - 1 }, (_, i) => i + 1);
  let best = Infinity;
  const permute = (k: number) => {
    if (k === rest.length) {
      let len = d[rest[0]] + d[rest[rest.length - 1] * n];
      for (let i = 1; i < rest.length; i++) len += d[rest[i - 1] * n + rest[i]];
      best = Math.min(best, len);
      return;
    }
    for (let i = k; i < rest.length; i++) {
      [rest[k], rest[i]] = [rest[i], rest[k]];
      permute(k + 1);
      [rest[k], rest[i]] = [rest[i], rest[k]];
    }
  };
  permute(0);
  return best;
}
