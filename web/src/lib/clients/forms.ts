// The client and pet forms' rules: what a valid client, pet and tag look like, and how the "client with
// several pets" form's numbered rows (pet-0-name, pet-1-name, …) become one record per pet. No framework
// imports, so the rules are unit-tested directly and shared by every page that edits these records.
import { z } from 'zod';
import type { FieldErrors } from '../forms.ts';

export const SPECIES = ['dog', 'cat', 'rabbit', 'bird', 'other'] as const;
export const SEXES = ['unknown', 'female', 'male'] as const;

/** Blank text becomes null so the database stores "not given", not an empty string. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters).`)
    .optional()
    .transform((v) => (v ? v : null));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === 'on' || v === 'true');

export const clientSchema = z.object({
  full_name: z
    .string('Enter the client’s name.')
    .trim()
    .min(1, 'Enter the client’s name.')
    .max(200, 'The name is too long.'),
  email: optionalText(320, 'The e-mail address').refine(
    (v) => v === null || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    'Enter an e-mail address like name@example.com.',
  ),
  phone: optionalText(20, 'The phone number').refine(
    (v) => v === null || /^\+?[0-9 ()-]{5,20}$/.test(v),
    'Enter a phone number with digits, spaces, brackets or dashes, like +44 20 7946 0000.',
  ),
  address: optionalText(500, 'The address'),
  consent_marketing: checkbox,
  consent_sms: checkbox,
  consent_photos: checkbox,
});
export type ClientInput = z.output<typeof clientSchema>;

const today = () => new Date().toISOString().slice(0, 10);

export const petSchema = z.object({
  name: z.string('Enter the pet’s name.').trim().min(1, 'Enter the pet’s name.').max(100, 'The name is too long.'),
  species: z.enum(SPECIES, 'Choose a species from the list.'),
  breed: optionalText(100, 'The breed'),
  sex: z.enum(SEXES, 'Choose a sex from the list.'),
  birth_date: optionalText(10, 'The birth date')
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Enter the birth date as YYYY-MM-DD.')
    .refine(
      (v) => v === null || (v > '1980-01-01' && v <= today()),
      'The birth date must be after 1980 and not in the future.',
    ),
  weight_kg: optionalText(10, 'The weight')
    .refine((v) => v === null || /^\d{1,3}([.,]\d{1,2})?$/.test(v), 'Enter the weight in kg, like 12.5.')
    .transform((v) => (v === null ? null : Number(v.replace(',', '.'))))
    .refine((v) => v === null || v > 0, 'The weight must be more than 0 kg.'),
  microchip: optionalText(15, 'The microchip number')
    .transform((v) => v?.replace(/[\s-]/g, '') ?? null)
    .refine((v) => v === null || /^[0-9A-Za-z]{9,15}$/.test(v), 'A microchip number has 9 to 15 letters or digits.'),
  feeding: optionalText(2000, 'Feeding'),
  medication: optionalText(2000, 'Medication'),
  handling_notes: optionalText(2000, 'Handling notes'),
});
export type PetInput = z.output<typeof petSchema>;

/** The pet edit form also switches a pet on and off (inactive pets leave the scanner's search). */
export const petEditSchema = petSchema.extend({ is_active: checkbox });
export type PetEdit = z.output<typeof petEditSchema>;

export const PET_FIELDS = Object.keys(petSchema.shape) as Array<keyof typeof petSchema.shape>;
const CLIENT_FIELDS = Object.keys(clientSchema.shape);

/** What the user typed, echoed back when the form is refused. */
export interface NewClientValues {
  client: Record<string, string>;
  pets: Array<Record<string, string>>;
}

export type NewClientParse =
  | { ok: true; client: ClientInput; pets: PetInput[]; values: NewClientValues }
  | { ok: false; errors: FieldErrors; values: NewClientValues };

/** The name of pet row `index`'s `field`, used for both the input and its error. */
export function petFieldName(index: number, field: string): string {
  return `pet-${index}-${field}`;
}

/**
 * Reads the client fields and the pet rows. Rows come back renumbered 0…n-1 in the order they were
 * on the page (removing a row in the browser leaves a gap); rows left entirely blank are dropped.
 */
export function readNewClient(form: FormData): NewClientValues {
  const client: Record<string, string> = {};
  const rows = new Map<number, Record<string, string>>();
  for (const [name, value] of form) {
    if (typeof value !== 'string') continue;
    const row = /^pet-(\d+)-([a-z_]+)$/.exec(name);
    if (row) {
      const index = Number(row[1]);
      if (!rows.has(index)) rows.set(index, {});
      rows.get(index)![row[2]] ??= value;
    } else if (CLIENT_FIELDS.includes(name)) client[name] ??= value;
  }
  const pets = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, values]) => values)
    .filter((values) => PET_FIELDS.some((f) => f !== 'species' && f !== 'sex' && (values[f] ?? '').trim() !== ''));
  return { client, pets };
}

function issuesToErrors(issues: z.core.$ZodIssue[], key: (field: string) => string, errors: FieldErrors): void {
  for (const issue of issues) {
    const field = issue.path.length ? key(String(issue.path[0])) : 'form';
    errors[field] ??= issue.message;
  }
}

/** Validates the whole "new client" form; every bad field, in every pet row, gets its own message. */
export function parseNewClient(form: FormData): NewClientParse {
  const values = readNewClient(form);
  const errors: FieldErrors = {};
  const client = clientSchema.safeParse(values.client);
  if (!client.success) issuesToErrors(client.error.issues, (f) => f, errors);
  const pets: PetInput[] = [];
  values.pets.forEach((row, index) => {
    const pet = petSchema.safeParse({ species: 'dog', sex: 'unknown', ...row });
    if (pet.success) pets.push(pet.data);
    else issuesToErrors(pet.error.issues, (f) => petFieldName(index, f), errors);
  });
  const chips = pets.map((p) => p.microchip).filter(Boolean);
  if (new Set(chips).size !== chips.length) errors.form ??= 'Two pets have the same microchip number.';
  if (!client.success || Object.keys(errors).length) return { ok: false, errors, values };
  return { ok: true, client: client.data, pets, values };
}

/** A search box's text, made safe for PostgREST filters: no wildcards, commas or brackets. */
export function searchTerm(raw: string | null): string {
  return (raw ?? '')
    .replace(/[%_*,()"\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);
}
