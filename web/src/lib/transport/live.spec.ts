import { describe, expect, it } from 'vitest';
import { toEwkt } from '../map/geo.ts';
import { applyRouteMessage, type LiveState } from './live.ts';

const empty: LiveState = { routes: {}, stops: {}, vans: {} };

describe('applyRouteMessage', () => {
  it('takes a stop status from the route_stops trigger', () => {
    const s = applyRouteMessage(empty, 'r1', {
      operation: 'UPDATE',
      table: 'route_stops',
      record: { id: 's1', status: 'done' },
      old_record: { id: 's1', status: 'arrived' },
    });
    expect(s.stops).toEqual({ s1: 'done' });
  });

  it("takes a route's status from the routes trigger (dispatch shows it started without reload)", () => {
    const s = applyRouteMessage(empty, 'r1', {
      operation: 'UPDATE',
      table: 'routes',
      record: { id: 'r1', status: 'in_progress' },
      old_record: { id: 'r1', status: 'planned' },
    });
    expect(s.routes).toEqual({ r1: 'in_progress' });
    expect(s.stops).toEqual({});
  });

  it('moves the van from a driver_positions row or a driver broadcast, keeping the newest', () => {
    const fromRow = applyRouteMessage(empty, 'r1', {
      operation: 'INSERT',
      table: 'driver_positions',
      record: { geo: toEwkt({ lat: 51.54, lng: -0.1 }), recorded_at: '2026-12-06T07:10:00Z' },
    });
    expect(fromRow.vans.r1).toEqual({ lat: 51.54, lng: -0.1, at: '2026-12-06T07:10:00Z' });
    const newer = applyRouteMessage(fromRow, 'r1', { lat: 51.55, lng: -0.09, at: '2026-12-06T07:10:05Z' });
    expect(newer.vans.r1.lat).toBe(51.55);
    const stale = applyRouteMessage(newer, 'r1', { lat: 1, lng: 1, at: '2026-12-06T07:00:00Z' });
    expect(stale.vans.r1.lat).toBe(51.55);
    expect(applyRouteMessage(empty, 'r1', { lat: 'x' })).toBe(empty);
  });
});
