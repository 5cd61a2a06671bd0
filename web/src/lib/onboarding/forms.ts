// The shapes of the onboarding and settings forms (create a business, its profile, a location, its hours).
// The database checks the same rules (create_business, set_opening_hours, constraints); these give each
// field its own sentence before a round trip.
import { z } from 'zod';
import { WEEKDAYS, currencies, timeZones, validSlug } from './choices.ts';

export { slugify } from './choices.ts';

const name = (what: string, max = 120) =>
  z.string().trim().min(1, `Give the ${what} a name.`).max(max, `Keep the ${what}'s name under ${max} characters.`);

const zone = z
  .string()
  .trim()
  .min(1, 'Pick a time zone.')
  .refine((value) => timeZones().includes(value), 'Pick a time zone from the list, like Europe/London.');

const currency = z
  .string()
  .trim()
  .refine((value) => /^[A-Z]{3}$/.test(value) && currencies().includes(value), 'Pick a currency from the list.');

/** A decimal degree typed by a person (comma or point), or empty. */
const coordinate = (label: string, limit: number) =>
  z
    .string()
    .trim()
    .transform((value) => value.replace(',', '.'))
    .refine((value) => value === '' || (/^-?\d+(\.\d+)?$/.test(value) && Math.abs(Number(value)) <= limit), {
      message: `${label} is a number between −${limit} and ${limit}, like ${limit === 90 ? '51.5362' : '-0.1031'}.`,
    })
    .transform((value) => (value === '' ? null : Number(value)));

/** Address and pin of a location; a pin needs both coordinates. */
const place = {
  location_name: name('location'),
  address: z.string().trim().max(300, 'Keep the address under 300 characters.'),
  latitude: coordinate('Latitude', 90),
  longitude: coordinate('Longitude', 180),
};

function bothOrNeither(form: { latitude: number | null; longitude: number | null }, ctx: z.RefinementCtx): void {
  if ((form.latitude === null) !== (form.longitude === null)) {
    const missing = form.latitude === null ? 'latitude' : 'longitude';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'Give both latitude and longitude, or neither.' });
  }
}

export const newBusinessForm = z
  .object({
    name: name('business'),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .refine(validSlug, 'Use lower-case letters, digits and single hyphens, like happy-paws.'),
    timezone: zone,
    currency,
    ...place,
  })
  .superRefine(bothOrNeither);

export const businessProfileForm = z.object({ name: name('business'), timezone: zone, currency });

export const locationForm = z.object({ ...place }).superRefine(bothOrNeither);

export interface DayHours {
  weekday: number;
  opens: string | null;
  closes: string | null;
}

export type WeekValues = Record<string, string>;

/**
 * The week's hours from a form with fields `open-<d>` (checkbox), `opens-<d>`, `closes-<d>` for ISO weekdays
 * 1..7. A closing time of 00:00 (what a time input offers) or 24:00 means midnight. One message per bad day.
 */
export function parseWeek(
  form: FormData,
): { ok: true; hours: DayHours[] } | { ok: false; errors: Record<string, string> } {
  const hours: DayHours[] = [];
  const errors: Record<string, string> = {};
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  for (let d = 1; d <= 7; d++) {
    const open = form.get(`open-${d}`) !== null;
    const opens = String(form.get(`opens-${d}`) ?? '').trim();
    const typed = String(form.get(`closes-${d}`) ?? '').trim();
    const closes = typed === '00:00' ? '24:00' : typed;
    if (!open) {
      hours.push({ weekday: d, opens: null, closes: null });
      continue;
    }
    if (!time.test(opens)) errors[`opens-${d}`] = `Give ${WEEKDAYS[d - 1]}'s opening time, like 07:00.`;
    else if (!(time.test(closes) || closes === '24:00'))
      errors[`closes-${d}`] = `Give ${WEEKDAYS[d - 1]}'s closing time, like 19:00.`;
    else if (closes !== '24:00' && closes <= opens)
      errors[`closes-${d}`] = `${WEEKDAYS[d - 1]} must close after it opens (overnight hours are not supported).`;
    hours.push({ weekday: d, opens, closes });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, hours };
}

export const closureForm = z.object({
  on_date: z.iso.date('Give the date, like 2026-12-25.'),
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the site is closed, like "Christmas Day".')
    .max(200, 'Keep the reason under 200 characters.'),
});
