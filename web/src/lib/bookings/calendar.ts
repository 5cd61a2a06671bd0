// The booking calendar's rules: which days a view covers (on the business's clock), how full each
// service is on each of them, and what the desk may do with a booking. Plain functions, no framework.
import { businessDay, stayLabel, type BusinessDay } from '../scan/day.ts';

export type BookingStatus =
  'requested' | 'confirmed' | 'waitlisted' | 'checked_in' | 'checked_out' | 'cancelled' | 'no_show';

export type CalendarView = 'day' | 'week';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD that names a real calendar date, or null. */
export function parseDate(text: string | null | undefined): string | null {
  const m = DATE.exec(text ?? '');
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d ? m[0] : null;
}

/** The date `days` after a YYYY-MM-DD (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The business day named by a date: midnight to midnight on the business's clock (DST-aware). */
export function dayOf(timeZone: string, date: string): BusinessDay {
  const [y, m, d] = date.split('-').map(Number);
  // Noon UTC lies within a day of `date` in every zone (offsets run from -12 to +14); step back half a
  // day where it has already become the next date.
  let probe = Date.UTC(y, m - 1, d, 12);
  if (businessDay(timeZone, new Date(probe)).date > date) probe -= 12 * 3600_000;
  return businessDay(timeZone, new Date(probe));
}

/** Monday of the week a date falls in. */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

/** The days a view shows: the one day, or Monday to Sunday of its week. */
export function viewDays(timeZone: string, view: CalendarView, date: string): BusinessDay[] {
  if (view === 'day') return [dayOf(timeZone, date)];
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => dayOf(timeZone, addDays(monday, i)));
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return wall - Math.floor(instant / 60_000) * 60_000;
}

/** A `datetime-local` value (YYYY-MM-DDTHH:MM) read on the business's clock, as an ISO instant; null if malformed. */
export function localToInstant(timeZone: string, local: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !parseDate(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  const [y, mo, d] = m[1].split('-').map(Number);
  const wall = Date.UTC(y, mo - 1, d, Number(m[2]), Number(m[3]));
  let guess = wall - offsetAt(timeZone, wall);
  guess = wall - offsetAt(timeZone, guess);
  return new Date(guess).toISOString();
}

/** Statuses that hold one of the day's places (as private.booking_holds_place says). */
export function holdsPlace(status: BookingStatus): boolean {
  return status === 'requested' || status === 'confirmed' || status === 'checked_in' || status === 'checked_out';
}

export interface CalendarBooking {
  id: string;
  serviceId: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
}

export interface CalendarService {
  id: string;
  name: string;
  dailyCapacity: number | null;
}

export interface DayLoad {
  date: string;
  used: number;
  waitlisted: number;
  /** Free places; null for a service without a limit. */
  free: number | null;
}

function overlaps(b: CalendarBooking, day: BusinessDay): boolean {
  return Date.parse(b.startsAt) < Date.parse(day.end) && Date.parse(b.endsAt) > Date.parse(day.start);
}

/** Per service and day: places used, free, and who waits. */
export function occupancy(
  services: CalendarService[],
  bookings: CalendarBooking[],
  days: BusinessDay[],
): Array<{ service: CalendarService; days: DayLoad[] }> {
  return services.map((service) => ({
    service,
    days: days.map((day) => {
      const mine = bookings.filter((b) => b.serviceId === service.id && overlaps(b, day));
      const used = mine.filter((b) => holdsPlace(b.status)).length;
      const waitlisted = mine.filter((b) => b.status === 'waitlisted').length;
      const free = service.dailyCapacity === null ? null : Math.max(service.dailyCapacity - used, 0);
      return { date: day.date, used, waitlisted, free };
    }),
  }));
}

export type DeskAction = 'confirm' | 'cancel' | 'noShow';

/**
 * What the desk may do with a booking now, following the life cycle in private.booking_status_guard
 * (requested → confirmed | waitlisted | checked_in | cancelled | no_show; confirmed → checked_in |
 * cancelled | no_show; waitlisted → requested | confirmed | cancelled; checked_in → checked_out, which
 * the scanner does). Only what can succeed is offered: a waitlisted booking is confirmed only while its
 * days have room (the database refuses otherwise), and a no-show is only a no-show once the visit
 * should have begun.
 */
export function deskActions(
  status: BookingStatus,
  startsAt: string,
  now: Date = new Date(),
  hasRoom = true,
): DeskAction[] {
  const actions: DeskAction[] = [];
  if (status === 'requested' || (status === 'waitlisted' && hasRoom)) actions.push('confirm');
  if (status === 'requested' || status === 'confirmed' || status === 'waitlisted') actions.push('cancel');
  if ((status === 'requested' || status === 'confirmed') && Date.parse(startsAt) <= now.getTime())
    actions.push('noShow');
  return actions;
}

/** Whether the booking's service has a free place on every shown day the booking covers. */
export function hasRoom(
  load: Array<{ service: CalendarService; days: DayLoad[] }>,
  booking: CalendarBooking,
  days: BusinessDay[],
): boolean {
  const line = load.find((l) => l.service.id === booking.serviceId);
  if (!line) return false;
  return days.every((day, i) => {
    if (!overlaps(booking, day)) return true;
    const free = line.days[i]?.free;
    return free === null || (free ?? 0) > 0;
  });
}

/** When a visit runs, as the roster words it, except that one running to midnight ends at 24:00, not 00:00. */
export function visitLabel(timeZone: string, startsAt: string, endsAt: string, day: BusinessDay): string {
  const label = stayLabel(timeZone, startsAt, endsAt, day);
  return Date.parse(endsAt) === Date.parse(day.end) && label.endsWith('00:00') ? `${label.slice(0, -5)}24:00` : label;
}
