import { describe, expect, it } from 'vitest';
import { checkSolution } from './checker.ts';
import type { Matrix, Problem, Solution } from './types.ts';

// A line: depot at 0, stops a, b, c at 10, 20, 30 (distance = time).
const xs = [0, 10, 20, 30];
const n = xs.length;
const d = new Float64Array(n * n).map((_, k) => Math.abs(xs[Math.floor(k / n)] - xs[k % n]));
const matrix: Matrix = { n, distance: d, duration: d };
const problem: Problem = {
  vehicles: [{ id: 'van', count: 2, capacity: 3, shiftStart: 0, shiftEnd: 100 }],
  stops: [
    { id: 'a', demand: 1, windowStart: 0, windowEnd: 50, serviceTime: 5 },
    { id: 'b', demand: 1, windowStart: 40, windowEnd: 60, serviceTime: 5 },
    { id: 'c', demand: 1, kind: 'pickup', serviceTime: 5 },
  ],
};

function valid(): Solution {
  return {
    routes: [
      {
        vehicleId: 'van',
        vehicleIndex: 0,
        departure: 0,
        arrival: 90,
        startLoad: 2,
        distance: 60,
        duration: 90,
        stops: [
          { stopId: 'a', arrival: 10, wait: 0, start: 10, departure: 15, load: 1 },
          { stopId: 'b', arrival: 25, wait: 15, start: 40, departure: 45, load: 0 },
          { stopId: 'c', arrival: 55, wait: 0, start: 55, departure: 60, load: 1 },
        ],
      },
    ],
    unassigned: [],
    totals: { vehicles: 1, distance: 60, duration: 90, unassigned: 0 },
    stats: { iterations: 0, elapsedMs: 0, algorithm: 'trivial' },
  };
}

describe('checkSolution', () => {
  it('accepts a schedule that drives the matrix within windows, shift and capacity', () => {
    expect(checkSolution(problem, matrix, valid())).toEqual({ ok: true, errors: [] });
  });

  it('rejects a stop served after its window closes', () => {
    const p = structuredClone(problem);
    p.stops[1].windowEnd = 30;
    const r = checkSolution(p, matrix, valid());
    expect(r.ok).toBe(false);
    expect(r.errors.join()).toMatch(/stop b served at 40 after its window ends/);
  });

  it('rejects a route that returns after the shift ends', () => {
    const p = structuredClone(problem);
    p.vehicles[0].shiftEnd = 80;
    expect(checkSolution(p, matrix, valid()).errors.join()).toMatch(/after the shift ends/);
  });

  it('rejects a load over capacity, counting deliveries from the depot', () => {
    const p = structuredClone(problem);
    p.vehicles[0].capacity = 1;
    expect(checkSolution(p, matrix, valid()).errors.join()).toMatch(/over capacity/);
  });

  it('rejects a stop that is missing, duplicated or both routed and unassigned', () => {
    const missing = valid();
    missing.routes[0].stops.pop();
    expect(checkSolution(problem, matrix, missing).errors.join()).toMatch(/stop c is neither routed nor reported/);
    const twice = valid();
    twice.unassigned.push({ stopId: 'a', reason: 'no_vehicle_available' });
    twice.totals.unassigned = 1;
    expect(checkSolution(problem, matrix, twice).errors.join()).toMatch(/stop a appears in route 0 and in unassigned/);
  });

  it('rejects published times, loads or totals that do not match the matrix', () => {
    const s = valid();
    s.routes[0].stops[0].arrival = 9;
    s.routes[0].stops[2].load = 2;
    s.totals.distance = 59;
    const errors = checkSolution(problem, matrix, s).errors.join('\n');
    expect(errors).toMatch(/stop a arrival 9, expected 10/);
    expect(errors).toMatch(/stop c load 2, expected 1/);
    expect(errors).toMatch(/totals.distance 59/);
  });

  it('rejects one vehicle driving two routes and vehicles beyond the class count', () => {
    const s = valid();
    const second = structuredClone(s.routes[0]);
    s.routes.push(second);
    expect(checkSolution(problem, matrix, s).errors.join()).toMatch(/drives two routes/);
    second.vehicleIndex = 2;
    expect(checkSolution(problem, matrix, s).errors.join()).toMatch(/van#2 does not exist/);
  });
});
