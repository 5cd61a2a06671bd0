import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatDayTime,
  formatLongDay,
  formatTime,
  formatTimeWithSeconds,
  formatZonedDay,
  zonedDate,
} from './format.ts';

// 2026-03-29 01:30 UTC: London has just sprung forward to BST (02:30 would not exist; it reads 02:30 BST)
const spring = '2026-03-29T01:30:00Z';
// 23:30 UTC on 7 Dec is already 8 Dec in Auckland and still 7 Dec in London
const lateEvening = '2026-12-07T23:30:00Z';

describe('the one date and time format', () => {
  it('writes a calendar date as "Tue 8 Dec", with the year only when it is not this year', () => {
    expect(formatDay('2026-12-08')).toBe('Tue 8 Dec');
    expect(formatDay('2025-12-08', { thisYear: 2026 })).toBe('Mon 8 Dec 2025');
  });

  it('writes times on the business’s clock, not the machine’s', () => {
    expect(formatTime(spring, 'Europe/London')).toBe('02:30');
    expect(formatTime(spring, 'America/New_York')).toBe('21:30');
    expect(formatTimeWithSeconds('2026-12-07T08:30:05Z', 'Europe/London')).toBe('08:30:05');
  });

  it('puts an instant on the day it falls on in the zone', () => {
    expect(zonedDate(lateEvening, 'Europe/London')).toBe('2026-12-07');
    expect(zonedDate(lateEvening, 'Pacific/Auckland')).toBe('2026-12-08');
    expect(formatZonedDay(lateEvening, 'Pacific/Auckland')).toBe('Tue 8 Dec');
    expect(formatDayTime(lateEvening, 'Europe/London')).toBe('Mon 7 Dec, 23:30');
  });

  it('writes the year when asked, and for an instant when it is not in the zone’s current year', () => {
    expect(formatDay('2026-12-08', { year: true })).toBe('Tue 8 Dec 2026');
    expect(formatDay('2026-12-08', { thisYear: 2026 })).toBe('Tue 8 Dec');
    // on New Year's Eve in London it is already New Year's Day in Auckland: a different year there
    const newYearsEve = '2026-12-31T12:00:00Z';
    expect(formatDayTime('2026-12-07T08:30:00Z', 'Europe/London', { now: newYearsEve })).toBe('Mon 7 Dec, 08:30');
    expect(formatDayTime('2026-12-07T08:30:00Z', 'Pacific/Auckland', { now: newYearsEve })).toBe(
      'Mon 7 Dec 2026, 21:30',
    );
    expect(formatZonedDay('2025-06-01T12:00:00Z', 'Europe/London', { now: newYearsEve })).toBe('Sun 1 Jun 2025');
  });

  it('writes a day in full for headings and sentences, whatever the machine’s zone', () => {
    expect(formatLongDay('2026-12-06')).toBe('Sunday 6 December 2026');
    expect(formatLongDay('2026-03-29')).toBe('Sunday 29 March 2026');
    expect(formatLongDay('not a date')).toBe('not a date');
  });
});
