import { describe, expect, it } from 'vitest';
import { businessDay, localTime, stayLabel } from './day.ts';

describe('businessDay', () => {
  it("runs from the business's midnight to the next, in its own zone", () => {
    expect(businessDay('Europe/London', new Date('2026-07-01T12:00:00Z'))).toEqual({
      date: '2026-07-01',
      start: '2026-06-30T23:00:00.000Z',
      end: '2026-07-01T23:00:00.000Z',
    });
    expect(businessDay('America/New_York', new Date('2026-11-22T03:00:00Z'))).toEqual({
      date: '2026-11-21',
      start: '2026-11-21T05:00:00.000Z',
      end: '2026-11-22T05:00:00.000Z',
    });
  });

  it('is 23 or 25 hours long on the days the clocks change', () => {
    const spring = businessDay('Europe/London', new Date('2026-03-29T12:00:00Z'));
    expect(spring).toMatchObject({ start: '2026-03-29T00:00:00.000Z', end: '2026-03-29T23:00:00.000Z' });
    const autumn = businessDay('America/New_York', new Date('2026-11-01T12:00:00Z'));
    expect(autumn).toMatchObject({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' });
  });

  it('rolls over month and year ends', () => {
    expect(businessDay('UTC', new Date('2026-12-31T23:59:59Z'))).toEqual({
      date: '2026-12-31',
      start: '2026-12-31T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    });
  });
});

describe('localTime', () => {
  it("shows a time on the business's clock", () => {
    expect(localTime('America/New_York', '2026-11-22T13:30:00Z')).toBe('08:30');
  });
});

describe('stayLabel', () => {
  const day = businessDay('Europe/London', new Date('2026-11-22T12:00:00Z'));

  it('shows times alone for a stay within the day', () => {
    expect(stayLabel('Europe/London', '2026-11-22T08:00:00Z', '2026-11-22T18:00:00Z', day)).toBe('08:00–18:00');
  });

  it('dates the end of a stay that runs into another day', () => {
    expect(stayLabel('Europe/London', '2026-11-22T09:00:00Z', '2026-11-24T11:00:00Z', day)).toBe(
      '09:00 – Tue 24 Nov 11:00',
    );
  });
});
