import { describe, expect, it } from 'vitest';
import { applyStayChange, petDay, type Stay } from './status.ts';

const day = { start: '2026-12-06T00:00:00.000Z', end: '2026-12-07T00:00:00.000Z' };
const rex: Stay = {
  bookingId: 'b1',
  petId: 'rex',
  status: 'confirmed',
  startsAt: '2026-12-06T08:00:00.000Z',
  endsAt: '2026-12-06T18:00:00.000Z',
  statusChangedAt: '2026-12-01T10:00:00.000Z',
  serviceName: 'Daycare',
  notes: null,
};

describe("a pet's day in words", () => {
  it('reads expected, checked in and gone home on the business clock', () => {
    expect(petDay([rex], 'rex', 'Europe/London').label).toBe('Expected today at 08:00');
    const inCare = { ...rex, status: 'checked_in' as const, statusChangedAt: '2026-12-06T08:12:00.000Z' };
    expect(petDay([inCare], 'rex', 'Europe/London')).toMatchObject({ kind: 'in', label: 'Checked in at 08:12' });
    const gone = { ...rex, status: 'checked_out' as const, statusChangedAt: '2026-12-06T17:40:00.000Z' };
    expect(petDay([gone], 'rex', 'Europe/London').label).toBe('Gone home at 17:40');
    expect(petDay([inCare], 'rex', 'America/New_York').label).toBe('Checked in at 03:12');
  });

  it('says so when nothing is booked, and prefers the stay happening now', () => {
    expect(petDay([rex], 'luna', 'Europe/London').kind).toBe('none');
    const cancelled = { ...rex, bookingId: 'b0', status: 'cancelled' as const };
    const inCare = { ...rex, status: 'checked_in' as const };
    expect(petDay([cancelled, inCare], 'rex', 'Europe/London').kind).toBe('in');
  });
});

describe('live changes', () => {
  it('moves a known booking to its new status without a fetch', () => {
    const applied = applyStayChange(
      [rex],
      {
        operation: 'UPDATE',
        table: 'bookings',
        record: {
          ...{ id: 'b1', starts_at: rex.startsAt, ends_at: rex.endsAt },
          status: 'checked_in',
          status_changed_at: '2026-12-06T08:12:00Z',
        },
        old_record: null,
      },
      day,
    );
    expect(applied.refetch).toBe(false);
    expect(applied.stays[0]).toMatchObject({ status: 'checked_in', statusChangedAt: '2026-12-06T08:12:00Z' });
  });

  it('asks for a fetch for a new booking today, a report card, or an unknown status', () => {
    const record = { id: 'b9', starts_at: rex.startsAt, ends_at: rex.endsAt, status: 'requested' };
    expect(
      applyStayChange([rex], { operation: 'INSERT', table: 'bookings', record, old_record: null }, day).refetch,
    ).toBe(true);
    expect(
      applyStayChange(
        [rex],
        { operation: 'INSERT', table: 'report_cards', record: { id: 'c1' }, old_record: null },
        day,
      ).refetch,
    ).toBe(true);
    const odd = { ...record, id: 'b1', status: 'constructor' };
    expect(
      applyStayChange([rex], { operation: 'UPDATE', table: 'bookings', record: odd, old_record: null }, day).refetch,
    ).toBe(true);
  });

  it('drops a booking moved off today or deleted', () => {
    const moved = { id: 'b1', starts_at: '2026-12-08T08:00:00Z', ends_at: '2026-12-08T18:00:00Z', status: 'confirmed' };
    expect(
      applyStayChange([rex], { operation: 'UPDATE', table: 'bookings', record: moved, old_record: null }, day).stays,
    ).toEqual([]);
    expect(
      applyStayChange([rex], { operation: 'DELETE', table: 'bookings', record: null, old_record: { id: 'b1' } }, day)
        .stays,
    ).toEqual([]);
  });
});
