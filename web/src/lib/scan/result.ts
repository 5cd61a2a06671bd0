// What the check-in and check-out rpcs answer (jsonb built by private.scan_card_in plus a status), parsed
// at the boundary so the page renders typed data and a changed rpc fails loudly here, not in markup.
import { z } from 'zod';
import { formatDay } from '../time/format.ts';
import { localTime } from './day.ts';

const vaccine = z.object({
  vaccine_type_id: z.string(),
  name: z.string(),
  expires_on: z.string().nullable(),
  status: z.enum(['valid', 'expired', 'expires_during_stay', 'missing']),
});

const booking = z.object({
  id: z.string(),
  status: z.string(),
  starts_at: z.string(),
  ends_at: z.string(),
  lodging: z.string().nullable(),
  notes: z.string().nullable(),
  service: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
});

export const scanResultSchema = z.object({
  status: z.enum([
    'checked_in',
    'already_checked_in',
    'no_booking_today',
    'blocked',
    'full',
    'checked_out',
    'not_checked_in',
    /** No live booking today because the pet already went home (a tap after check-out). */
    'gone_home',
  ]),
  replayed: z.boolean().default(false),
  overridden: z.boolean().optional(),
  reason: z.string().optional(),
  scanned_at: z.string().optional(),
  /** When the pet went home today (status gone_home). */
  went_home_at: z.string().nullable().optional(),
  pet: z.object({
    id: z.string(),
    name: z.string(),
    species: z.string(),
    breed: z.string().nullable(),
    photo_path: z.string().nullable(),
    /** A short-lived signed link to the photo, added by the page's action (the rpc knows only the path). */
    photo_url: z.string().nullable().optional(),
  }),
  client: z.object({
    id: z.string(),
    full_name: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  booking: booking.nullable(),
  care: z.object({
    feeding: z.string().nullable(),
    medication: z.string().nullable(),
    handling_notes: z.string().nullable(),
  }),
  vaccines: z.array(vaccine),
  alerts: z.array(z.string()),
  walk_in_services: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })).optional(),
});

export type ScanResult = z.infer<typeof scanResultSchema>;
export type ScanStatus = ScanResult['status'];
export type VaccineStatus = z.infer<typeof vaccine>;

/** The one-line verdict at the top of the result card; times on the business's clock (timeZone). */
export function headline(
  result: Pick<ScanResult, 'status' | 'pet' | 'overridden' | 'replayed' | 'went_home_at'>,
  timeZone = 'UTC',
): string {
  const name = result.pet.name;
  switch (result.status) {
    case 'gone_home':
      return result.went_home_at
        ? `${name} went home at ${localTime(timeZone, result.went_home_at)}`
        : `${name} went home today`;
    case 'checked_in':
      return result.overridden ? `${name} is checked in (override recorded)` : `${name} is checked in`;
    case 'already_checked_in':
      return `${name} is already checked in`;
    case 'checked_out':
      return `${name} is checked out`;
    case 'not_checked_in':
      return `${name} is not checked in, so cannot be checked out`;
    case 'no_booking_today':
      return `${name} has no booking today`;
    case 'blocked':
      return `${name} cannot be checked in`;
    case 'full':
      return `Today is full: ${name} is on the waitlist`;
  }
}

/** The tone the card takes: good news, something to act on, or a stop. */
export function tone(status: ScanStatus): 'ok' | 'warn' | 'stop' {
  if (status === 'checked_in' || status === 'checked_out') return 'ok';
  if (status === 'blocked' || status === 'full') return 'stop';
  return 'warn';
}

/** The next one-tap action the card offers for this result. */
export function nextAction(status: ScanStatus): 'check_out' | 'check_in' | null {
  if (status === 'checked_in' || status === 'already_checked_in') return 'check_out';
  if (status === 'checked_out' || status === 'not_checked_in') return 'check_in';
  return null;
}

// an expiry in the app's one date format, with its year (an old certificate may be years out of date)
const expiry = (date: string | null) => (date ? formatDay(date, { year: true }) : 'an unknown date');

/** Why a blocked check-in is blocked, as staff would say it. */
export function blockReasons(vaccines: VaccineStatus[]): string[] {
  return vaccines
    .filter((v) => v.status !== 'valid')
    .map((v) => {
      switch (v.status) {
        case 'expired':
          return `${v.name} expired on ${expiry(v.expires_on)}`;
        case 'expires_during_stay':
          return `${v.name} expires during the stay (${expiry(v.expires_on)})`;
        default:
          return `${v.name} is missing`;
      }
    });
}
