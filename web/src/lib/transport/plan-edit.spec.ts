import { describe, expect, it } from 'vitest';
import { applyMove, warningSentence, type RouteOrder } from './plan-edit.ts';

const routes: RouteOrder[] = [
  { id: 'blue', status: 'planned', stops: ['a', 'b', 'c'] },
  { id: 'green', status: 'planned', stops: ['d'] },
  { id: 'red', status: 'in_progress', stops: ['e'] },
];

describe('applyMove', () => {
  it('swaps a stop with its neighbour for up and down, and refuses past either end', () => {
    expect(applyMove(routes, { op: 'up', requestId: 'b' })).toEqual({
      ok: true,
      edit: [{ route_id: 'blue', stops: ['b', 'a', 'c'] }],
    });
    expect(applyMove(routes, { op: 'down', requestId: 'b' })).toEqual({
      ok: true,
      edit: [{ route_id: 'blue', stops: ['a', 'c', 'b'] }],
    });
    expect(applyMove(routes, { op: 'up', requestId: 'a' })).toEqual({
      ok: false,
      message: expect.stringMatching(/already the first/),
    });
  });

  it('moves a stop to the end of another van, or to a position when dropped there', () => {
    expect(applyMove(routes, { op: 'to', requestId: 'a', toRoute: 'green' })).toEqual({
      ok: true,
      edit: [
        { route_id: 'blue', stops: ['b', 'c'] },
        { route_id: 'green', stops: ['d', 'a'] },
      ],
    });
    expect(applyMove(routes, { op: 'place', requestId: 'c', toRoute: 'blue', position: 1 })).toEqual({
      ok: true,
      edit: [{ route_id: 'blue', stops: ['c', 'a', 'b'] }],
    });
  });

  it('leaves started routes alone, from either side', () => {
    expect(applyMove(routes, { op: 'up', requestId: 'e' }).ok).toBe(false);
    expect(applyMove(routes, { op: 'to', requestId: 'a', toRoute: 'red' })).toEqual({
      ok: false,
      message: expect.stringMatching(/started/),
    });
  });
});

describe('warningSentence', () => {
  const names = { pet: (id: string) => ({ a: 'Rex' })[id] ?? 'a pet', van: () => 'Green van' };
  it('names the van, the pet and the figure for each rule', () => {
    expect(warningSentence({ kind: 'window', route_id: 'g', transport_request_id: 'a', late_minutes: 12 }, names)).toBe(
      'Green van would reach Rex 12 min after the end of the time window.',
    );
    expect(
      warningSentence({ kind: 'seats', route_id: 'g', transport_request_id: 'a', load: 5, seats: 4 }, names),
    ).toMatch(/carry 5 pets .* 4 seats/);
    expect(warningSentence({ kind: 'shift', route_id: 'g', late_minutes: 3 }, names)).toMatch(/3 min after the end/);
  });
});
