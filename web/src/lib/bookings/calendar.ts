// The booking calendar's rules: which days a view covers (on the business's clock), how full each
// service is on each of them, and what the desk may do with a booking. Plain functions, no framework.
import type { BookingStatus } from '../enums.ts';
import { stayLabel } from '../scan/day.ts';
import { addDays, dayOf, weekStart, type BusinessDay } from '../time/zone.ts';

export { addDays, dayOf, localToInstant, parseDate, weekStart } from '../time/zone.ts';

export type { BookingStatus } from '../enums.ts';

export type CalendarView = 'day' | 'week';

/** The days a view shows: the one day, or Monday to Sunday of its week. */
export function viewDays(timeZone: string, view: CalendarView, date: string): BusinessDay[] {
  if (view === 'day') return [dayOf(timeZone, date)];
  const monday = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => dayOf(timeZone, addDays(monday, i)));
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
