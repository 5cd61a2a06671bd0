import { describe, expect, it } from 'vitest';
import { clockMinutes, localInstant } from './zone.ts';

const at = (ms: number) => new Date(ms).toISOString();

describe('localInstant', () => {
  it('reads minutes after midnight on the business clock', () => {
    expect(at(localInstant('2027-07-01', 8 * 60, 'Europe/London'))).toBe('2027-07-01T07:00:00.000Z');
    expect(at(localInstant('2027-01-15', 8 * 60 + 30, 'America/New_York'))).toBe('2027-01-15T13:30:00.000Z');
  });

  it('gives a 23-hour day in London on 28 March 2027 and a 25-hour one on 31 October 2027', () => {
    const length = (date: string, zone: string) =>
      (localInstant(date, 24 * 60, zone) - localInstant(date, 0, zone)) / 3_600_000;
    expect(length('2027-03-28', 'Europe/London')).toBe(23);
    expect(length('2027-10-31', 'Europe/London')).toBe(25);
    expect(length('2027-03-14', 'America/New_York')).toBe(23);
    expect(length('2027-11-07', 'America/New_York')).toBe(25);
  });

  it('starts a day whose midnight the clocks skip at the first minute after the gap', () => {
    expect(at(localInstant('2027-03-14', 0, 'America/Havana'))).toBe('2027-03-14T05:00:00.000Z');
  });

  it('moves a skipped time forward by the gap and takes the first of a repeated one', () => {
    expect(at(localInstant('2027-03-14', 2 * 60 + 30, 'America/New_York'))).toBe('2027-03-14T07:30:00.000Z');
    expect(at(localInstant('2027-03-28', 60 + 30, 'Europe/London'))).toBe('2027-03-28T01:30:00.000Z');
    expect(at(localInstant('2027-10-31', 60 + 30, 'Europe/London'))).toBe('2027-10-31T00:30:00.000Z');
  });
});

describe('clockMinutes', () => {
  it('turns HH:MM into minutes after midnight', () => {
    expect(clockMinutes('00:00')).toBe(0);
    expect(clockMinutes('17:45')).toBe(17 * 60 + 45);
  });
});
