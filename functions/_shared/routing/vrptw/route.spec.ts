import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retime, routeCase } from '../testing/brute.ts';

const runs = { numRuns: 100 };
const inserted = (nodes: number[], c: number, p: number) => [...nodes.slice(0, p), c, ...nodes.slice(p)];

describe('Route.insertionCost (the O(1) check)', () => {
  it('accepts exactly the insertions that brute-force re-timing of the whole route finds feasible', () => {
    fc.assert(
      fc.property(routeCase(), ({ m, route }) => {
        for (let c = 1; c < m.n; c++) {
          if (route.nodes.includes(c)) continue;
          for (let p = 0; p <= route.nodes.length; p++) {
            const cost = route.insertionCost(m, c, p);
            const brute = retime(m, route.vehicle, inserted(route.nodes, c, p));
            expect(Number.isFinite(cost), `insert ${c} at ${p} of [${route.nodes}]`).toBe(brute.feasible);
          }
        }
      }),
      runs,
    );
  });

  it('prices an insertion as the added distance, and the added travel time under a per-minute cost', () => {
    for (const cost of [{}, { perDistance: 0.5, perDuration: 2 }]) {
      fc.assert(
        fc.property(routeCase(cost), ({ m, route }) => {
          const before = retime(m, route.vehicle, route.nodes);
          for (let c = 1; c < m.n; c++) {
            if (route.nodes.includes(c)) continue;
            for (let p = 0; p <= route.nodes.length; p++) {
              const got = route.insertionCost(m, c, p);
              if (!Number.isFinite(got)) continue;
              const after = retime(m, route.vehicle, inserted(route.nodes, c, p));
              const want =
                m.cost.perDistance * (after.distance - before.distance) +
                m.cost.perDuration * (after.travel - before.travel);
              expect(got).toBeCloseTo(want, 6);
            }
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it('answers NaN only when no later position is feasible either (the caller stops scanning)', () => {
    fc.assert(
      fc.property(routeCase(), ({ m, route }) => {
        for (let c = 1; c < m.n; c++) {
          if (route.nodes.includes(c)) continue;
          for (let p = 0; p <= route.nodes.length; p++) {
            if (!Number.isNaN(route.insertionCost(m, c, p))) continue;
            for (let q = p; q <= route.nodes.length; q++) {
              expect(retime(m, route.vehicle, inserted(route.nodes, c, q)).feasible).toBe(false);
            }
          }
        }
      }),
      runs,
    );
  });
});

describe('Route.update (the cached schedule)', () => {
  it('keeps the distance, loads and earliest starts that driving the route gives', () => {
    fc.assert(
      fc.property(routeCase(), ({ m, route }) => {
        const brute = retime(m, route.vehicle, route.nodes);
        expect(route.feasible(m)).toBe(brute.feasible);
        expect(route.distance).toBeCloseTo(brute.distance, 6);
        expect(route.earliest[route.earliest.length - 1]).toBeCloseTo(brute.back, 6);
        const cap = m.vehicles[route.vehicle].capacity;
        expect(Math.max(...route.load)).toBeLessThanOrEqual(cap + 1e-9);
      }),
      runs,
    );
  });

  it('leaves as late as possible without returning later: the shortest time out', () => {
    fc.assert(
      fc.property(routeCase(), ({ m, route }) => {
        const at = retime(m, route.vehicle, route.nodes, route.delay);
        expect(at.feasible).toBe(true);
        expect(at.back).toBeCloseTo(route.earliest[route.earliest.length - 1], 6);
        const start = m.vehicles[route.vehicle].start;
        expect(at.back - (start + route.delay)).toBeCloseTo(route.duration, 6);
        // Any other departure (a grid over the feasible ones) is out at least as long.
        for (let k = 0; k <= 50; k++) {
          const delay = (route.delay * 2 * k) / 50 + k;
          const other = retime(m, route.vehicle, route.nodes, delay);
          if (other.feasible) expect(other.back - (start + delay)).toBeGreaterThanOrEqual(route.duration - 1e-6);
        }
      }),
      runs,
    );
  });
});
