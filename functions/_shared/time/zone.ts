// Wall-clock times of a business's day for the edge functions. The arithmetic is Temporal's
// (temporal-polyfill, the same library the web app's web/src/lib/time/zone.ts uses; functions may not
// import from web/), so a day's start and a clock time mean the same instant on both sides.
import { Temporal } from 'temporal-polyfill';

/**
 * The UTC instant (ms) of the wall-clock time `minutes` after the start of `date` (YYYY-MM-DD) in the
 * zone; 24 * 60 is the start of the next day. A time the clocks skip moves forward by the gap, and a
 * time that happens twice means the first, as in web/src/lib/time/zone.ts.
 */
export function localInstant(date: string, minutes: number, timeZone: string): number {
  const day = Temporal.PlainDate.from(date).add({ days: Math.floor(minutes / (24 * 60)) });
  const rest = minutes - Math.floor(minutes / (24 * 60)) * 24 * 60;
  // The day's first instant, even on a day whose midnight the clocks skip.
  if (rest === 0) return day.toZonedDateTime({ timeZone }).epochMilliseconds;
  const wall = day.toPlainDateTime({ hour: Math.floor(rest / 60), minute: rest % 60 });
  return wall.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** "HH:MM" to minutes after midnight. */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}
