import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayOf,
  deskActions,
  hasRoom,
  localToInstant,
  occupancy,
  parseDate,
  viewDays,
  visitLabel,
  weekStart,
  type CalendarBooking,
} from './calendar.ts';

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(parseDate('2026-11-22')).toBe('2026-11-22');
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('22/11/2026')).toBeNull();
    expect(parseDate(null)).toBeNull();
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('starts weeks on Monday', () => {
    expect(weekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday
    expect(weekStart('2026-11-16')).toBe('2026-11-16');
  });

  it('bounds a business day at midnight on the business clock, DST included', () => {
    expect(dayOf('Europe/London', '2026-07-01')).toEqual({
      date: '2026-07-01',
      start: '2026-06-30T23:00:00.000Z',
      end: '2026-07-01T23:00:00.000Z',
    });
    const fallBack = dayOf('America/New_York', '2026-11-01');
    expect(fallBack.start).toBe('2026-11-01T04:00:00.000Z');
    expect(fallBack.end).toBe('2026-11-02T05:00:00.000Z');
    expect(dayOf('Pacific/Kiritimati', '2026-11-22').start).toBe('2026-11-21T10:00:00.000Z');
  });

  it('shows seven consecutive days in the week view', () => {
    const days = viewDays('Europe/London', 'week', '2026-11-19');
    expect(days.map((d) => d.date)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(viewDays('Europe/London', 'day', '2026-11-19')).toHaveLength(1);
  });

  it('reads a datetime-local value on the business clock', () => {
    expect(localToInstant('Europe/London', '2026-07-01T09:30')).toBe('2026-07-01T08:30:00.000Z');
    expect(localToInstant('America/New_York', '2026-11-22T08:00')).toBe('2026-11-22T13:00:00.000Z');
    expect(localToInstant('Europe/London', '2026-07-01 09:30')).toBeNull();
    expect(localToInstant('Europe/London', '2026-07-01T25:00')).toBeNull();
  });
});

describe('occupancy', () => {
  const day = dayOf('Europe/London', '2026-11-23');
  const next = dayOf('Europe/London', '2026-11-24');
  const b = (id: string, status: CalendarBooking['status'], startsAt: string, endsAt: string): CalendarBooking => ({
    id,
    serviceId: 's1',
    status,
    startsAt,
    endsAt,
  });

  it('counts places held, free places and the waitlist per day', () => {
    const bookings = [
      b('1', 'confirmed', '2026-11-23T08:00:00Z', '2026-11-23T17:00:00Z'),
      b('2', 'checked_in', '2026-11-23T08:00:00Z', '2026-11-25T10:00:00Z'),
      b('3', 'waitlisted', '2026-11-23T08:00:00Z', '2026-11-23T17:00:00Z'),
      b('4', 'cancelled', '2026-11-23T08:00:00Z', '2026-11-23T17:00:00Z'),
      b('5', 'confirmed', '2026-11-22T08:00:00Z', '2026-11-23T00:00:00Z'),
    ];
    const [line] = occupancy([{ id: 's1', name: 'Daycare', dailyCapacity: 2 }], bookings, [day, next]);
    expect(line.days).toEqual([
      { date: '2026-11-23', used: 2, waitlisted: 1, free: 0 },
      { date: '2026-11-24', used: 1, waitlisted: 0, free: 1 },
    ]);
  });

  it('reports no limit for a service without a capacity', () => {
    const [line] = occupancy([{ id: 's1', name: 'Taxi', dailyCapacity: null }], [], [day]);
    expect(line.days[0].free).toBeNull();
  });
});

describe('deskActions', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('offers a no-show only once the visit has begun', () => {
    expect(deskActions('confirmed', '2026-11-23T13:00:00Z', now)).toEqual(['cancel']);
    expect(deskActions('confirmed', '2026-11-23T08:00:00Z', now)).toEqual(['cancel', 'noShow']);
  });

  it('confirms requests and the waitlist but never a waitlisted no-show', () => {
    expect(deskActions('requested', '2026-11-23T08:00:00Z', now)).toEqual(['confirm', 'cancel', 'noShow']);
    expect(deskActions('waitlisted', '2026-11-23T08:00:00Z', now)).toEqual(['confirm', 'cancel']);
  });

  it('offers Confirm for a waitlisted booking only while its days have room', () => {
    expect(deskActions('waitlisted', '2026-11-23T08:00:00Z', now, false)).toEqual(['cancel']);
    expect(deskActions('requested', '2026-11-23T13:00:00Z', now, false)).toEqual(['confirm', 'cancel']);
  });

  it('offers nothing for finished bookings', () => {
    for (const status of ['checked_in', 'checked_out', 'cancelled', 'no_show'] as const) {
      expect(deskActions(status, '2026-11-23T08:00:00Z', now)).toEqual([]);
    }
  });
});

describe('visitLabel', () => {
  const day = dayOf('Europe/London', '2026-11-23');

  it('ends a visit that runs to midnight at 24:00', () => {
    expect(visitLabel('Europe/London', '2026-11-23T09:00:00Z', day.end, day)).toBe('09:00–24:00');
  });

  it('leaves other visits as the roster shows them', () => {
    expect(visitLabel('Europe/London', '2026-11-23T09:00:00Z', '2026-11-23T17:30:00Z', day)).toBe('09:00–17:30');
  });
});

describe('hasRoom', () => {
  const zone = 'Europe/London';
  const days = viewDays(zone, 'week', '2026-11-23');
  const service = { id: 's', name: 'Boarding', dailyCapacity: 1 };
  const stay = (id: string, status: CalendarBooking['status'], from: string, to: string): CalendarBooking => ({
    id,
    serviceId: 's',
    status,
    startsAt: `${from}T09:00:00Z`,
    endsAt: `${to}T09:00:00Z`,
  });

  it('is false when any day the booking covers is full, true when all have a place', () => {
    const taken = stay('a', 'confirmed', '2026-11-24', '2026-11-25');
    const waiting = stay('b', 'waitlisted', '2026-11-23', '2026-11-24');
    const later = stay('c', 'waitlisted', '2026-11-26', '2026-11-27');
    const load = occupancy([service], [taken, waiting, later], days);
    expect(hasRoom(load, waiting, days)).toBe(false);
    expect(hasRoom(load, later, days)).toBe(true);
  });

  it('is true for a service without a limit', () => {
    const open = { ...service, dailyCapacity: null };
    const waiting = stay('b', 'waitlisted', '2026-11-23', '2026-11-24');
    expect(hasRoom(occupancy([open], [waiting], days), waiting, days)).toBe(true);
  });
});
