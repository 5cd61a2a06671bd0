// Sensible ranges for the dates people type at the desk. A date picker happily takes 1900 or 2090; these
// rules catch the slip before it becomes a record. Dates are YYYY-MM-DD on the business's own calendar
// (the caller passes its `today`), so "the future" means the business's tomorrow, not UTC's.

/** How far back a health record may go: no pet alive today was vaccinated earlier than this. */
export const HEALTH_YEARS_BACK = 30;

/** The date `years` before a YYYY-MM-DD (29 February falls back to the 28th). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y - years, m - 1, d));
  if (shifted.getUTCDate() !== d) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

/** The bounds a past-event date field offers (its `min` and `max`). */
export function pastEventRange(today: string): { min: string; max: string } {
  return { min: yearsBefore(today, HEALTH_YEARS_BACK), max: today };
}

/** Why a date something happened on (a vaccination given, a check-up) cannot be right, or null. */
export function pastEventProblem(date: string, today: string, what = 'The date'): string | null {
  const { min } = pastEventRange(today);
  if (date > today) return `${what} cannot be in the future.`;
  if (date < min) return `${what} must be within the last ${HEALTH_YEARS_BACK} years.`;
  return null;
}

/** How far ahead the desk may book, and how far back a booking may be recorded after the fact. */
export const BOOKING_DAYS_AHEAD = 2 * 366;
export const BOOKING_DAYS_BACK = 366;

export type BookingStartCheck = { ok: true } | { ok: false; field: 'starts_at' | 'confirm_past'; message: string };

/**
 * Whether a booking may start at `startsAt` (ISO) seen at `now`. A start in the past is allowed only
 * with `pastConfirmed` (a deliberate tick: recording yesterday's walk-in is real, a mistyped year is
 * not), and never more than a year back; a start over two years ahead is a typo.
 */
export function bookingStartCheck(startsAt: string, now: Date, pastConfirmed: boolean): BookingStartCheck {
  const start = Date.parse(startsAt);
  const day = 86_400_000;
  if (start > now.getTime() + BOOKING_DAYS_AHEAD * day)
    return { ok: false, field: 'starts_at', message: 'That is more than two years ahead. Check the year.' };
  if (start < now.getTime() - BOOKING_DAYS_BACK * day)
    return { ok: false, field: 'starts_at', message: 'That is more than a year ago. Check the year.' };
  if (start < now.getTime() && !pastConfirmed)
    return {
      ok: false,
      field: 'confirm_past',
      message: 'This booking starts in the past. Tick the box to record it anyway, or change the start.',
    };
  return { ok: true };
}
