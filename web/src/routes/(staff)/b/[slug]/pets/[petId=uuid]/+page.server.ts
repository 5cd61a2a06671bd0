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
  const [tags, photoUrl, partners, careProposals] = await Promise.all([
    listTags(event.locals.supabase, business.id, pet.id),
    pet.photoPath ? petPhotoUrl(event.locals.supabase, pet.photoPath) : null,
    petPartners(event.locals.supabase, business.id, pet.id),
    listCareProposals(event.locals.supabase, pet.id, { pendingOnly: true }),
  ]);
  return { pet, tags, photoUrl, partners, careProposals, added: event.url.searchParams.has('added') };
};

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

  deactivateTag: async (event) => {
    const { pet } = await seatAndPet(event);
    const tagId = String((await event.request.formData()).get('tag_id') ?? '');
    if (!isUuid(tagId) || !(await deactivateTag(event.locals.supabase, pet.id, tagId)))
      return fail(404, { form: 'tag' as const, uid: '', errors: { uid: 'That tag is not one of this pet’s.' } });
    return { form: 'tag' as const, errors: {}, deactivated: tagId };
  },
};
