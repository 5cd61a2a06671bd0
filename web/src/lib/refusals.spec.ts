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
      'The service is fully booked on Wed 10 Mar.',
    );
  });

  it('names the pet, the service and the day of a double booking', () => {
    const details = JSON.stringify({
      pet_name: 'Rex',
      service_name: 'Daycare',
      day: '2026-12-08',
      status: 'confirmed',
      booking_id: 'b1',
    });
    expect(refusalSentence({ code: '23P01', hint: 'pet_already_booked', details })).toBe(
      'Rex is already booked for Daycare on Tue 8 Dec.',
    );
    expect(
      refusalSentence({
        code: '23P01',
        hint: 'pet_already_booked',
        details: JSON.stringify({
          pet_name: 'Luna',
          service_name: 'Boarding',
          day: '2027-01-05',
          status: 'waitlisted',
        }),
      }),
    ).toBe('Luna is already booked for Boarding on Tue 5 Jan (on the waitlist).');
    expect(refusalSentence({ code: '23P01', hint: 'pet_already_booked' })).toBe(
      'This pet is already booked for this service at that time.',
    );
  });

  it('names each vaccine that blocks a booking, from the status list in details', () => {
    const details = JSON.stringify([
      { name: 'DHPP', status: 'valid' },
      { name: 'Rabies', status: 'expired' },
      { name: 'Bordetella', status: 'expires_during_stay' },
      { name: 'Lepto', status: 'missing' },
    ]);
    expect(refusalSentence({ code: '23514', hint: 'vaccine_blocks_booking', details })).toBe(
      'The pet cannot be booked: Rabies expired, Bordetella expires during the stay, Lepto missing.',
    );
    expect(refusalSentence({ code: '23514', hint: 'vaccine_blocks_booking', details: 'nope' })).toMatch(
      /vaccinations required by this service are missing/,
    );
  });

  it('says which status move a booking cannot make', () => {
    expect(
      refusalSentence({
        code: '23514',
        hint: 'booking_move_not_allowed',
        details: '{"from":"cancelled","to":"confirmed"}',
      }),
    ).toBe('A cancelled booking cannot be confirmed.');
    expect(
      refusalSentence({
        code: '23514',
        hint: 'booking_move_not_allowed',
        details: '{"from":"checked_out","to":"no_show"}',
      }),
    ).toBe('A checked-out booking cannot be marked as a no-show.');
    expect(refusalSentence({ code: '23514', hint: 'booking_move_not_allowed' })).toBe(
      'That change is not allowed for this booking.',
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
    expect(
      refusalSentence({
        code: '22023',
        hint: 'outside_opening_hours',
        details: '{"date": "2026-12-08", "closes": "02:00"}',
      }),
    ).toBe('The site closes at 02:00 on Tuesday 8 December 2026: the visit must end by then.');
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
