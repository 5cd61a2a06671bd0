import { describe, expect, it } from 'vitest';
import { addDays, businessDay, dayOf, localToInstant, parseDate, weekStart } from './zone.ts';

const hours = (day: { start: string; end: string }) => (Date.parse(day.end) - Date.parse(day.start)) / 3_600_000;

describe('dayOf', () => {
  it('runs from midnight to midnight on the business clock', () => {
    expect(dayOf('Europe/London', '2027-07-01')).toEqual({
      date: '2027-07-01',
      start: '2027-06-30T23:00:00.000Z',
      end: '2027-07-01T23:00:00.000Z',
    });
  });

  it('is 23 hours long in London on 28 March 2027 and 25 hours on 31 October 2027', () => {
    const spring = dayOf('Europe/London', '2027-03-28');
    expect(spring).toEqual({ date: '2027-03-28', start: '2027-03-28T00:00:00.000Z', end: '2027-03-28T23:00:00.000Z' });
    expect(hours(spring)).toBe(23);
    const autumn = dayOf('Europe/London', '2027-10-31');
    expect(autumn).toEqual({ date: '2027-10-31', start: '2027-10-30T23:00:00.000Z', end: '2027-11-01T00:00:00.000Z' });
    expect(hours(autumn)).toBe(25);
  });

  it('is 23 and 25 hours long in New York on 14 March and 7 November 2027', () => {
    expect(dayOf('America/New_York', '2027-03-14')).toMatchObject({
      start: '2027-03-14T05:00:00.000Z',
      end: '2027-03-15T04:00:00.000Z',
    });
    expect(dayOf('America/New_York', '2027-11-07')).toMatchObject({
      start: '2027-11-07T04:00:00.000Z',
      end: '2027-11-08T05:00:00.000Z',
    });
  });

  it('starts at the first minute after the gap when the clocks skip midnight itself', () => {
    // Havana springs from 00:00 to 01:00 on 14 March 2027: the day starts at 01:00 CDT (05:00 UTC),
    // not at 23:00 of the day before.
    expect(dayOf('America/Havana', '2027-03-14')).toMatchObject({
      start: '2027-03-14T05:00:00.000Z',
      end: '2027-03-15T04:00:00.000Z',
    });
    expect(hours(dayOf('America/Havana', '2027-03-14'))).toBe(23);
  });

  it('follows zones far from UTC on either side', () => {
    expect(dayOf('Pacific/Kiritimati', '2027-01-01').start).toBe('2026-12-31T10:00:00.000Z');
    expect(dayOf('Pacific/Pago_Pago', '2027-01-01').start).toBe('2027-01-01T11:00:00.000Z');
  });
});

describe('businessDay', () => {
  it('takes the date on the business clock, not in UTC', () => {
    // 03:00 UTC on the 22nd is still the evening of the 21st in New York.
    expect(businessDay('America/New_York', new Date('2026-11-22T03:00:00Z')).date).toBe('2026-11-21');
    expect(businessDay('Asia/Tokyo', new Date('2026-11-21T15:00:00Z')).date).toBe('2026-11-22');
  });

  it('puts the last millisecond before midnight in the old day and midnight itself in the new one', () => {
    expect(businessDay('Europe/London', new Date('2027-10-30T22:59:59.999Z')).date).toBe('2027-10-30');
    expect(businessDay('Europe/London', new Date('2027-10-30T23:00:00.000Z')).date).toBe('2027-10-31');
    expect(businessDay('Europe/London', new Date('2027-03-28T23:00:00.000Z')).date).toBe('2027-03-29');
  });

  it('gives the same day for every instant inside it, across the changes of clock', () => {
    for (const [zone, date] of [
      ['Europe/London', '2027-03-28'],
      ['Europe/London', '2027-10-31'],
      ['America/New_York', '2027-03-14'],
      ['America/New_York', '2027-11-07'],
    ]) {
      const day = dayOf(zone, date);
      for (let t = Date.parse(day.start); t < Date.parse(day.end); t += 15 * 60_000) {
        expect(businessDay(zone, new Date(t))).toEqual(day);
      }
    }
  });
});

describe('localToInstant', () => {
  it('reads a wall-clock time on the business clock', () => {
    expect(localToInstant('Europe/London', '2027-07-01T08:00')).toBe('2027-07-01T07:00:00.000Z');
    expect(localToInstant('America/New_York', '2027-01-15T08:00')).toBe('2027-01-15T13:00:00.000Z');
  });

  it('moves a time the clocks skip forward by the gap, in every zone alike', () => {
    // 01:30 in London and 02:30 in New York do not exist on these nights; both become an hour later.
    expect(localToInstant('Europe/London', '2027-03-28T01:30')).toBe('2027-03-28T01:30:00.000Z');
    expect(localToInstant('America/New_York', '2027-03-14T02:30')).toBe('2027-03-14T07:30:00.000Z');
  });

  it('takes the first of a time that happens twice', () => {
    expect(localToInstant('Europe/London', '2027-10-31T01:30')).toBe('2027-10-31T00:30:00.000Z');
    expect(localToInstant('America/New_York', '2027-11-07T01:30')).toBe('2027-11-07T05:30:00.000Z');
  });

  it('refuses malformed input', () => {
    for (const text of ['2027-02-30T08:00', '2027-01-01T24:00', '2027-01-01 08:00', '2027-01-01T8:00', '']) {
      expect(localToInstant('Europe/London', text)).toBeNull();
    }
  });
});

describe('calendar dates', () => {
  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseDate('2028-02-29')).toBe('2028-02-29');
    expect(parseDate('2027-02-29')).toBeNull();
    expect(parseDate('20270101')).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });

  it('refuses dates no calendar page shows, whose instants the database cannot read', () => {
    expect(parseDate('9999-12-31')).toBeNull();
    expect(parseDate('0001-01-01')).toBeNull();
    expect(parseDate('1899-12-31')).toBeNull();
    expect(parseDate('1900-01-01')).toBe('1900-01-01');
    expect(parseDate('2999-12-31')).toBe('2999-12-31');
  });

  it('adds days across month, year and clock changes', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('finds the Monday of a week', () => {
    expect(weekStart('2027-03-28')).toBe('2027-03-22');
    expect(weekStart('2027-03-22')).toBe('2027-03-22');
  });
});
