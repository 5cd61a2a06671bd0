// The health pages' form schemas (zod 4), kept out of the routes so their rules are unit-tested. Empty
// optional inputs arrive as '' from a browser and become null.
import { z } from 'zod';
import { RECORD_KINDS, SEVERITIES } from '../enums.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const date = (label: string) =>
  z
    .string()
    .trim()
    .regex(DATE, `Enter ${label} as a date.`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), `Enter ${label} as a real date.`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .transform((v) => v || null)
    .optional()
    .transform((v) => v ?? null);

const required = (label: string, max: number) =>
  z.string().trim().min(1, `Enter ${label}.`).max(max, `Keep it under ${max} characters.`);

export const vaccinationForm = z
  .object({
    vaccine_type_id: z.uuid('Choose the vaccine.'),
    administered_on: date('the date it was given'),
    // Left empty, the expiry follows from the vaccine type's valid days (the route fills it in).
    expires_on: date('the expiry')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    batch: optionalText(100),
  })
  .refine((v) => !v.expires_on || v.expires_on > v.administered_on, {
    path: ['expires_on'],
    message: 'The expiry must be after the date it was given.',
  });

export const reviewForm = z.object({ id: z.uuid('That record is not in the queue.') });

export const rejectForm = z.object({
  id: z.uuid('That record is not in the queue.'),
  reason: required('why the certificate is refused', 500),
});

export const doseForm = z.object({
  pet_id: z.uuid('Choose the pet.'),
  medication: required('the medication', 200),
  dose: required('the dose', 100),
});

export { RECORD_KINDS, SEVERITIES };

export const incidentForm = z.object({
  pet_id: z.uuid('Choose the pet.'),
  kind: required('what kind of incident it was', 100),
  severity: z.enum(SEVERITIES, 'Choose how serious it was.'),
  description: required('what happened', 4000),
  parent_notified: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});

export const medicalRecordForm = z.object({
  kind: z.enum(RECORD_KINDS, 'Choose the kind of record.'),
  title: required('a title', 200),
  occurred_on: date('the date'),
  notes: optionalText(4000),
  diagnosis: optionalText(2000),
  treatment: optionalText(2000),
});

/** Errors for one field, typed wide so every failure of an action has the same shape. */
export function fieldError(field: string, message: string): Partial<Record<string, string>> {
  return { [field]: message };
}
