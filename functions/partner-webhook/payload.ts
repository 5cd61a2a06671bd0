import { z } from 'zod';

/** Largest body accepted: records are small, and verification must not hash megabytes for a stranger. */
export const MAX_BODY_BYTES = 256 * 1024;

const isoDate = z.iso.date({ error: 'must be a date (YYYY-MM-DD)' });

/** `vaccination.recorded.v1`: one vaccine given to the pet with this microchip. */
export const VaccinationRecordedV1 = z
  .object({
    microchip: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{9,15}$/, { error: 'must be 9 to 15 letters or digits' }),
    vaccine: z
      .object({ name: z.string().trim().min(1).max(100).optional(), code: z.string().trim().min(1).max(50).optional() })
      .refine((v) => v.name !== undefined || v.code !== undefined, { error: 'needs a name or a code' }),
    administered_on: isoDate,
    expires_on: isoDate,
    batch: z.string().trim().min(1).max(100).optional(),
  })
  .refine((r) => r.expires_on > r.administered_on, {
    error: 'expires_on must be after administered_on',
    path: ['expires_on'],
  });

/** The envelope every partner event shares; `type` is versioned so a shape can change without breaking senders. */
export const PartnerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('vaccination.recorded.v1'), data: VaccinationRecordedV1 }),
]);

export type PartnerEvent = z.infer<typeof PartnerEvent>;
