// Vaccination rules the health pages show: how a record stands on the business's today, when it expires by
// default, and what the review queue still waits for. Dates are calendar dates (YYYY-MM-DD) in the
// business's zone; no framework imports, so it is unit-tested directly.

export type VaccineStanding = 'valid' | 'expiring' | 'expired';

/** How many days ahead an expiry counts as "soon": long enough to rebook a vet visit. */
export const EXPIRING_WITHIN_DAYS = 30;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date `days` after `date` (both YYYY-MM-DD), by the calendar, free of time zones and DST. */
export function addDays(date: string, days: number): string {
  if (!DATE.test(date)) throw new RangeError(`not a date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Valid, expiring within the window, or expired (a record expiring today is still valid today). */
export function vaccineStanding(expiresOn: string, today: string, withinDays = EXPIRING_WITHIN_DAYS): VaccineStanding {
  if (expiresOn < today) return 'expired';
  if (expiresOn <= addDays(today, withinDays)) return 'expiring';
  return 'valid';
}

/** The expiry a vaccine type implies for a dose given on `administeredOn`. */
export function defaultExpiry(administeredOn: string, validDays: number): string {
  return addDays(administeredOn, validDays);
}

export type ReviewState = 'pending' | 'verified' | 'rejected' | 'trusted';

/**
 * Where a record stands with staff: parents' uploads wait until verified or refused; staff and partner
 * records are trusted as recorded (partner pushes are verified by the webhook).
 */
export function reviewState(v: { source: string; verifiedAt: string | null; rejectedAt: string | null }): ReviewState {
  if (v.rejectedAt) return 'rejected';
  if (v.verifiedAt) return 'verified';
  return v.source === 'parent' ? 'pending' : 'trusted';
}

/** Sorts for the per-pet list: the most urgent first (expired, expiring, valid), then by expiry. */
export function byUrgency<T extends { expiresOn: string }>(rows: T[], today: string): T[] {
  const rank: Record<VaccineStanding, number> = { expired: 0, expiring: 1, valid: 2 };
  return [...rows].sort(
    (a, b) =>
      rank[vaccineStanding(a.expiresOn, today)] - rank[vaccineStanding(b.expiresOn, today)] ||
      a.expiresOn.localeCompare(b.expiresOn),
  );
}
