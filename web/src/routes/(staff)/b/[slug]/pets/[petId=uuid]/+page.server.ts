// A pet's page: details and care instructions (editable), photo, and tags. Every action re-checks the
// seat and works through the request's client, so a pet of another business is never found.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { petEditSchema } from '#lib/clients/forms.ts';
import { TAG_KINDS } from '#lib/enums.ts';
import { PET_PHOTO_TYPES, photoExtension } from '#lib/clients/photo.ts';
import { fileProblem, tooLargeMessage } from '#lib/forms-files.ts';
import { parseForm, readForm } from '#lib/forms.ts';
import { isUuid } from '#lib/ids.ts';
import { PHOTO_MAX_BYTES } from '#lib/health/files.ts';
import { tagCodeFromText } from '#lib/scan/uid.ts';
import { CHANGED_SINCE_OPENED, fieldConflicts } from '#lib/forms-conflict.ts';
import { findPet, petPhotoUrl, savePetPhoto } from '#lib/server/db/pets.ts';
import { saveIfUnchanged } from '#lib/server/db/versioned.ts';
import { petPartnersSchema } from '#lib/partners/forms.ts';
import { petPartners, savePetPartners } from '#lib/server/db/partners.ts';
import { deactivateTag, listTags, registerTag } from '#lib/server/db/tags.ts';
import { parseTimes } from '#lib/health/schedule.ts';
import { addSchedule, listSchedules, removeSchedule, updateSchedule } from '#lib/server/db/medication-schedules.ts';
import { listCareProposals } from '#lib/server/db/care-proposals.ts';
import { reviewCareAction } from '#lib/portal/review-action.ts';
import { requireSeat } from '../../seat.ts';
import type { Actions, PageServerLoad } from './$types';

async function seatAndPet(event: RequestEvent & { params: { slug: string; petId: string } }) {
  const seat = await requireSeat(event);
  const pet = await findPet(event.locals.supabase, seat.business.id, event.params.petId);
  if (!pet) error(404, 'Not found');
  return { ...seat, pet };
}

export const load: PageServerLoad = async (event) => {
  const { business, pet } = await seatAndPet(event);
  const [tags, photoUrl, partners, schedules, careProposals] = await Promise.all([
    listTags(event.locals.supabase, business.id, pet.id),
    pet.photoPath ? petPhotoUrl(event.locals.supabase, pet.photoPath) : null,
    petPartners(event.locals.supabase, business.id, pet.id),
    listSchedules(event.locals.supabase, business.id, [pet.id]),
    listCareProposals(event.locals.supabase, pet.id, { pendingOnly: true }),
  ]);
  return { pet, tags, photoUrl, partners, schedules, careProposals, added: event.url.searchParams.has('added') };
};

// A medication on the pet's schedule: what, how much, at which times of day (typed as "08:00, 18:00").
const medicationForm = z.object({
  schedule_id: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  version: z.string().max(64).optional(),
  medication: z.string().trim().min(1, 'Name the medication.').max(200, 'Keep the name under 200 characters.'),
  dose: z
    .string()
    .trim()
    .min(1, 'Give the dose, like 16 mg or 1 tablet.')
    .max(200, 'Keep the dose under 200 characters.'),
  times: z.string().max(200),
  notes: z
    .string()
    .trim()
    .max(1000, 'Keep the notes under 1,000 characters.')
    .transform((v) => v || null),
});

async function medicationAction(event: Parameters<Actions[string]>[0], mode: 'add' | 'save') {
  const { business, pet } = await seatAndPet(event as RequestEvent & { params: { slug: string; petId: string } });
  const form = await event.request.formData();
  const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  const target = mode === 'add' ? 'new' : (values.schedule_id ?? '');
  const parsed = parseForm(medicationForm, form);
  const times = parseTimes(values.times ?? '');
  if (!parsed.ok || !times.ok) {
    const errors = { ...(parsed.ok ? {} : parsed.errors), ...(times.ok ? {} : { times: times.message }) };
    return fail(400, { form: 'medication' as const, target, values, errors });
  }
  const input = {
    medication: parsed.data.medication,
    dose: parsed.data.dose,
    times: times.times,
    notes: parsed.data.notes,
  };
  const saved =
    mode === 'add'
      ? await addSchedule(event.locals.supabase, business.id, pet.id, input)
      : await updateSchedule(
          event.locals.supabase,
          business.id,
          parsed.data.schedule_id ?? '',
          input,
          parsed.data.version ?? '',
        );
  if (!saved.ok) return fail(409, { form: 'medication' as const, target, values, errors: { form: saved.message } });
  return { form: 'medication' as const, target, saved: `${input.medication} saved.` };
}

const tagForm = z.object({ uid: z.string().max(300), kind: z.enum(TAG_KINDS).default('nfc') });

/** The pet form's fields as a person reads them, for the "changed by someone else" comparison. */
const PET_FIELD_LABELS = [
  { name: 'name', label: 'Name' },
  { name: 'species', label: 'Species' },
  { name: 'sex', label: 'Sex' },
  { name: 'breed', label: 'Breed' },
  { name: 'birth_date', label: 'Birth date' },
  { name: 'weight_kg', label: 'Weight (kg)' },
  { name: 'microchip', label: 'Microchip' },
  { name: 'feeding', label: 'Feeding' },
  { name: 'medication', label: 'Medication' },
  { name: 'handling_notes', label: 'Handling notes' },
  { name: 'is_active', label: 'Active', checkbox: true },
];

