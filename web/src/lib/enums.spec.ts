import { describe, expect, expectTypeOf, it } from 'vitest';
import { Constants, type Database } from './database.types.ts';
import { BOOKING_STATUSES, isOneOf, RECORD_KINDS, SEVERITIES, TAG_KINDS, type BookingStatus } from './enums.ts';

describe('enums from the generated database types', () => {
  it('lists exactly the values the database defines', () => {
    expect(BOOKING_STATUSES).toEqual(Constants.public.Enums.booking_status);
    expect(SEVERITIES).toEqual(['low', 'medium', 'high', 'critical']);
    expect(RECORD_KINDS).toEqual(Constants.public.Enums.medical_record_kind);
    expect(TAG_KINDS).toEqual(['nfc', 'qr']);
    expectTypeOf<BookingStatus>().toEqualTypeOf<Database['public']['Enums']['booking_status']>();
  });

  it('recognises a value of the enum and nothing else, not even names every object has', () => {
    expect(isOneOf(BOOKING_STATUSES, 'checked_in')).toBe(true);
    for (const value of ['checked-in', 'CHECKED_IN', '', 'toString', 'constructor', '__proto__', 3, null, undefined]) {
      expect(isOneOf(BOOKING_STATUSES, value)).toBe(false);
    }
  });
});
