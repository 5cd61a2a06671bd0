// A pet's day as its parent sees it ("Expected today", "Checked in at 08:12", "Gone home at 17:40"),
// worked out from the client's bookings of the business day, and how one live change (a broadcast on
// the private client:<id> channel) moves those bookings. Pure, so it is unit-tested and runs in the
// browser and on the server alike.
import { BOOKING_STATUSES, isOneOf, type BookingStatus } from '#lib/enums.ts';
import { localTime } from '#lib/scan/day.ts';

export interface Stay {
  bookingId: string;
  petId: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  statusChangedAt: string;
  serviceName: string;
  notes: string | null;
}

export type DayKind = 'in' | 'gone' | 'expected' | 'requested' | 'waitlisted' | 'cancelled' | 'none';

export interface PetDay {
  kind: DayKind;
  /** One sentence: "Checked in at 08:12". */
  label: string;
  /** The stay the sentence is about, if any. */
  stay: Stay | null;
}

// Which of several stays of the day speaks for the pet: the one happening now beats the one expected,
// which beats the one finished, which beats the ones that will not happen.
const RANK: Record<BookingStatus, number> = {
  checked_in: 0,
  confirmed: 1,
  requested: 2,
  waitlisted: 3,
  checked_out: 4,
  cancelled: 5,
  no_show: 6,
};

export function petDay(stays: Stay[], petId: string, timeZone: string): PetDay {
  const mine = stays
    .filter((s) => s.petId === petId)
    .sort((a, b) => RANK[a.status] - RANK[b.status] || Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const stay = mine[0];
  if (!stay) return { kind: 'none', label: 'Nothing booked today', stay: null };
  const at = (iso: string) => localTime(timeZone, iso);
  switch (stay.status) {
    case 'checked_in':
      return { kind: 'in', label: `Checked in at ${at(stay.statusChangedAt)}`, stay };
    case 'checked_out':
      return { kind: 'gone', label: `Gone home at ${at(stay.statusChangedAt)}`, stay };
    case 'confirmed':
      return { kind: 'expected', label: `Expected today at ${at(stay.startsAt)}`, stay };
    case 'requested':
      return { kind: 'requested', label: 'Requested for today, waiting for the business to confirm', stay };
    case 'waitlisted':
      return { kind: 'waitlisted', label: 'On the waiting list for today', stay };
    case 'cancelled':
    case 'no_show':
      return { kind: 'cancelled', label: "Today's booking was cancelled", stay };
  }
}

export interface RowChange {
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  record: Record<string, unknown> | null;
  old_record: Record<string, unknown> | null;
}

export interface Applied {
  stays: Stay[];
  /** Something changed that the page cannot patch by itself (a new booking, a report card): fetch again. */
  refetch: boolean;
}

/** Applies a booking broadcast to the day's stays; anything else asks for a fetch. */
export function applyStayChange(stays: Stay[], change: RowChange, day: { start: string; end: string }): Applied {
  if (change.table !== 'bookings') return { stays, refetch: true };
  const row = change.record ?? change.old_record;
  const id = typeof row?.id === 'string' ? row.id : null;
  if (!id) return { stays, refetch: true };
  if (change.operation === 'DELETE') return { stays: stays.filter((s) => s.bookingId !== id), refetch: false };
  const record = change.record ?? {};
  const known = stays.find((s) => s.bookingId === id);
  const startsAt = String(record.starts_at ?? '');
  const endsAt = String(record.ends_at ?? '');
  const today = Date.parse(startsAt) < Date.parse(day.end) && Date.parse(endsAt) > Date.parse(day.start);
  if (!known) return { stays, refetch: today };
  if (!today) return { stays: stays.filter((s) => s.bookingId !== id), refetch: false };
  if (!isOneOf(BOOKING_STATUSES, record.status)) return { stays, refetch: true };
  const status = record.status;
  const statusChangedAt =
    typeof record.status_changed_at === 'string' ? record.status_changed_at : known.statusChangedAt;
  return {
    stays: stays.map((s) =>
      s.bookingId === id
        ? {
            ...s,
            status,
            startsAt,
            endsAt,
            statusChangedAt,
            notes: typeof record.notes === 'string' ? record.notes : null,
          }
        : s,
    ),
    refetch: false,
  };
}
