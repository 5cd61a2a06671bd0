import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.ts';
import { solve } from './solve.ts';
import { euclidean } from './testing/generators.ts';
import type { Problem, Solution } from './types.ts';

const frozen = () => 0;

/** Stops first after depot 0, then the further depots: the matrix layout of types.ts. */
function layout(depots: Array<[number, number]>, stops: Array<[number, number]>) {
  return euclidean([depots[0], ...stops, ...depots.slice(1)]);
}

/** One van at depot d, seats to spare, on duty all day. */
function vanAtYard(d: number): Problem['vehicles'][number] {
  return { id: `v${d}`, count: 1, capacity: 100, shiftStart: 0, shiftEnd: 1e9, depot: d };
}

function routedBy(sol: Solution): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const r of sol.routes) out[r.vehicleId] = r.stops.map((s) => s.stopId).sort();
  return out;
}

describe('vans starting from different depots', () => {
  // Two yards 1 000 apart, four houses around each.
  const west: Array<[number, number]> = [
    [5, 5],
    [10, -5],
    [-8, 3],
    [0, 12],
  ];
  const east: Array<[number, number]> = west.map(([x, y]) => [1000 + x, y]);
  const stops = [...west, ...east];
  const matrix = layout(
    [
      [0, 0],
      [1000, 0],
    ],
    stops,
  );
  const problem: Problem = {
    vehicles: [
      { id: 'west', count: 1, capacity: 4, shiftStart: 0, shiftEnd: 10_000 },
      { id: 'east', count: 1, capacity: 4, shiftStart: 0, shiftEnd: 10_000, depot: 1 },
    ],
    stops: stops.map((_, i) => ({ id: `s${i}`, demand: 1, kind: 'pickup' as const, serviceTime: 1 })),
  };

  it('serves the houses near each yard with the van of that yard, timed from its yard', () => {
    const sol = solve(problem, matrix, { seed: 3, maxIterations: 400, now: frozen });
    expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
    expect(sol.unassigned).toEqual([]);
    expect(routedBy(sol)).toEqual({ west: ['s0', 's1', 's2', 's3'], east: ['s4', 's5', 's6', 's7'] });
    // Each van drives only around its own yard: far less than one crossing between the yards.
    for (const r of sol.routes) expect(r.distance).toBeLessThan(100);
    const east0 = sol.routes.find((r) => r.vehicleId === 'east')!;
    const first = Number(east0.stops[0].stopId.slice(1)) + 1;
    // Its first arrival is the drive from its own depot (node stops + 1), not from depot 0.
    expect(east0.stops[0].arrival).toBeCloseTo(
      east0.departure + matrix.duration[(stops.length + 1) * matrix.n + first],
    );
  });

  it('plans the same as a single depot when the second depot is the first one again', () => {
    const same = layout(
      [
        [0, 0],
        [0, 0],
      ],
      stops,
    );
    const one = euclidean([[0, 0], ...stops]);
    const single: Problem = { ...problem, vehicles: problem.vehicles.map(({ depot: _d, ...v }) => v) };
    const a = solve(problem, same, { seed: 5, maxIterations: 400, now: frozen });
    const b = solve(single, one, { seed: 5, maxIterations: 400, now: frozen });
    expect(checkSolution(problem, same, a).errors).toEqual([]);
    expect(a.totals.distance).toBeCloseTo(b.totals.distance, 6);
  });

  it('ends a van at its own end depot when it differs from its start', () => {
    const p: Problem = {
      vehicles: [{ id: 'v', count: 1, capacity: 10, shiftStart: 0, shiftEnd: 10_000, depot: 0, endDepot: 1 }],
      stops: [{ id: 'a', demand: 1 }],
    };
    const m = layout(
      [
        [0, 0],
        [100, 0],
      ],
      [[50, 0]],
    );
    const sol = solve(p, m, { seed: 1, maxIterations: 50, now: frozen });
    expect(checkSolution(p, m, sol).errors).toEqual([]);
    expect(sol.routes[0].distance).toBeCloseTo(100, 9);
  });

  it('hands a route to the van whose yard drives it cheapest, not the one its first stop picked', () => {
    // Alone, the far house is cheapest from yard 2 and the near one from yard 1, but both together are cheapest
    // from yard 0: insertion alone never gets there (found by the brute-force property below).
    const p: Problem = {
      vehicles: [0, 1, 2].map(vanAtYard),
      stops: [
        { id: 'near', demand: 1, kind: 'pickup' },
        { id: 'far', demand: 1, kind: 'pickup' },
      ],
    };
    const m = layout(
      [
        [1, 45],
        [0, 45],
        [15, 40],
      ],
      [
        [0, 21],
        [33, 110],
      ],
    );
    const sol = solve(p, m, { seed: 1, maxIterations: 1500, now: frozen, cost: { perVehicle: 0, perDistance: 1 } });
    expect(checkSolution(p, m, sol).errors).toEqual([]);
    expect(sol.routes.map((r) => r.vehicleId)).toEqual(['v0']);
    expect(sol.totals.distance).toBeCloseTo(bruteForce(p, m), 9);
  });

  it('refuses a depot index the matrix does not hold', () => {
    const p: Problem = { ...problem, vehicles: [{ ...problem.vehicles[1], depot: 2 }] };
    expect(() => solve(p, matrix, { seed: 1, maxIterations: 10, now: frozen })).toThrow(/matrix/);
  });
});

