// The partner forms' rules: a partner (vet, food brand, groomer, pet store) with its contact, and the
// review queue's resolve/dismiss choices. No framework imports, so the rules are unit-tested directly.
import { z } from 'zod';
import { isUuid } from '#lib/ids.ts';

export const PARTNER_KINDS = ['vet', 'food_brand', 'groomer', 'pet_store'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS: Record<PartnerKind, string> = {
  vet: 'Vet',
  food_brand: 'Food brand',
  groomer: 'Groomer',
  pet_store: 'Pet store',
};

/** Blank text becomes null so the database stores "not given", not an empty string. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} is too long (at most ${max} characters).`)
    .optional()
    .transform((v) => (v ? v : null));

const webAddress = (label: string, example: string) =>
  optionalText(500, label).refine((v) => {
    if (v === null) return true;
    try {
      const url = new URL(v);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !!url.hostname;
    } catch {
      return false;
    }
  }, `Enter a full web address starting with https://, like ${example}.`);

export const partnerSchema = z.object({
  name: z
    .string('Enter the partner’s name.')
    .trim()
    .min(1, 'Enter the partner’s name.')
    .max(200, 'The name is too long (at most 200 characters).'),
  kind: z.enum(PARTNER_KINDS, 'Choose what kind of partner this is.'),
  contact_name: optionalText(200, 'The contact’s name'),
  email: optionalText(320, 'The e-mail address').refine(
    (v) => v === null || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    'Enter an e-mail address like name@example.com.',
  ),
  phone: optionalText(20, 'The phone number').refine(
    (v) => v === null || /^\+?[0-9 ()-]{5,20}$/.test(v),
    'Enter a phone number with digits, spaces, brackets or dashes, like +44 20 7946 0000.',
  ),
  address: optionalText(500, 'The address'),
  website: webAddress('The website', 'https://greenvalley.example'),
  api_base_url: webAddress('The FHIR base URL', 'https://fhir.greenvalley.example/r4'),
});
export type PartnerInput = z.output<typeof partnerSchema>;

/** The contact as stored in partners.contact (only the fields given). */
export interface PartnerContact {
  name?: string;
  email?: string;
  phone?: string;
  address?: string;
  website?: string;
}

export function contactOf(input: PartnerInput): PartnerContact {
  const contact: PartnerContact = {};
  if (input.contact_name) contact.name = input.contact_name;
  if (input.email) contact.email = input.email;
  if (input.phone) contact.phone = input.phone;
  if (input.address) contact.address = input.address;
  if (input.website) contact.website = input.website;
  return contact;
}

/** A stored contact (jsonb, any shape) read back safely. */
export function readContact(value: unknown): PartnerContact {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const source = value as Record<string, unknown>;
  const contact: PartnerContact = {};
  for (const key of ['name', 'email', 'phone', 'address', 'website'] as const) {
    const v = source[key];
    if (typeof v === 'string' && v.trim()) contact[key] = v;
  }
  return contact;
}

export const resolveSchema = z.object({
  event_id: z.uuid('That delivery is not known.'),
  pet_id: z.uuid('Choose the pet this record belongs to.'),
});

export const dismissSchema = z.object({
  event_id: z.uuid('That delivery is not known.'),
  reason: z
    .string('Say why the delivery is dismissed.')
    .trim()
    .min(1, 'Say why the delivery is dismissed.')
    .max(500, 'The reason is too long (at most 500 characters).'),
});

/** A short line describing what a partner delivery carries, for the review queue. */
export function payloadSummary(payload: unknown): string {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return 'No details';
  const p = payload as Record<string, unknown>;
  const vaccine = p.vaccine && typeof p.vaccine === 'object' ? (p.vaccine as Record<string, unknown>) : {};
  const name = typeof vaccine.name === 'string' ? vaccine.name : typeof vaccine.code === 'string' ? vaccine.code : null;
  const parts = [
    name ? `${name}` : 'Unnamed vaccine',
    typeof p.administered_on === 'string' ? `given ${p.administered_on}` : null,
    typeof p.expires_on === 'string' ? `expires ${p.expires_on}` : null,
    typeof p.microchip === 'string' ? `microchip ${p.microchip}` : null,
    typeof p.pet_name === 'string' ? `named ${p.pet_name}` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isUuid(v), 'Choose a partner from the list.');

/** A pet's preferred vet and food brand; an empty choice clears it. */
export const petPartnersSchema = z.object({ preferred_vet_id: optionalId, preferred_food_brand_id: optionalId });
