import { describe, expect, it } from 'vitest';
import { bookingErrorMessage } from './messages.ts';

describe('bookingErrorMessage', () => {
  it('names each vaccine that blocks the booking', () => {
    const details = JSON.stringify([
      { name: 'DHPP', status: 'valid' },
      { name: 'Rabies', status: 'expired' },
      { name: 'Bordetella', status: 'expires_during_stay' },
      { name: 'Lepto', status: 'missing' },
    ]);
    expect(
      bookingErrorMessage({
        code: '23514',
        message: 'vaccinations required by this service are missing or expire before the stay ends',
        details,
      }),
    ).toBe('The pet cannot be booked: Rabies expired, Bordetella expires during the stay, Lepto missing.');
  });

  it('falls back to a general vaccine sentence when the details are unreadable', () => {
    expect(bookingErrorMessage({ code: '23514', message: 'vaccinations required …', details: 'nope' })).toMatch(
      /vaccinations required by this service/,
    );
  });

  it('explains a refused status move in words', () => {
    expect(bookingErrorMessage({ code: '23514', message: 'a booking cannot go from cancelled to confirmed' })).toBe(
      'A cancelled booking cannot be confirmed.',
    );
    expect(bookingErrorMessage({ code: '23514', message: 'a booking cannot go from checked_out to no_show' })).toBe(
      'A checked-out booking cannot be marked as a no-show.',
    );
  });

  it('says which day is full', () => {
    expect(bookingErrorMessage({ code: '23P01', message: 'the service is fully booked on 2026-11-23' })).toBe(
      'The service is fully booked on 2026-11-23; the booking cannot take a place.',
    );
  });

  it('tells a missing service, pet and booking apart', () => {
    expect(bookingErrorMessage({ code: 'PT404', message: 'service not found' })).toMatch(/service/);
    expect(bookingErrorMessage({ code: 'PT404', message: 'pet not found in this business' })).toMatch(/pet/);
    expect(bookingErrorMessage({ code: 'PT404', message: 'booking not found' })).toBe('That booking no longer exists.');
  });

  it('explains dates in the wrong order', () => {
    expect(bookingErrorMessage({ code: '22023', message: 'a booking must end after it starts' })).toBe(
      'The booking must end after it starts.',
    );
  });

  it('refuses without leaking internals for unknown codes and permissions', () => {
    expect(bookingErrorMessage({ code: '42501', message: 'permission denied for table bookings' })).toBe(
      'You are not allowed to do that.',
    );
    expect(bookingErrorMessage({ code: 'XX000', message: 'internal detail' })).toBe(
      'The booking could not be saved. Please try again.',
    );
  });
});

describe('bookingErrorMessage and opening hours', () => {
  it('speaks the opening-hours refusals by their hint', () => {
    expect(
      bookingErrorMessage({
        code: '22023',
        message: 'the location is closed on 2026-12-13',
        hint: 'closed_day',
        details: '{"date": "2026-12-13", "reason": null}',
      }),
    ).toBe('The site is closed on Sunday 13 December 2026. Pick another day.');
  });
});
