// Today's roster as the front desk sees it: who is expected, who is in, who has gone home, and how full
// each service is. Live changes arrive as realtime broadcasts of booking rows (see the realtime
// migration); a status change of a known booking is applied at once, anything the roster cannot
// render by itself (a new booking, a pet it has not loaded) asks for a fresh fetch instead.

import { BOOKING_STATUSES, isOneOf, type BookingStatus } from '../enums.ts';
import type { RoundSlot } from '../health/schedule.ts';

export type { BookingStatus } from '../enums.ts';

export interface RosterEntry {
  bookingId: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  lodging: string | null;
  pet: { id: string; name: string; species: string; breed: string | null };
  client: { id: string; fullName: string };
  /** What the desk must not miss about the pet today (shown as icons with text). */
  alerts?: RosterAlerts;
  /** Today's medication slots of a pet in care (its schedule), each due, overdue, later or given. */
  round?: RoundSlot[];
  service: { id: string; name: string; kind: string };
}

export interface RosterAlerts {
  allergies: string[];
  /** The pet's standing medication instructions, if any. */
  medication: string | null;
  /** Never checked out here before today. */
  firstVisit: boolean;
  /** The site's closing time today ("18:00") when it has passed; shown while the pet is still in. */
  closedAt?: string | null;
}

export interface RosterAlert {
  kind: 'allergy' | 'medication' | 'first_visit' | 'late_pickup';
  icon: string;
  text: string;
}

/** The alerts of a roster row, each an icon (decorative) with the words that say it. */
export function rosterAlerts(alerts: RosterAlerts | undefined, status?: BookingStatus): RosterAlert[] {
  if (!alerts) return [];
  return [
    ...(alerts.closedAt && status === 'checked_in'
      ? [{ kind: 'late_pickup' as const, icon: '⏰', text: `Late pick-up — closed at ${alerts.closedAt}` }]
      : []),
    ...alerts.allergies.map((title) => ({ kind: 'allergy' as const, icon: '⚠', text: `Allergy: ${title}` })),
    ...(alerts.medication
      ? [{ kind: 'medication' as const, icon: '℞', text: `Medication: ${alerts.medication}` }]
      : []),
    ...(alerts.firstVisit ? [{ kind: 'first_visit' as const, icon: '★', text: 'First visit' }] : []),
  ];
}

export interface ServiceCapacity {
  id: string;
  name: string;
  dailyCapacity: number | null;
}

export type RosterColumn = 'expected' | 'in' | 'gone';
export type RosterFilter = RosterColumn | 'all';

// Every status the database defines decides its column here (a new one fails the type check).
const COLUMN_OF = {
  requested: 'expected',
  confirmed: 'expected',
  waitlisted: null,
  checked_in: 'in',
  checked_out: 'gone',
  cancelled: null,
  no_show: null,
} satisfies Record<BookingStatus, RosterColumn | null>;

/** Statuses that hold one of the day's places (as private.booking_holds_place says). */
const HOLDS_PLACE = new Set<BookingStatus>(['requested', 'confirmed', 'checked_in', 'checked_out']);

export function columnOf(status: BookingStatus): RosterColumn | null {
  return COLUMN_OF[status];
}

export function parseFilter(value: string | null): RosterFilter {
  return value === 'expected' || value === 'in' || value === 'gone' ? value : 'all';
}

/**
 * Entries per column, each in arrival order then by pet name. A pet is never both In and Gone home: when it
 * is in (say, a deliberate walk-in after it went home earlier), its finished stays of the day are not listed.
 */
export function groupRoster(entries: RosterEntry[]): Record<RosterColumn, RosterEntry[]> {
  const groups: Record<RosterColumn, RosterEntry[]> = { expected: [], in: [], gone: [] };
  const sorted = [...entries].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.pet.name.localeCompare(b.pet.name),
  );
  const inNow = new Set(entries.filter((e) => columnOf(e.status) === 'in').map((e) => e.pet.id));
  for (const entry of sorted) {
    const column = columnOf(entry.status);
    if (column === 'gone' && inNow.has(entry.pet.id)) continue;
    if (column) groups[column].push(entry);
  }
  return groups;
}

export interface ExpectedFamily {
  clientId: string;
  clientName: string;
  pets: string[];
}

/** Families with two or more pets still expected today: the desk checks them in with one action. */
export function expectedFamilies(expected: RosterEntry[]): ExpectedFamily[] {
  const byClient = new Map<string, ExpectedFamily>();
  for (const entry of expected) {
    const family = byClient.get(entry.client.id) ?? {
      clientId: entry.client.id,
      clientName: entry.client.fullName,
      pets: [],
    };
    if (!family.pets.includes(entry.pet.name)) family.pets.push(entry.pet.name);
    byClient.set(entry.client.id, family);
  }
  return [...byClient.values()].filter((f) => f.pets.length > 1);
}

export interface CapacityLine {
  service: ServiceCapacity;
  /** Bookings holding a place today. */
  booked: number;
  /** Pets on the premises now. */
  inNow: number;
}

/** Capacity of each service that has a daily limit and places taken today (idle services are noise). */
export function capacity(entries: RosterEntry[], services: ServiceCapacity[]): CapacityLine[] {
  return services
    .filter((service) => service.dailyCapacity !== null)
    .map((service) => {
      const mine = entries.filter((e) => e.service.id === service.id);
      return {
        service,
        booked: mine.filter((e) => HOLDS_PLACE.has(e.status)).length,
        inNow: mine.filter((e) => e.status === 'checked_in').length,
      };
    })
    .filter((line) => line.booked > 0);
}

/** A row-change broadcast as realtime.broadcast_changes sends it. */
export interface RowChange {
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  record: Record<string, unknown> | null;
  old_record: Record<string, unknown> | null;
}

export interface Applied {
  entries: RosterEntry[];
  /** The change concerns something the roster cannot show without fetching. */
  refetch: boolean;
}

// Only the enum's own values: `'constructor' in {…}` is true, so an object-literal lookup would let
// names every object has through.
function isStatus(value: unknown): value is BookingStatus {
  return isOneOf(BOOKING_STATUSES, value);
}

/** Applies a booking change to the roster, or says a fetch is needed. Other tables change nothing. */
export function applyChange(entries: RosterEntry[], change: RowChange, day: { start: string; end: string }): Applied {
  if (change.table !== 'bookings') return { entries, refetch: false };
  const row = change.record ?? change.old_record;
  const id = typeof row?.id === 'string' ? row.id : null;
  if (!id) return { entries, refetch: true };
  const known = entries.find((e) => e.bookingId === id);
  if (change.operation === 'DELETE') {
    return { entries: entries.filter((e) => e.bookingId !== id), refetch: false };
  }
  const record = change.record ?? {};
  const startsAt = String(record.starts_at ?? '');
  const endsAt = String(record.ends_at ?? '');
  const today = Date.parse(startsAt) < Date.parse(day.end) && Date.parse(endsAt) > Date.parse(day.start);
  if (!known) return { entries, refetch: today };
  if (!today) return { entries: entries.filter((e) => e.bookingId !== id), refetch: false };
  if (!isStatus(record.status)) return { entries, refetch: true };
  // A moved pet or service needs names the broadcast does not carry.
  if (record.pet_id !== known.pet.id || record.service_id !== known.service.id) return { entries, refetch: true };
  const updated: RosterEntry = {
    ...known,
    status: record.status,
    startsAt,
    endsAt,
    lodging: (record.lodging as string | null) ?? null,
  };
  return { entries: entries.map((e) => (e.bookingId === id ? updated : e)), refetch: false };
}
