import { describe, expect, it } from 'vitest';
import { bookingStartCheck, pastEventProblem, pastEventRange, yearsBefore } from './forms-dates.ts';

describe('pastEventProblem', () => {
  const today = '2026-12-06';

  it('accepts today and dates within the last 30 years', () => {
    expect(pastEventProblem(today, today)).toBeNull();
    expect(pastEventProblem('1996-12-06', today)).toBeNull();
  });

  it('refuses the future and 1900', () => {
    expect(pastEventProblem('2026-12-07', today, 'The date it was given')).toBe(
      'The date it was given cannot be in the future.',
    );
    expect(pastEventProblem('1900-01-01', today)).toBe('The date must be within the last 30 years.');
  });

  it('gives the same bounds to the date field', () => {
    expect(pastEventRange(today)).toEqual({ min: '1996-12-06', max: today });
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
  });
});

describe('bookingStartCheck', () => {
  const now = new Date('2026-12-06T10:00:00Z');

  it('accepts a start later today or next month', () => {
    expect(bookingStartCheck('2026-12-06T11:00:00Z', now, false)).toEqual({ ok: true });
    expect(bookingStartCheck('2027-01-06T08:00:00Z', now, false)).toEqual({ ok: true });
  });

  it('asks for a deliberate tick before recording a past start, then accepts it', () => {
    const check = bookingStartCheck('2026-12-05T08:00:00Z', now, false);
    expect(check).toMatchObject({ ok: false, field: 'confirm_past' });
    expect(bookingStartCheck('2026-12-05T08:00:00Z', now, true)).toEqual({ ok: true });
  });

  it('refuses starts years away, tick or not', () => {
    expect(bookingStartCheck('2020-12-05T08:00:00Z', now, true)).toMatchObject({ ok: false, field: 'starts_at' });
    expect(bookingStartCheck('2030-12-05T08:00:00Z', now, false)).toMatchObject({ ok: false, field: 'starts_at' });
  });
});
