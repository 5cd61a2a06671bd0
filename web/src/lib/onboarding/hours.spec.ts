import { describe, expect, it } from 'vitest';
import { hoursLine, isoWeekday, type SiteDay } from './hours.ts';

const week = (opens: string | null, closes: string | null) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    opens: weekday === 7 ? null : opens,
    closes: weekday === 7 ? null : closes,
  }));

describe('hoursLine', () => {
  const islington: SiteDay = { name: 'Islington', hours: week('07:00:00', '19:00:00'), closures: [] };

  it('knows the ISO weekday of a date', () => {
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
  });

  it('shows one site’s hours for the day, and its closed days', () => {
    expect(hoursLine([islington], '2026-12-07')).toBe('Hours: 07:00–19:00');
    expect(hoursLine([islington], '2026-12-13')).toBe('Hours: closed');
    const holiday = { ...islington, closures: [{ on_date: '2026-12-25', reason: 'Christmas Day' }] };
    expect(hoursLine([holiday], '2026-12-25')).toBe('Hours: closed (Christmas Day)');
  });

  it('names each site when there are several, and says nothing when no site has hours', () => {
    const allDay: SiteDay = { name: 'Hackney', hours: week('00:00:00', '24:00:00'), closures: [] };
    expect(hoursLine([islington, allDay], '2026-12-08')).toBe('Hours: Islington 07:00–19:00 · Hackney open all day');
    expect(hoursLine([{ name: 'New', hours: [], closures: [] }], '2026-12-08')).toBeNull();
  });
});
