import { describe, expect, it } from 'vitest';
import { actionLabel, allowedActions, navigateUrl, nextStop, routeMap, telUrl, type DriveRoute } from './day.ts';

const stop = (seq: number, status: DriveRoute['stops'][number]['status'], lat: number | null = 51.5) => ({
  id: `s${seq}`,
  seq,
  status,
  kind: 'pickup' as const,
  planned_eta: null,
  window_start: '2026-12-06T07:00:00Z',
  window_end: '2026-12-06T08:00:00Z',
  arrived_at: null,
  done_at: null,
  skip_reason: null,
  address: '4 Canonbury Place, London',
  notes: null,
  lat,
  lng: lat === null ? null : -0.1,
  pet_name: `Pet ${seq}`,
  species: 'dog',
  handling_notes: null,
  parent_name: 'Jo',
  parent_phone: '+44 7700 900001',
});

const route = (status: DriveRoute['status'], stops = [stop(1, 'done'), stop(2, 'pending')]): DriveRoute => ({
  id: 'r1',
  business_id: 'b1',
  business_name: 'Happy Paws',
  timezone: 'Europe/London',
  service_date: '2026-12-06',
  status,
  vehicle_name: 'Van 1',
  seats: 6,
  distance_m: null,
  duration_s: null,
  depot: { lat: 51.53, lng: -0.1, name: 'Depot' },
  stops,
});

describe('allowedActions', () => {
  it('offers nothing before the route starts or after it finishes', () => {
    expect(allowedActions({ status: 'planned' }, { status: 'pending' })).toEqual([]);
    expect(allowedActions({ status: 'done' }, { status: 'pending' })).toEqual([]);
  });
  it('offers arrived, done and unable on a pending stop, and only forward steps after arriving', () => {
    expect(allowedActions({ status: 'in_progress' }, { status: 'pending' })).toEqual(['arrived', 'done', 'unable']);
    expect(allowedActions({ status: 'in_progress' }, { status: 'arrived' })).toEqual(['done', 'unable']);
    expect(allowedActions({ status: 'in_progress' }, { status: 'done' })).toEqual([]);
  });
});

describe('labels and links', () => {
  it('calls "done" a pickup or a drop-off by the trip', () => {
    expect(actionLabel('done', 'pickup')).toBe('Picked up');
    expect(actionLabel('done', 'dropoff')).toBe('Dropped off');
  });
  it('builds a geo: link with the address as label, and a tel: link without spaces', () => {
    expect(navigateUrl({ lat: 51.5, lng: -0.1, address: '4 Canonbury Place' })).toBe(
      'geo:51.5,-0.1?q=51.5,-0.1(4%20Canonbury%20Place)',
    );
    expect(navigateUrl({ lat: null, lng: null, address: 'A Road' })).toBe('geo:0,0?q=A%20Road');
    expect(telUrl('+44 7700 900-001')).toBe('tel:+447700900001');
    expect(telUrl(null)).toBeNull();
  });
});

describe('nextStop and routeMap', () => {
  it('puts forward the first stop still to serve', () => {
    expect(nextStop(route('in_progress'))?.id).toBe('s2');
    expect(nextStop(route('in_progress', [stop(1, 'done')]))).toBeNull();
  });
  it('draws the depot, placed stops (served ones faded), the van, and a line in order', () => {
    const map = routeMap(route('in_progress', [stop(1, 'done'), stop(2, 'pending', null), stop(3, 'pending')]), {
      lat: 51.52,
      lng: -0.11,
    });
    expect(map.points.map((p) => p.id)).toEqual(['depot', 's1', 's3', 'van']);
    expect(map.points.find((p) => p.id === 's1')?.done).toBe(true);
    expect(map.lines[0].coordinates).toHaveLength(3);
  });
});
