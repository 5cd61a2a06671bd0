// The service form: what a manager types, checked field by field, turned into the row's values (price in
// cents, blank capacity = unlimited, daycare and boarding priced per day or night with no duration).
import { z } from 'zod';
import { Constants, type Enums } from '../database.types.ts';

export type ServiceKind = Enums<'service_kind'>;
export const SERVICE_KINDS: readonly ServiceKind[] = Constants.public.Enums.service_kind;

export const KIND_LABELS: Record<ServiceKind, string> = {
  daycare: 'Daycare (per day)',
  boarding: 'Boarding (per night)',
  grooming: 'Grooming',
  training: 'Training',
  transport: 'Pet taxi',
};

/** Kinds sold by the day or night: they have no duration. */
export const WHOLE_DAY_KINDS: readonly ServiceKind[] = ['daycare', 'boarding'];

const optionalInt = (max: number, message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) <= max), message)
    .transform((v) => (v === '' ? null : Number(v)));

export const serviceSchema = z
  .object({
    kind: z.enum(SERVICE_KINDS as [ServiceKind, ...ServiceKind[]], { error: 'Choose what kind of service it is.' }),
    name: z.string().trim().min(1, 'Give the service a name.').max(80, 'Keep the name to 80 characters.'),
    location_id: z
      .string()
      .refine((v) => v === '' || z.uuid().safeParse(v).success, 'Choose a location from the list.')
      .transform((v) => v || null),
    duration_minutes: optionalInt(1440, 'Enter the duration in whole minutes, at most 1440.'),
    price: z
      .string()
      .trim()
      .regex(/^\d{1,7}([.,]\d{1,2})?$/, 'Enter a price like 25 or 25.50.')
      .transform((v) => Math.round(Number(v.replace(',', '.')) * 100)),
    daily_capacity: optionalInt(
      10000,
      'Enter how many pets a day, as a whole number (or leave it empty for no limit).',
    ),
    bookable_online: z
      .string()
      .optional()
      .transform((v) => v === 'on'),
  })
  .superRefine((s, ctx) => {
    if (!WHOLE_DAY_KINDS.includes(s.kind) && s.duration_minutes === null)
      ctx.addIssue({ code: 'custom', path: ['duration_minutes'], message: 'Enter how long it takes, in minutes.' });
    if (s.duration_minutes === 0)
      ctx.addIssue({ code: 'custom', path: ['duration_minutes'], message: 'A duration is at least 1 minute.' });
  })
  .transform((s) => ({
    ...s,
    duration_minutes: WHOLE_DAY_KINDS.includes(s.kind) ? null : s.duration_minutes,
  }));

export type ServiceInput = z.output<typeof serviceSchema> & { required_vaccine_type_ids: string[] };

/** Cents as the form shows them ("25.50"). */
export function priceText(cents: number): string {
  return (cents / 100).toFixed(2);
}
