import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.ts';
import { planRoute } from './schedule.ts';
import { publish, retime, routeCase } from './testing/brute.ts';

describe('planRoute (published schedule and ETAs)', () => {
  it('publishes arrivals, waits, starts and loads that the independent checker re-derives from the matrix', () => {
    fc.assert(
      fc.property(routeCase(), ({ m, problem, route }) => {
        if (route.nodes.length === 0) return;
        const onRoute = new Set(route.nodes);
        const absent = Array.from({ length: m.n - 1 }, (_, i) => i + 1).filter((c) => !onRoute.has(c));
        const sol = publish(problem, m, { routes: [route], absent });
        const matrix = { n: m.n, distance: m.dist, duration: m.time };
        expect(checkSolution(problem, matrix, sol).errors).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves as late as it can without coming back later: one unit later is infeasible or returns later', () => {
    fc.assert(
      fc.property(routeCase(), ({ m, problem, route }) => {
        if (route.nodes.length === 0) return;
        const plan = planRoute(problem, m, route);
        const start = m.vehicles[route.vehicle].start;
        expect(retime(m, route.vehicle, route.nodes, 0).back).toBeCloseTo(plan.arrival, 6);
        const later = retime(m, route.vehicle, route.nodes, plan.departure - start + 1);
        expect(!later.feasible || later.back > plan.arrival + 1e-9).toBe(true);
        expect(plan.duration).toBeCloseTo(route.duration, 6);
      }),
      { numRuns: 100 },
    );
  });

  it('gives an ETA within each window: service starts at or after the window opens and before it closes', () => {
    fc.assert(
      fc.property(routeCase(), ({ m, problem, route }) => {
        for (const [i, s] of planRoute(problem, m, route).stops.entries()) {
          const c = route.nodes[i];
          expect(s.start).toBeGreaterThanOrEqual(m.ready[c] - 1e-9);
          expect(s.start).toBeLessThanOrEqual(m.due[c] + 1e-9);
        }
      }),
      { numRuns: 100 },
    );
  });
});