export const actions: Actions = {
  // portal (issue 11): accept or decline a care change the family proposed
  reviewCare: async (event) => reviewCareAction(event, (await seatAndPet(event)).pet.name),

  save: async (event) => {
    const { business, pet } = await seatAndPet(event);
    const form = await event.request.formData();
    const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const parsed = parseForm(petEditSchema, form);
    if (!parsed.ok) return fail(400, { form: 'save' as const, values, errors: parsed.errors });
    const saved = await saveIfUnchanged(
      event.locals.supabase,
      'pets',
      business.id,
      pet.id,
      parsed.data,
      values.version || null,
    );
    if (!saved.ok && saved.gone) error(404, 'Not found');
    if (!saved.ok)
      // someone else saved since this form was opened: keep what was typed, show both, take their version
      return fail(409, {
        form: 'save' as const,
        values: { ...values, version: saved.version } as Record<string, string>,
        errors: { form: CHANGED_SINCE_OPENED },
        conflicts: fieldConflicts(PET_FIELD_LABELS, saved.current, values),
      });
    return { form: 'save' as const, values, errors: {}, saved: true };
  },

  uploadPhoto: async (event) => {
    const { business, pet } = await seatAndPet(event);
    const read = await readForm(event.request);
    if (!read.ok) return fail(413, { form: 'photo' as const, errors: { photo: tooLargeMessage(PHOTO_MAX_BYTES) } });
    const file = read.form.get('photo');
    if (!(file instanceof File) || file.size === 0)
      return fail(400, { form: 'photo' as const, errors: { photo: 'Choose a photo to upload.' } });
    const ext = photoExtension(file.type);
    const problem = ext ? await fileProblem(file, PET_PHOTO_TYPES, PHOTO_MAX_BYTES) : null;
    if (!ext || problem)
      return fail(400, {
        form: 'photo' as const,
        errors: { photo: problem ?? 'The photo must be a JPEG, PNG, WebP or HEIC image.' },
      });
    const bytes = await file.arrayBuffer();
    await savePetPhoto(event.locals.supabase, business.id, pet.id, { bytes, type: file.type, ext }, pet.photoPath);
    return { form: 'photo' as const, errors: {}, saved: true };
  },

  registerTag: async (event) => {
    const { pet } = await seatAndPet(event);
    const parsed = parseForm(tagForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { form: 'tag' as const, uid: '', errors: { uid: 'Enter a tag number.' } });
    const code = tagCodeFromText(parsed.data.uid);
    // An NFC serial is hex pairs; anything else typed here is a printed QR token.
    const kind = code.ok && /^[0-9a-f]{2}(:[0-9a-f]{2})+$/.test(code.uid) ? 'nfc' : 'qr';
    if (!code.ok) return fail(400, { form: 'tag' as const, uid: parsed.data.uid, errors: { uid: code.message } });
    const outcome = await registerTag(event.locals.supabase, pet.id, code.uid, kind);
    if (!outcome.ok)
      return fail(400, { form: 'tag' as const, uid: parsed.data.uid, errors: { uid: outcome.refusal.message } });
    return { form: 'tag' as const, errors: {}, registered: outcome.tag.uid };
  },

  newQrTag: async (event) => {
    const { pet } = await seatAndPet(event);
    // A printed tag's token: letters first (tagCodeFromText's rule) and hard to guess.
    const token = `qr-${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const outcome = await registerTag(event.locals.supabase, pet.id, token, 'qr');
    if (!outcome.ok) return fail(400, { form: 'tag' as const, uid: '', errors: { uid: outcome.refusal.message } });
    return { form: 'tag' as const, errors: {}, registered: outcome.tag.uid };
  },

  // the preferred vet and food brand (h5-partners): partners of the business, of the right kind
  partners: async (event) => {
    const { business, pet } = await seatAndPet(event);
    const parsed = parseForm(petPartnersSchema, await event.request.formData());
    if (!parsed.ok) return fail(400, { form: 'partners' as const, errors: parsed.errors });
    const saved = await savePetPartners(event.locals.supabase, business.id, pet.id, {
      vetId: parsed.data.preferred_vet_id,
      foodBrandId: parsed.data.preferred_food_brand_id,
    });
    if (!saved.ok) return fail(400, { form: 'partners' as const, errors: { form: saved.message } });
    return { form: 'partners' as const, errors: {}, saved: true };
  },

  addMedication: (event) => medicationAction(event, 'add'),
  saveMedication: (event) => medicationAction(event, 'save'),
  removeMedication: async (event) => {
    const { business } = await seatAndPet(event);
    const scheduleId = String((await event.request.formData()).get('schedule_id') ?? '');
    if (!isUuid(scheduleId))
      return fail(400, { form: 'medication' as const, target: '', errors: { form: 'Pick a medication.' } });
    await removeSchedule(event.locals.supabase, business.id, scheduleId);
    return { form: 'medication' as const, target: scheduleId, saved: 'Medication removed from the schedule.' };
  },

  deactivateTag: async (event) => {
    const { pet } = await seatAndPet(event);
    const tagId = String((await event.request.formData()).get('tag_id') ?? '');
    if (!isUuid(tagId) || !(await deactivateTag(event.locals.supabase, pet.id, tagId)))
      return fail(404, { form: 'tag' as const, uid: '', errors: { uid: 'That tag is not one of this pet’s.' } });
    return { form: 'tag' as const, errors: {}, deactivated: tagId };
  },
};
