import { describe, expect, it } from 'vitest';
import { etaDetail, etaHeadline, etaMap, type PetEtaAnswer } from './eta.ts';

const base: PetEtaAnswer = {
  pet_id: 'p1',
  pet_name: 'Rex',
  status: 'on_the_way',
  kind: 'pickup',
  window_start: '2026-12-06T07:15:00Z',
  window_end: '2026-12-06T07:50:00Z',
  planned_eta: '2026-12-06T07:25:00Z',
  minutes: 12,
  stops_before: 2,
};

describe('etaHeadline', () => {
  it('gives the minutes while the van is on its way', () => {
    expect(etaHeadline(base, 'Europe/London')).toBe('The van is on its way — about 12 minutes.');
    expect(etaDetail(base)).toBe('2 stops before yours.');
  });
  it('says picked up with the time in the business zone', () => {
    expect(etaHeadline({ ...base, status: 'picked_up', done_at: '2026-12-06T07:31:00Z' }, 'America/New_York')).toBe(
      'Rex was picked up at 02:31.',
    );
  });
  it('says nothing without a ride, and gives the reason when the driver could not come', () => {
    expect(etaHeadline({ pet_id: 'p1', status: 'none' }, 'Europe/London')).toBeNull();
    expect(etaHeadline({ ...base, status: 'unable', reason: 'Nobody home' }, 'Europe/London')).toBe(
      'The driver could not complete the pickup: Nobody home',
    );
  });
  it('gives the planned time before the route starts', () => {
    expect(etaHeadline({ ...base, status: 'scheduled' }, 'Europe/London')).toBe(
      'Pickup planned around 07:25 (window 07:15–07:50).',
    );
  });
});

describe('etaMap', () => {
  it("draws only when the van is given, with the family's own stop", () => {
    expect(etaMap(base)).toBeNull();
    const map = etaMap({ ...base, van: { lat: 51.5, lng: -0.1, at: '' }, stop: { lat: 51.54, lng: -0.09 } });
    expect(map?.points.map((p) => p.id)).toEqual(['van', 'home']);
  });
});
