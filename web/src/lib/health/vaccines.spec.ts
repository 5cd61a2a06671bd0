import { describe, expect, it } from 'vitest';
import { addDays, byUrgency, defaultExpiry, reviewState, vaccineStanding } from './vaccines.ts';

describe('vaccineStanding', () => {
  it('calls a record expiring today expiring and one that expired yesterday expired', () => {
    expect(vaccineStanding('2026-11-22', '2026-11-22')).toBe('expiring');
    expect(vaccineStanding('2026-11-21', '2026-11-22')).toBe('expired');
  });

  it('counts expiries within 30 days as expiring and later ones as valid', () => {
    expect(vaccineStanding('2026-12-22', '2026-11-22')).toBe('expiring');
    expect(vaccineStanding('2026-12-23', '2026-11-22')).toBe('valid');
  });

  it('honours a custom window', () => {
    expect(vaccineStanding('2026-11-30', '2026-11-22', 7)).toBe('valid');
  });
});

describe('dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('derives the default expiry from the vaccine type’s valid days', () => {
    expect(defaultExpiry('2026-11-22', 365)).toBe('2027-11-22');
  });

  it('refuses text that is not a date', () => {
    expect(() => addDays('22/11/2026', 1)).toThrow(RangeError);
  });
});

describe('reviewState', () => {
  it('keeps an unverified parent upload pending', () => {
    expect(reviewState({ source: 'parent', verifiedAt: null, rejectedAt: null })).toBe('pending');
  });

  it('reports verified and refused uploads', () => {
    expect(reviewState({ source: 'parent', verifiedAt: '2026-11-22T10:00:00Z', rejectedAt: null })).toBe('verified');
    expect(reviewState({ source: 'parent', verifiedAt: null, rejectedAt: '2026-11-22T10:00:00Z' })).toBe('rejected');
  });

  it('trusts staff and partner records as recorded', () => {
    expect(reviewState({ source: 'staff', verifiedAt: null, rejectedAt: null })).toBe('trusted');
    expect(reviewState({ source: 'partner', verifiedAt: null, rejectedAt: null })).toBe('trusted');
  });
});

describe('byUrgency', () => {
  it('puts expired first, then expiring, then valid, each by expiry', () => {
    const rows = [
      { name: 'valid', expiresOn: '2027-06-01' },
      { name: 'expiring', expiresOn: '2026-12-01' },
      { name: 'expired-late', expiresOn: '2026-11-01' },
      { name: 'expired-early', expiresOn: '2025-01-01' },
    ];
    expect(byUrgency(rows, '2026-11-22').map((r) => r.name)).toEqual([
      'expired-early',
      'expired-late',
      'expiring',
      'valid',
    ]);
  });
});
