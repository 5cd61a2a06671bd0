// "Today" belongs to the business, not to the server or the phone: a London daycare's day runs from
// midnight London time, wherever the app happens to run. Intl knows every zone's offsets (DST too).

export interface BusinessDay {
  /** The calendar date in the business's zone, YYYY-MM-DD. */
  date: string;
  /** The first instant of that day, ISO. */
  start: string;
  /** The first instant of the next day, ISO (exclusive). */
  end: string;
}

function wallClock(timeZone: string, instant: Date) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(timeZone: string, instant: Date): number {
  const w = wallClock(timeZone, instant);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant the zone's clock shows 00:00 on the given date. */
function midnight(timeZone: string, year: number, month: number, day: number): Date {
  const wall = Date.UTC(year, month - 1, day);
  // Two rounds settle the offset even when the day starts on a DST change.
  let guess = wall - offsetAt(timeZone, new Date(wall));
  guess = wall - offsetAt(timeZone, new Date(guess));
  return new Date(guess);
}

export function businessDay(timeZone: string, now: Date = new Date()): BusinessDay {
  const w = wallClock(timeZone, now);
  const start = midnight(timeZone, w.year, w.month, w.day);
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  const end = midnight(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  const date = `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  return { date, start: start.toISOString(), end: end.toISOString() };
}

/** A time of day on the business's clock, e.g. "08:00". */
export function localTime(timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/**
 * When a stay runs, on the business's clock: "08:00–18:00" within the day, or with the weekday and date
 * of whichever end lies on another day (a boarding stay: "09:00 – Tue 24 Nov 11:00").
 */
export function stayLabel(
  timeZone: string,
  startsAt: string,
  endsAt: string,
  day: { start: string; end: string },
): string {
  const stamp = (iso: string) => {
    const inDay = Date.parse(iso) >= Date.parse(day.start) && Date.parse(iso) <= Date.parse(day.end);
    if (inDay) return localTime(timeZone, iso);
    const date = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    }).format(new Date(iso));
    return `${date} ${localTime(timeZone, iso)}`;
  };
  const from = stamp(startsAt);
  const to = stamp(endsAt);
  return from.includes(' ') || to.includes(' ') ? `${from} – ${to}` : `${from}–${to}`;
}
