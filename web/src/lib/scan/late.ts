// Late pick-up: a pet still checked in after its site closed today. The site is the service's own location,
// else the business's only active location (as private.service_open_until decides); a site without hours,
// open until midnight, or closed for the day gives no closing time and so no alert.
import { clockTime } from '../health/schedule.ts';

export interface SiteHours {
  id: string;
  isActive: boolean;
  hours: Array<{ weekday: number; opens: string | null; closes: string | null }>;
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The site's closing time ("18:00") on the date for a service at `locationId`, or null. */
export function closingTime(locationId: string | null, sites: SiteHours[], date: string): string | null {
  const active = sites.filter((s) => s.isActive);
  const site = locationId ? sites.find((s) => s.id === locationId) : active.length === 1 ? active[0] : undefined;
  if (!site || !site.hours.length) return null;
  const today = site.hours.find((h) => h.weekday === isoWeekday(date));
  if (!today?.closes || today.closes.startsWith('24:')) return null;
  return clockTime(today.closes);
}

/** True when a checked-in pet is still in at `now` ("HH:MM", business clock) after `closes`. */
export function isLatePickUp(status: string, closes: string | null, now: string): boolean {
  return status === 'checked_in' && closes !== null && now >= closes;
}
