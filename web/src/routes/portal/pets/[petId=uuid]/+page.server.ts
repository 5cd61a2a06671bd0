import { error, fail } from '@sveltejs/kit';
import { fileProblem, tooLargeMessage } from '#lib/forms-files.ts';
import { readForm } from '#lib/forms.ts';
import { CERTIFICATE_TYPES, DOCUMENT_MAX_BYTES, isEmptyUpload } from '#lib/health/files.ts';
import { findMyPet, listPetStays, pendingUploads, petVaccines, submitCertificate } from '#lib/server/db/portal.ts';
import { petPhotoUrl } from '#lib/server/db/pets.ts';
import {
  CARE_FIELDS,
  CARE_MAX,
  NOTE_MAX,
  listCareProposals,
  listSharedRecords,
  proposeCareChange,
  type CareField,
} from '#lib/server/db/care-proposals.ts';
import { signedUrls } from '#lib/server/db/health-files.ts';
import { listReportCards } from '#lib/server/db/report-cards.ts';
import { requirePortal } from '#lib/server/portal.ts';
import { businessDay, parseDate } from '#lib/time/zone.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { client } = await event.parent(); // guarded by the portal layout
  const supabase = event.locals.supabase;
  const pet = await findMyPet(supabase, client.id, event.params.petId);
  if (!pet) error(404, 'Not found');
  const [stays, reportCards, photoUrl, vaccines, uploads, proposals, records] = await Promise.all([
    listPetStays(supabase, pet.id),
    listReportCards(supabase, { petIds: [pet.id], limit: 60 }),
    pet.photoPath ? petPhotoUrl(supabase, pet.photoPath) : Promise.resolve(null),
    petVaccines(supabase, pet.id),
    pendingUploads(supabase, pet.id),
    listCareProposals(supabase, pet.id, { limit: 10 }),
    listSharedRecords(supabase, pet.id),
  ]);
  // the shared records' files, through short-lived signed links (Storage decides what the parent may read)
  const fileUrls = await signedUrls(
    supabase,
    'documents',
    records.flatMap((r) => r.documents),
  );
  return { pet: { ...pet, photoUrl }, stays, reportCards, vaccines, uploads, proposals, records, fileUrls };
};

const CERT_TYPES = Object.keys(CERTIFICATE_TYPES);

export const actions: Actions = {
  // A proposed change to the care instructions: only what differs is sent; the pet changes when staff accept.
  proposeCare: async (event) => {
    const { current } = await requirePortal(event);
    const pet = await findMyPet(event.locals.supabase, current.clientId, event.params.petId);
    if (!pet) error(404, 'Not found');
    const form = await event.request.formData();
    const held: Record<CareField, string | null> = {
      feeding: pet.feeding,
      medication: pet.medication,
      handling_notes: pet.handlingNotes,
    };
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    const changes: Partial<Record<CareField, string | null>> = {};
    for (const field of CARE_FIELDS) {
      const value = String(form.get(field) ?? '').trim();
      values[field] = value;
      if (value.length > CARE_MAX) errors[field] = `At most ${CARE_MAX} characters (this is ${value.length}).`;
      if (value !== (held[field] ?? '').trim()) changes[field] = value === '' ? null : value;
    }
    const note = String(form.get('note') ?? '').trim();
    values.note = note;
    if (note.length > NOTE_MAX) errors.note = `At most ${NOTE_MAX} characters (this is ${note.length}).`;
    if (!Object.keys(errors).length && !Object.keys(changes).length)
      errors.form = 'Nothing was changed: edit an instruction, then send it.';
    if (Object.keys(errors).length) return fail(400, { care: { values, errors } });
    const outcome = await proposeCareChange(event.locals.supabase, {
      businessId: current.business.id,
      clientId: current.clientId,
      petId: pet.id,
      changes,
      note: note || null,
    });
    if (!outcome.ok) return fail(400, { care: { values, errors: { form: outcome.message } } });
    return { care: { submitted: true } };
  },

  // A certificate for the staff's review queue (/b/<slug>/health/review): it counts once they verify it.
  certificate: async (event) => {
    const { current } = await requirePortal(event);
    const read = await readForm(event.request);
    if (!read.ok) return fail(413, { certificate: { errors: { file: tooLargeMessage(DOCUMENT_MAX_BYTES) } } });
    const form = read.form;
    const values = {
      vaccineTypeId: String(form.get('vaccineTypeId') ?? ''),
      administeredOn: String(form.get('administeredOn') ?? ''),
      expiresOn: String(form.get('expiresOn') ?? ''),
    };
    const answer = (errors: Record<string, string>) => fail(400, { certificate: { values, errors } });
    const pet = await findMyPet(event.locals.supabase, current.clientId, event.params.petId);
    if (!pet) error(404, 'Not found');
    const vaccines = await petVaccines(event.locals.supabase, pet.id);
    if (!vaccines.some((v) => v.vaccineTypeId === values.vaccineTypeId))
      return answer({ vaccineTypeId: 'Choose the vaccine.' });
    const today = businessDay(current.business.timezone).date;
    const given = parseDate(values.administeredOn);
    const expires = parseDate(values.expiresOn);
    if (!given) return answer({ administeredOn: 'Enter the date the vaccine was given.' });
    if (given > today) return answer({ administeredOn: 'The vaccine cannot have been given in the future.' });
    if (!expires) return answer({ expiresOn: 'Enter the date it expires (on the certificate).' });
    if (expires <= given) return answer({ expiresOn: 'It must expire after the day it was given.' });
    const file = form.get('file');
    if (!(file instanceof File) || isEmptyUpload(file))
      return answer({ file: 'Choose the certificate (a photo or a PDF).' });
    const problem = await fileProblem(file, CERT_TYPES, DOCUMENT_MAX_BYTES);
    if (problem) return answer({ file: problem });
    await submitCertificate(event.locals.supabase, {
      businessId: current.business.id,
      petId: pet.id,
      vaccineTypeId: values.vaccineTypeId,
      administeredOn: given,
      expiresOn: expires,
      file,
    });
    return { certificate: { submitted: true } };
  },
};