/** The cheapest way to serve every stop with at most one route per van (no windows, seats to spare). */
function bruteForce(problem: Problem, matrix: { n: number; distance: Float64Array }): number {
  const k = problem.stops.length;
  const node = (d: number) => (d === 0 ? 0 : k + d);
  const vans = problem.vehicles.map((v) => ({ from: node(v.depot ?? 0), to: node(v.endDepot ?? v.depot ?? 0) }));
  const tour = (van: { from: number; to: number }, set: number[]): number => {
    if (set.length === 0) return 0;
    let best = Infinity;
    const perm = (rest: number[], prev: number, acc: number) => {
      if (acc >= best) return;
      if (rest.length === 0) {
        best = Math.min(best, acc + matrix.distance[prev * matrix.n + van.to]);
        return;
      }
      for (let i = 0; i < rest.length; i++) {
        const c = rest[i];
        perm([...rest.slice(0, i), ...rest.slice(i + 1)], c, acc + matrix.distance[prev * matrix.n + c]);
      }
    };
    perm(set, van.from, 0);
    return best;
  };
  let best = Infinity;
  const total = vans.length ** k;
  for (let code = 0; code < total; code++) {
    const sets: number[][] = vans.map(() => []);
    let x = code;
    for (let s = 1; s <= k; s++) {
      sets[x % vans.length].push(s);
      x = Math.floor(x / vans.length);
    }
    best = Math.min(
      best,
      sets.reduce((sum, set, v) => sum + tour(vans[v], set), 0),
    );
  }
  return best;
}

describe('multi-depot plans against brute force', () => {
  /**
   * Solves stops from vans at these depots (one van each, seats to spare). Distance only: a van costs nothing
   * to use, so the best plan is the shortest whatever the count.
   */
  function distanceOnly(depots: Array<[number, number]>, stops: Array<[number, number]>, seed: number) {
    const matrix = layout(depots, stops);
    const problem: Problem = {
      vehicles: depots.map((_, d) => vanAtYard(d)),
      stops: stops.map((_, i) => ({ id: `s${i}`, demand: 1, kind: 'pickup' as const })),
    };
    const sol = solve(problem, matrix, {
      seed,
      maxIterations: 1500,
      now: frozen,
      cost: { perVehicle: 0, perDistance: 1 },
    });
    return { problem, matrix, sol, best: bruteForce(problem, matrix) };
  }

  // Found by the property below with fresh seeds; each fell short of the optimum, so each is kept.
  const found: Array<{
    title: string;
    depots: Array<[number, number]>;
    stops: Array<[number, number]>;
    seed: number;
    van?: string;
  }> = [
    {
      // Built from the yard at (0, 12) and handed to the yard at (0, 8) in the same order, which from there is no
      // shorter; the order rebuilt from (0, 8) is.
      title: 're-orders a route handed to a van at another yard',
      depots: [
        [0, 8],
        [0, 0],
        [0, 12],
      ],
      stops: [
        [29, 0],
        [0, 9],
        [16, 20],
      ],
      seed: 8,
    },
    {
      // Each stop alone is cheapest from its own yard, so greedy opening never puts them together; both on the
      // third yard's van is 1.3 % shorter (269.27 against 272.71).
      title: 'merges two routes from two yards onto a third yard when that is shorter',
      depots: [
        [38, 35],
        [22, 113],
        [136, 0],
      ],
      stops: [
        [100, 35],
        [107, 127],
      ],
      seed: 1,
    },
    {
      // Four stops near the first yard and two near the second: yet one van from the second yard drives all six
      // for 464.61 against 480.93 for the two routes; no single move gets there (the final polish merges them).
      title: 'drives two routes as one when one van does it for less',
      depots: [
        [167, 154],
        [0, 0],
      ],
      stops: [
        [55, 43],
        [136, 83],
        [107, 114],
        [0, 66],
        [140, 54],
        [170, 44],
      ],
      seed: 77,
      van: 'v1',
    },
  ];
  it.each(found)('$title', ({ depots, stops, seed, van = 'v0' }) => {
    const { sol, best } = distanceOnly(depots, stops, seed);
    expect(sol.totals.distance).toBeCloseTo(best, 6);
    expect(sol.routes.map((r) => r.vehicleId)).toEqual([van]);
  });

  const pt = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }));
  // A heuristic may stop at a near tie (0.07 in 514 was one case), so: never below the optimum (which would
  // mean a van timed from the wrong depot), within 1 % of it, and exactly on it in nine cases out of ten.
  it('finds the cheapest plan of small instances with two or three yards', () => {
    let exact = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(pt, { minLength: 2, maxLength: 3 }),
        fc.array(pt, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 1000 }),
        (depots, stops, seed) => {
          const { problem, matrix, sol, best } = distanceOnly(depots, stops, seed);
          expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
          expect(sol.unassigned).toEqual([]);
          expect(sol.totals.distance).toBeGreaterThanOrEqual(best - 1e-6);
          expect(sol.totals.distance).toBeLessThanOrEqual(best * 1.01 + 1e-6);
          runs++;
          if (sol.totals.distance <= best + 1e-6) exact++;
        },
      ),
      { numRuns: 100 },
    );
    expect(exact / runs).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
