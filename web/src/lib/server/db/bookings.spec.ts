import { describe, expect, it } from 'vitest';
import { bookingRefusal } from './bookings.ts';

describe('bookingRefusal', () => {
  it('reads the hint, never the message', () => {
    expect(
      bookingRefusal({
        code: '23P01',
        hint: 'pet_already_booked',
        details: '{"pet_name":"Rex","service_name":"Daycare","day":"2026-12-08","status":"confirmed"}',
      }),
    ).toBe('Rex is already booked for Daycare on Tue 8 Dec.');
    expect(bookingRefusal({ code: '23P01', hint: 'service_fully_booked', details: '{"day":"2026-11-23"}' })).toBe(
      'The service is fully booked on Mon 23 Nov.',
    );
    expect(bookingRefusal({ code: 'PT404', hint: 'service_not_found' })).toMatch(/service/);
    expect(bookingRefusal({ code: 'PT404', hint: 'pet_not_found' })).toMatch(/pet/);
    expect(bookingRefusal({ code: 'PT404', hint: 'booking_not_found' })).toBe('That booking no longer exists.');
    expect(bookingRefusal({ code: '22023', hint: 'booking_ends_before_start' })).toBe(
      'The booking must end after it starts.',
    );
  });

  it('answers an unnamed refusal by its code alone', () => {
    expect(bookingRefusal({ code: '42501' })).toBe('You are not allowed to do that.');
    expect(bookingRefusal({ code: '22P02' })).toBe('Those booking details are not valid.');
    expect(bookingRefusal({ code: '23514' })).toBe('That change is not allowed for this booking.');
  });
});
