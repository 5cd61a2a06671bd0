import { describe, expect, it } from 'vitest';
import { closingTime, isLatePickUp, isoWeekday, type SiteHours } from './late.ts';

// 2026-12-07 is a Monday
const site = (id: string, hours: SiteHours['hours'], isActive = true): SiteHours => ({ id, isActive, hours });

describe('closingTime', () => {
  it('is the closing time of the service’s own site on that weekday', () => {
    const sites = [site('a', [{ weekday: 1, opens: '07:00:00', closes: '18:00:00' }]), site('b', [])];
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(closingTime('a', sites, '2026-12-07')).toBe('18:00');
    expect(closingTime('a', sites, '2026-12-08')).toBeNull();
  });

  it('falls back to the only active site, and says nothing when there are several', () => {
    const only = [site('a', [{ weekday: 1, opens: '07:00', closes: '17:30' }]), site('x', [], false)];
    expect(closingTime(null, only, '2026-12-07')).toBe('17:30');
    const two = [...only, site('b', [])];
    expect(closingTime(null, two, '2026-12-07')).toBeNull();
  });

  it('gives no closing time for a site open until midnight or without hours', () => {
    expect(
      closingTime('a', [site('a', [{ weekday: 1, opens: '00:00', closes: '24:00:00' }])], '2026-12-07'),
    ).toBeNull();
    expect(closingTime('a', [site('a', [])], '2026-12-07')).toBeNull();
  });
});

describe('isLatePickUp', () => {
  it('is a checked-in pet at or after closing, nobody else', () => {
    expect(isLatePickUp('checked_in', '18:00', '18:00')).toBe(true);
    expect(isLatePickUp('checked_in', '18:00', '17:59')).toBe(false);
    expect(isLatePickUp('checked_out', '18:00', '19:00')).toBe(false);
    expect(isLatePickUp('checked_in', null, '23:00')).toBe(false);
  });
});
