import { describe, expect, it } from 'vitest';
import { refusalDetail, refusalSentence } from './refusals.ts';

describe('refusalSentence', () => {
  it('names the tag an unknown-tag refusal carries in its details', () => {
    expect(refusalSentence({ code: 'PT404', hint: 'tag_not_found', details: '{"uid":"04:a1"}' })).toBe(
      'No pet wears tag 04:a1 here. Register the tag on the pet’s page first.',
    );
  });

  it('still reads when the details are missing or not JSON', () => {
    expect(refusalSentence({ hint: 'tag_not_found', details: 'not json' })).toBe(
      'No pet wears that tag here. Register the tag on the pet’s page first.',
    );
  });

  it('gives the day of a fully booked service', () => {
    expect(refusalSentence({ hint: 'service_fully_booked', details: '{"day":"2027-03-10"}' })).toBe(
      'The service is fully booked on 2027-03-10.',
    );
  });

  it('answers null for a hint it does not know, so the caller picks a generic sentence', () => {
    expect(refusalSentence({ code: '22023', hint: 'something_new' })).toBeNull();
    expect(refusalSentence({ code: '22023' })).toBeNull();
  });
});

describe('refusalDetail', () => {
  it('takes only a JSON object', () => {
    expect(refusalDetail({ details: '{"uid":"x"}' })).toEqual({ uid: 'x' });
    expect(refusalDetail({ details: '[1,2]' })).toEqual({});
    expect(refusalDetail({ details: null })).toEqual({});
  });
});

describe('opening-hours and onboarding refusals', () => {
  it('names the day, its hours and the reason for a closure', () => {
    expect(
      refusalSentence({
        code: '22023',
        hint: 'outside_opening_hours',
        details: '{"date": "2026-12-07", "opens": "07:00", "closes": "19:00"}',
      }),
    ).toBe('That is outside the opening hours: 07:00–19:00 on Monday 7 December 2026.');
    expect(
      refusalSentence({
        code: '22023',
        hint: 'closed_day',
        details: '{"date": "2026-12-25", "reason": "Christmas Day"}',
      }),
    ).toBe('The site is closed on Friday 25 December 2026 (Christmas Day). Pick another day.');
    expect(refusalSentence({ code: '22023', hint: 'outside_opening_hours', details: '{"closes": "19:00"}' })).toBe(
      'The site closes at 19:00 that day: the visit must end by then.',
    );
  });

  it('names a taken web address and a bad weekday of the hours', () => {
    expect(refusalSentence({ code: '23505', hint: 'slug_taken', details: '{"slug": "happy-paws"}' })).toBe(
      'The web address “happy-paws” is taken. Try another.',
    );
    expect(refusalSentence({ code: '22023', hint: 'opening_hours_invalid', details: '{"weekday": 2}' })).toBe(
      'Closing must come after opening on Tuesday.',
    );
  });
});
