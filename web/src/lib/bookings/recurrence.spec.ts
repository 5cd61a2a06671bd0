import { describe, expect, it } from 'vitest';
import { MAX_SERIES, occurrences } from './recurrence.ts';

describe('occurrences', () => {
  it('repeats Mon/Wed/Fri at the same time until the last date, inclusive', () => {
    const got = occurrences({ startsAt: '2027-03-01T08:00', weekdays: [1, 3, 5], until: '2027-03-12' });
    expect(got.map((o) => o.startsAt)).toEqual([
      '2027-03-01T08:00',
      '2027-03-03T08:00',
      '2027-03-05T08:00',
      '2027-03-08T08:00',
      '2027-03-10T08:00',
      '2027-03-12T08:00',
    ]);
    expect(got.every((o) => o.endsAt === undefined)).toBe(true);
  });

  it('keeps a multi-night stay the same length each week', () => {
    const got = occurrences({
      startsAt: '2027-03-05T17:00',
      endsAt: '2027-03-07T10:00',
      weekdays: [5],
      until: '2027-03-19',
    });
    expect(got).toEqual([
      { startsAt: '2027-03-05T17:00', endsAt: '2027-03-07T10:00' },
      { startsAt: '2027-03-12T17:00', endsAt: '2027-03-14T10:00' },
      { startsAt: '2027-03-19T17:00', endsAt: '2027-03-21T10:00' },
    ]);
  });

  it('keeps the wall-clock time across the change to summer time (London, 28 March 2027)', () => {
    const got = occurrences({ startsAt: '2027-03-26T08:00', weekdays: [1], until: '2027-03-29' });
    expect(got.map((o) => o.startsAt)).toEqual(['2027-03-26T08:00', '2027-03-29T08:00']);
  });

  it('is the single date without weekdays or an end date', () => {
    expect(occurrences({ startsAt: '2027-03-01T08:00', weekdays: [], until: '2027-12-31' })).toHaveLength(1);
    expect(occurrences({ startsAt: '2027-03-01T08:00', weekdays: [1, 2] })).toHaveLength(1);
  });

  it('stops just past the cap, so a far end date cannot run away', () => {
    const got = occurrences({ startsAt: '2027-01-01T08:00', weekdays: [1, 2, 3, 4, 5, 6, 7], until: '2999-12-31' });
    expect(got).toHaveLength(MAX_SERIES + 1);
  });
});
