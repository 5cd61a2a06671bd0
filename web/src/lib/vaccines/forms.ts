// The vaccine type form: a name, the species it is for, how many days a shot stays valid, and whether every
// pet of that species must have it (services may require more, per service). Checked field by field.
import { z } from 'zod';

export const SPECIES = ['dog', 'cat', 'rabbit', 'bird', 'other'] as const;
export type Species = (typeof SPECIES)[number];

export const SPECIES_LABELS: Record<Species, string> = {
  dog: 'Dogs',
  cat: 'Cats',
  rabbit: 'Rabbits',
  bird: 'Birds',
  other: 'Other animals',
};

export const vaccineTypeSchema = z.object({
  name: z.string().trim().min(1, 'Give the vaccine a name.').max(80, 'Keep the name to 80 characters.'),
  species: z.enum(SPECIES, { error: 'Choose which animals it is for.' }),
  valid_days: z
    .string()
    .trim()
    .refine((v) => /^-?\d+$/.test(v), 'Enter how many days a shot stays valid, as a whole number (365 for a year).')
    .transform(Number)
    .refine((n) => n > 0, 'A shot stays valid at least 1 day.')
    .refine((n) => n <= 3650, 'At most 3650 days (ten years).'),
  required: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});

export type VaccineTypeInput = z.output<typeof vaccineTypeSchema>;

/** "1 year", "6 months"-free: days as people say them for the usual spans, else "N days". */
export function validityText(days: number): string {
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return days === 1 ? '1 day' : `${days} days`;
}
