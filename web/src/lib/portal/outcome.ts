// What happened to a parent's booking request, in words: confirmed, requested, waitlisted, or refused
// (with the reason, and for vaccines which ones, so the page can offer the certificate upload right there).
import { refusalSentence, type Refusal } from '#lib/refusals.ts';
import { formatLongDay } from '#lib/time/format.ts';

export interface VaccineProblem {
  vaccineTypeId: string | null;
  name: string;
  status: 'missing' | 'expired' | 'expires_during_stay';
  expiresOn: string | null;
}

export interface Outcome {
  petId: string;
  petName: string;
  kind: 'confirmed' | 'requested' | 'waitlisted' | 'refused';
  sentence: string;
  vaccines: VaccineProblem[];
}

const dateWords = (date: string): string => formatLongDay(date);

export function bookedOutcome(petId: string, petName: string, status: string): Outcome {
  switch (status) {
    case 'confirmed':
      return { petId, petName, kind: 'confirmed', sentence: `${petName} is booked: confirmed.`, vaccines: [] };
    case 'waitlisted':
      return {
        petId,
        petName,
        kind: 'waitlisted',
        sentence: `The day is full, so ${petName} is on the waiting list. You will hear as soon as a place opens.`,
        vaccines: [],
      };
    default:
      return {
        petId,
        petName,
        kind: 'requested',
        sentence: `${petName}'s booking is requested. The team will confirm it.`,
        vaccines: [],
      };
  }
}

function vaccineList(details: string | null | undefined): VaccineProblem[] {
  if (!details) return [];
  try {
    const list: unknown = JSON.parse(details);
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (v) => v && typeof v.name === 'string' && ['missing', 'expired', 'expires_during_stay'].includes(v.status),
      )
      .map((v) => ({
        vaccineTypeId: typeof v.vaccine_type_id === 'string' ? v.vaccine_type_id : null,
        name: v.name,
        status: v.status,
        expiresOn: typeof v.expires_on === 'string' ? v.expires_on : null,
      }));
  } catch {
    return [];
  }
}

export function refusedOutcome(petId: string, petName: string, refusal: Refusal): Outcome {
  if (refusal.hint === 'vaccine_blocks_booking') {
    const vaccines = vaccineList(refusal.details);
    const reasons = vaccines.map((v) =>
      v.status === 'missing'
        ? `${v.name} is not on file`
        : v.status === 'expired'
          ? `${v.name} expired on ${dateWords(v.expiresOn ?? '')}`
          : `${v.name} expires on ${dateWords(v.expiresOn ?? '')}, during the stay`,
    );
    return {
      petId,
      petName,
      kind: 'refused',
      sentence: `${petName} can't be booked: ${reasons.join('; ') || 'a required vaccination is not up to date'}. Upload a new certificate and the team will check it.`,
      vaccines,
    };
  }
  return {
    petId,
    petName,
    kind: 'refused',
    sentence: `${petName} can't be booked: ${refusalSentence(refusal) ?? 'the business could not take this booking.'}`,
    vaccines: [],
  };
}

/** Whether a booking may still be cancelled by the parent: before the business's cut-off. */
export function mayCancel(startsAt: string, cutoffHours: number, now: Date = new Date()): boolean {
  return Date.parse(startsAt) - now.getTime() >= cutoffHours * 3_600_000;
}

/** The business's cut-off in hours (settings.cancel_cutoff_hours), 24 when unset or nonsense. */
export function cutoffHours(settings: unknown): number {
  const value = (settings as { cancel_cutoff_hours?: unknown } | null)?.cancel_cutoff_hours;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 24 * 30 ? value : 24;
}
