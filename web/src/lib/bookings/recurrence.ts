// The dates of a recurring booking ("Mon/Wed/Fri every week until 31 March") as wall-clock times on the
// business's clock. Each occurrence keeps the first one's time and length (a boarding stay of two nights
// repeats as two nights), whatever the zone does in between (a daycare at 08:00 stays at 08:00 across
// the change to summer time). Pure: the database books each occurrence and decides capacity and vaccines.
import { Temporal } from 'temporal-polyfill';

/** Bookings one form may make (pets × dates); public.book_series holds the same cap. */
export const MAX_SERIES = 120;

export interface Recurrence {
  /** First start, local YYYY-MM-DDTHH:MM. */
  startsAt: string;
  /** First end, local, or undefined for the service's usual length. */
  endsAt?: string;
  /** ISO weekdays (1 Monday … 7 Sunday) to repeat on; empty for a single date. */
  weekdays: number[];
  /** Last date (inclusive) an occurrence may start on, YYYY-MM-DD. */
  until?: string;
}

export interface Occurrence {
  startsAt: string;
  endsAt?: string;
}

export const WEEKDAYS = [
  { value: 1, short: 'Mon', long: 'Monday' },
  { value: 2, short: 'Tue', long: 'Tuesday' },
  { value: 3, short: 'Wed', long: 'Wednesday' },
  { value: 4, short: 'Thu', long: 'Thursday' },
  { value: 5, short: 'Fri', long: 'Friday' },
  { value: 6, short: 'Sat', long: 'Saturday' },
  { value: 7, short: 'Sun', long: 'Sunday' },
] as const;

const local = (t: Temporal.PlainDateTime): string => t.toString({ smallestUnit: 'minute' });

/**
 * The occurrences from the first start up to `until`, on the chosen weekdays (the first date is always
 * included, whatever its weekday). Stops after `limit + 1` occurrences so a far `until` cannot run away;
 * the caller compares the count with its cap.
 */
export function occurrences(r: Recurrence, limit = MAX_SERIES): Occurrence[] {
  const first = Temporal.PlainDateTime.from(r.startsAt);
  const length = r.endsAt ? first.until(Temporal.PlainDateTime.from(r.endsAt), { largestUnit: 'days' }) : undefined;
  const at = (start: Temporal.PlainDateTime): Occurrence =>
    length ? { startsAt: local(start), endsAt: local(start.add(length)) } : { startsAt: local(start) };
  const out: Occurrence[] = [at(first)];
  if (!r.weekdays.length || !r.until) return out;
  const until = Temporal.PlainDate.from(r.until);
  const days = new Set(r.weekdays);
  for (
    let date = first.toPlainDate().add({ days: 1 });
    Temporal.PlainDate.compare(date, until) <= 0 && out.length <= limit;
    date = date.add({ days: 1 })
  ) {
    if (days.has(date.dayOfWeek)) out.push(at(first.with({ year: date.year, month: date.month, day: date.day })));
  }
  return out;
}
