// The one way the app writes a date or a time for a person: in the business's locale and time zone.
// Pages and messages call these instead of building their own Intl formats, so "Tue 8 Dec" reads the same
// on the bookings page, in a refusal and on the dashboard. Businesses have no locale column yet: the
// default is British English (SPEC: UK daycares first).

export const DEFAULT_LOCALE = 'en-GB';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DayOptions {
  locale?: string;
  /** The year the reader is in: the date's year is written only when it differs. */
  thisYear?: number;
  /** Always write the year (records kept for years: expiries, history). */
  year?: boolean;
}

/** A calendar date (YYYY-MM-DD) as "Tue 8 Dec"; the year is added when it is not `thisYear` (or always). */
export function formatDay(date: string, options: DayOptions = {}): string {
  const m = DATE_ONLY.exec(date);
  if (!m) return date;
  const year = Number(m[1]);
  const showYear = options.year === true || (options.thisYear !== undefined && options.thisYear !== year);
  // a date has no zone: format its UTC midnight in UTC so no offset moves it to another day
  return formatter(options.locale ?? DEFAULT_LOCALE, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(showYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  })
    .format(Date.UTC(year, Number(m[2]) - 1, Number(m[3])))
    .replace(',', '');
}

/** A calendar date written out in full for a heading or a sentence, "Tuesday 8 December 2026". */
export function formatLongDay(date: string, locale = DEFAULT_LOCALE): string {
  const m = DATE_ONLY.exec(date);
  if (!m) return date;
  return formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
    .replace(',', '');
}

/** An instant's wall-clock time in the zone, "08:30". */
export function formatTime(instant: string | number | Date, timeZone: string, locale = DEFAULT_LOCALE): string {
  return formatter(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );
}

/** An instant's wall-clock time with seconds in the zone, "08:30:05" (the scanner's queue). */
export function formatTimeWithSeconds(
  instant: string | number | Date,
  timeZone: string,
  locale = DEFAULT_LOCALE,
): string {
  return formatter(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

/** The calendar date (YYYY-MM-DD) an instant falls on in the zone. */
export function zonedDate(instant: string | number | Date, timeZone: string): string {
  const parts = formatter('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(
    new Date(instant),
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export interface ZonedOptions {
  locale?: string;
  /**
   * The reader's present (an instant, usually `Date.now()`): the year is written when the instant falls in
   * another year of the zone than this one. Without it the year is left out, as for today's pages.
   */
  now?: string | number | Date;
}

function zonedDayOptions(timeZone: string, options: ZonedOptions): DayOptions {
  return {
    locale: options.locale,
    ...(options.now !== undefined ? { thisYear: Number(zonedDate(options.now, timeZone).slice(0, 4)) } : {}),
  };
}

/** The day an instant falls on in the zone, "Tue 8 Dec" ("Mon 8 Dec 2025" with `now` in another year). */
export function formatZonedDay(instant: string | number | Date, timeZone: string, options: ZonedOptions = {}): string {
  return formatDay(zonedDate(instant, timeZone), zonedDayOptions(timeZone, options));
}

/** An instant as its day and time in the zone, "Tue 8 Dec, 08:30" ("Mon 8 Dec 2025, 08:30" likewise). */
export function formatDayTime(instant: string | number | Date, timeZone: string, options: ZonedOptions = {}): string {
  return `${formatZonedDay(instant, timeZone, options)}, ${formatTime(instant, timeZone, options.locale)}`;
}
