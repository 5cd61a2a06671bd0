// Dates and instants on a business's clock. "Today" belongs to the business, not to the server or the
// phone: a London daycare's day runs from midnight London time wherever the app runs. The arithmetic
// is Temporal's (temporal-polyfill until runtimes ship it; see CONVENTIONS.md, Dependencies), which
// knows every zone's rules, including days whose midnight does not exist (Havana, Santiago).
import { Temporal } from 'temporal-polyfill';

export interface BusinessDay {
  /** The calendar date in the business's zone, YYYY-MM-DD. */
  date: string;
  /** The first instant of that day, ISO. */
  start: string;
  /** The first instant of the next day, ISO (exclusive). */
  end: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

function iso(instant: Temporal.ZonedDateTime): string {
  return new Date(instant.epochMilliseconds).toISOString();
}

// Years a calendar may show. Beyond 9999 an ISO instant needs six digits and a sign, which Postgres
// refuses (a 500 for `?date=9999-12-31`); no booking lies outside these anyway.
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/** A YYYY-MM-DD that names a real calendar date between 1900 and 2999, or null. */
export function parseDate(text: string | null | undefined): string | null {
  if (!text || !DATE.test(text)) return null;
  try {
    const date = Temporal.PlainDate.from(text, { overflow: 'reject' });
    return date.year >= FIRST_YEAR && date.year <= LAST_YEAR ? date.toString() : null;
  } catch {
    return null;
  }
}

/** The date `days` after a YYYY-MM-DD (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/** Monday of the week a date falls in. */
export function weekStart(date: string): string {
  const day = Temporal.PlainDate.from(date);
  return day.subtract({ days: day.dayOfWeek - 1 }).toString();
}

/** The business day named by a date: from the start of that day to the start of the next, in the zone. */
export function dayOf(timeZone: string, date: string): BusinessDay {
  const day = Temporal.PlainDate.from(date);
  // toZonedDateTime without a time is the day's first instant: midnight, or the first minute after a
  // gap when the clocks jump forward at midnight.
  const start = day.toZonedDateTime({ timeZone });
  const end = day.add({ days: 1 }).toZonedDateTime({ timeZone });
  return { date: day.toString(), start: iso(start), end: iso(end) };
}

/** The business day that `now` falls in. */
export function businessDay(timeZone: string, now: Date = new Date()): BusinessDay {
  const here = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);
  return dayOf(timeZone, here.toPlainDate().toString());
}

/**
 * A wall-clock time in the zone as an ISO instant; null if malformed. A time the clocks skip (01:30 on
 * a spring-forward night) moves forward by the gap, and a time that happens twice means the first.
 */
export function localToInstant(timeZone: string, local: string): string | null {
  const m = LOCAL.exec(local);
  if (!m || !parseDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  const wall = Temporal.PlainDateTime.from(local);
  return iso(wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }));
}
