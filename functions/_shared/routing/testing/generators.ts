import fc from 'fast-check';
import type { Matrix, Problem } from '../types.ts';

export interface Instance {
  problem: Problem;
  matrix: Matrix;
}

/** Euclidean matrix (distance = time) over points; index 0 is the depot. */
export function euclidean(points: Array<[number, number]>): Matrix {
  const n = points.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) d[i * n + j] = Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
  }
  return { n, distance: d, duration: d };
}

const point = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }));

/** Small random VRPTW instances: mixed pickups/deliveries, optional windows, several van classes. */
export const smallInstance: fc.Arbitrary<Instance> = fc
  .record({
    depot: point,
    vehicles: fc.array(
      fc.record({
        count: fc.integer({ min: 1, max: 3 }),
        capacity: fc.integer({ min: 2, max: 10 }),
        end: fc.integer({ min: 150, max: 600 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    stops: fc.array(
      fc.record({
        at: point,
        demand: fc.integer({ min: 1, max: 4 }),
        pickup: fc.boolean(),
        window: fc.option(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 5, max: 200 }))),
        service: fc.integer({ min: 0, max: 10 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map(({ depot, vehicles, stops }) => ({
    problem: {
      vehicles: vehicles.map((v, i) => ({
        id: `v${i}`,
        count: v.count,
        capacity: v.capacity,
        shiftStart: 0,
        shiftEnd: v.end,
      })),
      stops: stops.map((s, i) => ({
        id: `s${i}`,
        demand: s.demand,
        kind: s.pickup ? ('pickup' as const) : ('delivery' as const),
        windowStart: s.window ? s.window[0] : undefined,
        windowEnd: s.window ? s.window[0] + s.window[1] : undefined,
        serviceTime: s.service,
      })),
    },
    matrix: euclidean([depot, ...stops.map((s) => s.at)]),
  }));

/** Hierarchical objective as a comparable tuple: unassigned, vehicles, distance. */
export function objective(s: {
  totals: { unassigned: number; vehicles: number; distance: number };
}): [number, number, number] {
  return [s.totals.unassigned, s.totals.vehicles, s.totals.distance];
}

export function notWorse(a: [number, number, number], b: [number, number, number]): boolean {
  if (a[0] !== b[0]) return a[0] < b[0];
  if (a[1] !== b[1]) return a[1] < b[1];
  return a[2] <= b[2] + 1e-6;
}
