// What the booking rpcs' refusals mean to the person at the desk. The database owns the rules
// (capacity, vaccines, the life cycle); this only turns its error codes and messages into sentences,
// so the wording lives in one place and is tested without a server.

import { refusalSentence } from '../refusals.ts';

/** The parts of a PostgREST error the database fills in. */
export interface RpcError {
  code?: string;
  message?: string;
  details?: string | null;
  hint?: string | null;
}

const STATUS_WORDS: Record<string, string> = {
  requested: 'requested',
  confirmed: 'confirmed',
  waitlisted: 'waitlisted',
  checked_in: 'checked-in',
  checked_out: 'checked-out',
  cancelled: 'cancelled',
  no_show: 'no-show',
};

const VACCINE_WORDS: Record<string, string> = {
  missing: 'missing',
  expired: 'expired',
  expires_during_stay: 'expires during the stay',
};

/** `details` of the vaccine refusal is the pet_vaccine_status list; name what is wrong with each. */
function vaccineProblems(details: string | null | undefined): string[] {
  if (!details) return [];
  try {
    const list: unknown = JSON.parse(details);
    if (!Array.isArray(list)) return [];
    return list
      .filter((v): v is { name: string; status: string } => typeof v?.name === 'string' && v.status !== 'valid')
      .map((v) => `${v.name} ${VACCINE_WORDS[v.status] ?? v.status}`);
  } catch {
    return [];
  }
}

function transition(message: string): string | null {
  const m = /cannot go from (\w+) to (\w+)/.exec(message);
  if (!m) return null;
  const [, from, to] = m;
  const verb: Record<string, string> = {
    confirmed: 'confirmed',
    cancelled: 'cancelled',
    no_show: 'marked as a no-show',
    checked_in: 'checked in',
    checked_out: 'checked out',
    waitlisted: 'put on the waitlist',
    requested: 'reopened',
  };
  return `A ${STATUS_WORDS[from] ?? from} booking cannot be ${verb[to] ?? `moved to ${to}`}.`;
}

/** One sentence for a refused booking action. */
export function bookingErrorMessage(error: RpcError): string {
  const message = error.message ?? '';
  // opening hours (h1) speak through their hint keys already
  if (error.hint === 'closed_day' || error.hint === 'outside_opening_hours') return refusalSentence(error) ?? message;
  switch (error.code) {
    case 'PT404':
      if (message.includes('service')) return 'That service does not exist or is no longer offered.';
      if (message.includes('pet')) return 'That pet is not an active pet of this business.';
      return 'That booking no longer exists.';
    case '23514': {
      if (message.includes('vaccinations')) {
        const problems = vaccineProblems(error.details);
        return problems.length
          ? `The pet cannot be booked: ${problems.join(', ')}.`
          : 'The pet cannot be booked: vaccinations required by this service are missing or expire before the stay ends.';
      }
      return transition(message) ?? 'That change is not allowed for this booking.';
    }
    case '23P01': {
      const day = /on (\d{4}-\d{2}-\d{2})/.exec(message)?.[1];
      return `The service is fully booked${day ? ` on ${day}` : ''}; the booking cannot take a place.`;
    }
    case '22023':
      return message.includes('end after')
        ? 'The booking must end after it starts.'
        : 'Those booking details are not valid.';
    case '22P02':
    case '22007':
    case '22008':
      return 'Those booking details are not valid.';
    case '42501':
      return 'You are not allowed to do that.';
    default:
      return 'The booking could not be saved. Please try again.';
  }
}
