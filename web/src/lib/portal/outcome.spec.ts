import { describe, expect, it } from 'vitest';
import { bookedOutcome, cutoffHours, mayCancel, refusedOutcome } from './outcome.ts';

describe('booking outcomes in words', () => {
  it('names each status the rpc answers with', () => {
    expect(bookedOutcome('p', 'Luna', 'confirmed').sentence).toBe('Luna is booked: confirmed.');
    expect(bookedOutcome('p', 'Luna', 'requested').kind).toBe('requested');
    expect(bookedOutcome('p', 'Luna', 'waitlisted').sentence).toMatch(/waiting list/);
  });

  it('says which vaccine blocks the booking and when it expired', () => {
    const details = JSON.stringify([
      { vaccine_type_id: 'v1', name: 'Rabies', status: 'expired', expires_on: '2026-11-01' },
      { vaccine_type_id: 'v2', name: 'DHPP', status: 'valid', expires_on: '2027-09-01' },
    ]);
    const outcome = refusedOutcome('p', 'Luna', { code: '23514', hint: 'vaccine_blocks_booking', details });
    expect(outcome.kind).toBe('refused');
    expect(outcome.sentence).toBe(
      "Luna can't be booked: Rabies expired on Sunday 1 November 2026. Upload a new certificate and the team will check it.",
    );
    expect(outcome.vaccines.map((v) => v.name)).toEqual(['Rabies']);
  });

  it('uses the shared sentence for other refusals', () => {
    expect(refusedOutcome('p', 'Rex', { hint: 'service_not_found' }).sentence).toMatch(/no longer offered/);
  });
});

describe('cancellation cut-off', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  it('allows cancelling until the cut-off before the start', () => {
    expect(mayCancel('2026-12-07T10:00:00Z', 24, now)).toBe(true);
    expect(mayCancel('2026-12-07T09:59:00Z', 24, now)).toBe(false);
  });
  it('reads the business setting, 24 hours by default', () => {
    expect(cutoffHours({ cancel_cutoff_hours: 48 })).toBe(48);
    expect(cutoffHours({})).toBe(24);
    expect(cutoffHours({ cancel_cutoff_hours: 'soon' })).toBe(24);
  });
});
