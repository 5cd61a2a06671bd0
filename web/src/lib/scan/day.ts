// The business's day and times shown on its clock. The day's arithmetic lives in #lib/time/zone.ts;
// this module keeps what the scanner, roster and dashboard show.
export { businessDay, type BusinessDay } from '../time/zone.ts';
import { formatTime, formatZonedDay } from '../time/format.ts';

/** A time of day on the business's clock, e.g. "08:00" (#lib/time/format.ts). */
export function localTime(timeZone: string, iso: string): string {
  return formatTime(iso, timeZone);
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
    const date = formatZonedDay(iso, timeZone);
    return `${date} ${localTime(timeZone, iso)}`;
  };
  const from = stamp(startsAt);
  const to = stamp(endsAt);
  return from.includes(' ') || to.includes(' ') ? `${from} – ${to}` : `${from}–${to}`;
}
