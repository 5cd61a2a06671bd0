import { describe, expect, it } from 'vitest';
import {
  applyChange,
  capacity,
  expectedFamilies,
  groupRoster,
  parseFilter,
  rosterAlerts,
  type RosterEntry,
  type RowChange,
} from './roster.ts';

const day = { start: '2026-11-22T00:00:00.000Z', end: '2026-11-23T00:00:00.000Z' };

function entry(
  id: string,
  name: string,
  status: RosterEntry['status'],
  startsAt = '2026-11-22T08:00:00Z',
): RosterEntry {
  return {
    bookingId: id,
    status,
    startsAt,
    endsAt: '2026-11-22T18:00:00Z',
    lodging: null,
    pet: { id: `pet-${id}`, name, species: 'dog', breed: null },
    client: { id: 'c1', fullName: 'Jordan Parker' },
    service: { id: 'daycare', name: 'Full-day daycare', kind: 'daycare' },
  };
}

function update(e: RosterEntry, patch: Record<string, unknown>): RowChange {
  const record = {
    id: e.bookingId,
    pet_id: e.pet.id,
    service_id: e.service.id,
    status: e.status,
    starts_at: e.startsAt,
    ends_at: e.endsAt,
    ...patch,
  };
  return { operation: 'UPDATE', table: 'bookings', record, old_record: { ...record, status: e.status } };
}

describe('rosterAlerts', () => {
  it('says each alert in words next to its icon', () => {
    expect(
      rosterAlerts({ allergies: ['Chicken allergy'], medication: 'Joint supplement with lunch', firstVisit: true }).map(
        (a) => a.text,
      ),
    ).toEqual(['Allergy: Chicken allergy', 'Medication: Joint supplement with lunch', 'First visit']);
    expect(rosterAlerts({ allergies: [], medication: null, firstVisit: false })).toEqual([]);
  });
});

describe('groupRoster', () => {
  it('never lists a pet under both In and Gone home (a walk-in after it went home)', () => {
    const gone = entry('1', 'Rex', 'checked_out');
    const again = { ...entry('2', 'Rex', 'checked_in', '2026-11-22T17:50:00Z'), pet: gone.pet };
    const groups = groupRoster([gone, again]);
    expect(groups.in.map((e) => e.bookingId)).toEqual(['2']);
    expect(groups.gone).toEqual([]);
  });

  it('groups expected pets of one client into a family when there are two or more', () => {
    const rex = entry('1', 'Rex', 'confirmed');
    const luna = entry('2', 'Luna', 'requested');
    const solo = { ...entry('3', 'Biscuit', 'confirmed'), client: { id: 'c2', fullName: 'Sam Lee' } };
    expect(expectedFamilies([rex, luna, solo])).toEqual([
      { clientId: 'c1', clientName: 'Jordan Parker', pets: ['Rex', 'Luna'] },
    ]);
  });

  it('puts bookings in expected, in and gone, in arrival order, leaving out cancelled and waitlisted', () => {
    const groups = groupRoster([
      entry('1', 'Rex', 'confirmed', '2026-11-22T09:00:00Z'),
      entry('2', 'Luna', 'requested', '2026-11-22T08:00:00Z'),
      entry('3', 'Biscuit', 'checked_in'),
      entry('4', 'Milo', 'checked_out'),
      entry('5', 'Ghost', 'cancelled'),
      entry('6', 'Wait', 'waitlisted'),
    ]);
    expect(groups.expected.map((e) => e.pet.name)).toEqual(['Luna', 'Rex']);
    expect(groups.in.map((e) => e.pet.name)).toEqual(['Biscuit']);
    expect(groups.gone.map((e) => e.pet.name)).toEqual(['Milo']);
  });
});

describe('capacity', () => {
  it('counts places held and pets in for each busy service with a daily limit', () => {
    const entries = [entry('1', 'Rex', 'checked_in'), entry('2', 'Luna', 'confirmed'), entry('3', 'Gone', 'cancelled')];
    const lines = capacity(entries, [
      { id: 'daycare', name: 'Full-day daycare', dailyCapacity: 20 },
      { id: 'taxi', name: 'Pet taxi', dailyCapacity: null },
      { id: 'grooming', name: 'Bath and tidy', dailyCapacity: 8 },
    ]);
    expect(lines).toEqual([
      { service: { id: 'daycare', name: 'Full-day daycare', dailyCapacity: 20 }, booked: 2, inNow: 1 },
    ]);
  });
});

describe('applyChange', () => {
  it('moves a booking to its new column when its status changes', () => {
    const rex = entry('1', 'Rex', 'confirmed');
    const { entries, refetch } = applyChange([rex], update(rex, { status: 'checked_in' }), day);
    expect(refetch).toBe(false);
    expect(groupRoster(entries).in.map((e) => e.pet.name)).toEqual(['Rex']);
  });

  it.each(['constructor', 'toString', 'checked-in', ''])(
    'applies no status the database does not define (%j) and asks for a fetch instead',
    (status) => {
      const rex = entry('1', 'Rex', 'confirmed');
      const { entries, refetch } = applyChange([rex], update(rex, { status }), day);
      expect(refetch).toBe(true);
      expect(entries).toEqual([rex]);
    },
  );

  it('asks for a fetch when a new booking for today appears', () => {
    const record = {
      id: 'new',
      pet_id: 'p',
      service_id: 's',
      status: 'confirmed',
      starts_at: '2026-11-22T10:00:00Z',
      ends_at: '2026-11-22T12:00:00Z',
    };
    expect(applyChange([], { operation: 'INSERT', table: 'bookings', record, old_record: null }, day).refetch).toBe(
      true,
    );
  });

  it('ignores a new booking for another day', () => {
    const record = {
      id: 'new',
      status: 'confirmed',
      starts_at: '2026-11-25T10:00:00Z',
      ends_at: '2026-11-25T12:00:00Z',
    };
    expect(applyChange([], { operation: 'INSERT', table: 'bookings', record, old_record: null }, day)).toEqual({
      entries: [],
      refetch: false,
    });
  });

  it('drops a booking moved off today or deleted', () => {
    const rex = entry('1', 'Rex', 'confirmed');
    expect(
      applyChange([rex], update(rex, { starts_at: '2026-11-30T08:00:00Z', ends_at: '2026-11-30T18:00:00Z' }), day)
        .entries,
    ).toEqual([]);
    const deleted: RowChange = { operation: 'DELETE', table: 'bookings', record: null, old_record: { id: '1' } };
    expect(applyChange([rex], deleted, day).entries).toEqual([]);
  });

  it('asks for a fetch when a booking changes pet or service', () => {
    const rex = entry('1', 'Rex', 'confirmed');
    expect(applyChange([rex], update(rex, { pet_id: 'someone-else' }), day).refetch).toBe(true);
  });

  it('leaves the roster alone for other tables', () => {
    const rex = entry('1', 'Rex', 'confirmed');
    const scan: RowChange = { operation: 'INSERT', table: 'tag_scans', record: { id: 's' }, old_record: null };
    expect(applyChange([rex], scan, day)).toEqual({ entries: [rex], refetch: false });
  });
});

describe('parseFilter', () => {
  it('accepts the three columns and defaults to all', () => {
    expect(parseFilter('in')).toBe('in');
    expect(parseFilter('nonsense')).toBe('all');
    expect(parseFilter(null)).toBe('all');
  });
});
