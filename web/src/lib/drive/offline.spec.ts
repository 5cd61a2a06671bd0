import { describe, expect, it } from 'vitest';
import type { DriveDay } from './day.ts';
import { forgetDays, loadDay, offlineBanner, saveDay, snapshotKey } from './offline.ts';

function memory() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    key: (i: number) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
    m,
  };
}

const day = (timezone: string): DriveDay => ({
  is_driver: true,
  routes: [
    {
      id: 'r1',
      business_id: 'b1',
      business_name: 'Happy Paws',
      timezone,
      service_date: '2026-12-06',
      status: 'in_progress',
      vehicle_name: 'Blue van',
      seats: 6,
      distance_m: 1000,
      duration_s: 600,
      depot: null,
      stops: [],
    },
  ],
});

describe("the driver's day kept on the phone", () => {
  it('gives back the day last saved for that driver, and nothing to another driver', () => {
    const s = memory();
    saveDay(s, 'u1', day('Europe/London'), Date.parse('2026-12-06T08:12:30Z'));
    expect(loadDay(s, 'u1')).toEqual({ savedAt: '2026-12-06T08:12:30.000Z', day: day('Europe/London') });
    expect(loadDay(s, 'u2')).toBeNull();
  });

  it('says when the route is from, in the business time zone', () => {
    const s = memory();
    // 08:12 UTC is 09:12 in Paris and 03:12 in New York (winter time).
    saveDay(s, 'u1', day('Europe/Paris'), Date.parse('2026-12-06T08:12:00Z'));
    expect(offlineBanner(loadDay(s, 'u1')!)).toBe('Offline — showing the route as of 09:12');
    saveDay(s, 'u1', day('America/New_York'), Date.parse('2026-12-06T08:12:00Z'));
    expect(offlineBanner(loadDay(s, 'u1')!)).toMatch(/as of 0?3:12/);
  });

  it('ignores what is not a saved day', () => {
    const s = memory();
    for (const bad of [
      'not json',
      '{"savedAt":"x","day":{"is_driver":true,"routes":[]}}',
      '{"savedAt":"2026-12-06T08:00:00Z","day":{"routes":"no"}}',
    ]) {
      s.m.set(snapshotKey('u1'), bad);
      expect(loadDay(s, 'u1')).toBeNull();
    }
  });

  it("forgets every driver's saved day at sign-out and nothing else", () => {
    const s = memory();
    saveDay(s, 'u1', day('Europe/London'));
    saveDay(s, 'u2', day('Europe/London'));
    s.m.set('pawcentral-drive-queue', '[{"kind":"stop"}]');
    forgetDays(s);
    expect(loadDay(s, 'u1')).toBeNull();
    expect(loadDay(s, 'u2')).toBeNull();
    expect([...s.m.keys()]).toEqual(['pawcentral-drive-queue']);
  });
});
