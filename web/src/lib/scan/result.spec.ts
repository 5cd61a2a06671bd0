import { describe, expect, it } from 'vitest';
import { blockReasons, headline, nextAction, scanResultSchema, tone } from './result.ts';

// Luna's blocked check-in as the rpc answers it for the demo data.
const luna = {
  status: 'blocked',
  reason: 'vaccines',
  replayed: false,
  pet: { id: 'p', name: 'Luna', species: 'dog', breed: 'Border Collie', photo_path: null },
  client: { id: 'c', full_name: 'Jordan Parker', phone: '+44 7700 900001', email: 'parent@happypaws.test' },
  booking: {
    id: 'b',
    status: 'confirmed',
    starts_at: '2026-11-22T08:00:00+00:00',
    ends_at: '2026-11-22T18:00:00+00:00',
    lodging: null,
    notes: null,
    service: { id: 's', kind: 'daycare', name: 'Full-day daycare' },
  },
  care: { feeding: '1 cup dry food at noon', medication: 'Joint supplement with lunch', handling_notes: 'Nervous' },
  vaccines: [
    { vaccine_type_id: 'v1', name: 'DHPP', status: 'valid', expires_on: '2027-08-24' },
    { vaccine_type_id: 'v2', name: 'Rabies', status: 'expired', expires_on: '2026-10-18' },
  ],
  alerts: ['vaccine Rabies: expired', 'allergy: Chicken allergy'],
};

describe('scan results', () => {
  it('parses what the check-in rpc answers', () => {
    const parsed = scanResultSchema.parse(luna);
    expect(parsed.booking?.service.name).toBe('Full-day daycare');
    expect(headline(parsed)).toBe('Luna cannot be checked in');
    expect(tone(parsed.status)).toBe('stop');
    expect(blockReasons(parsed.vaccines)).toEqual(['Rabies expired on Sun 18 Oct 2026']);
  });

  it('refuses an answer of a shape it does not know', () => {
    expect(scanResultSchema.safeParse({ ...luna, status: 'teleported' }).success).toBe(false);
    expect(scanResultSchema.safeParse({ ...luna, pet: null }).success).toBe(false);
  });

  it('offers check-out after a check-in and check-in after a check-out', () => {
    expect(nextAction('checked_in')).toBe('check_out');
    expect(nextAction('already_checked_in')).toBe('check_out');
    expect(nextAction('checked_out')).toBe('check_in');
    expect(nextAction('blocked')).toBeNull();
  });

  it('says a pet tapped after check-out went home, at what time on the business clock, and offers no one-tap action', () => {
    const gone = scanResultSchema.parse({ ...luna, status: 'gone_home', went_home_at: '2026-07-01T16:42:00+00:00' });
    expect(headline(gone, 'Europe/London')).toBe('Luna went home at 17:42');
    expect(nextAction(gone.status)).toBeNull();
    expect(tone(gone.status)).toBe('warn');
  });

  it('says when an override let a pet in', () => {
    expect(headline({ status: 'checked_in', pet: luna.pet, overridden: true, replayed: false })).toBe(
      'Luna is checked in (override recorded)',
    );
  });

  it('names missing and expiring vaccines', () => {
    expect(
      blockReasons([
        { vaccine_type_id: 'a', name: 'Bordetella', status: 'missing', expires_on: null },
        { vaccine_type_id: 'b', name: 'DHPP', status: 'expires_during_stay', expires_on: '2026-11-23' },
      ]),
    ).toEqual(['Bordetella is missing', 'DHPP expires during the stay (Mon 23 Nov 2026)']);
  });
});
