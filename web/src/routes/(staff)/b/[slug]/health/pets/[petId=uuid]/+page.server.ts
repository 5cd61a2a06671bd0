// One pet's health: vaccinations with their standing, medical records, recent doses and incidents, and
// the forms to add a vaccination (with its certificate) or a medical record (with documents).
import { error, fail } from '@sveltejs/kit';
import { pastEventProblem } from '#lib/forms-dates.ts';
import { tooLargeMessage } from '#lib/forms-files.ts';
import { CHANGED_SINCE_OPENED, fieldConflicts } from '#lib/forms-conflict.ts';
import { saveIfUnchanged } from '#lib/server/db/versioned.ts';
import { isUuid } from '#lib/ids.ts';
import { formError, parseForm, readForm, textField, type FieldErrors } from '#lib/forms.ts';
import { CERTIFICATE_TYPES, DOCUMENT_MAX_BYTES, inPetFolder } from '#lib/health/files.ts';
import { fieldError, medicalRecordForm, vaccinationForm } from '#lib/health/forms.ts';
import { defaultExpiry } from '#lib/health/vaccines.ts';
import { businessDay } from '#lib/scan/day.ts';
import { formatDay } from '#lib/time/format.ts';
import { removeFiles, signedUrls } from '#lib/server/db/health-files.ts';
import { findHealthPet } from '#lib/server/db/health-pets.ts';
import { listIncidents } from '#lib/server/db/incidents.ts';
import { addMedicalRecord, listMedicalRecords } from '#lib/server/db/medical-records.ts';
import { setRecordShared } from '#lib/server/db/care-proposals.ts';
import { listDoses } from '#lib/server/db/medication.ts';
import { listPetVaccinations, listVaccineTypes, recordVaccination } from '#lib/server/db/vaccinations.ts';
import { requireSeat } from '../../../seat.ts';
import { memberNames } from '#lib/server/db/team.ts';
import { filesOf, filesProblem, storeOrFail } from '../../uploads.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function requirePet(event: RequestEvent | Parameters<PageServerLoad>[0]) {
  const seat = await requireSeat(event);
  const pet = await findHealthPet(event.locals.supabase, seat.business.id, event.params.petId);
  if (!pet) error(404, 'Not found');
  return { ...seat, pet };
}

export const load: PageServerLoad = async (event) => {
  const { business, pet } = await requirePet(event);
  const supabase = event.locals.supabase;
  const [vaccinations, types, records, doses, incidents, names] = await Promise.all([
    listPetVaccinations(supabase, business.id, pet.id),
    listVaccineTypes(supabase, business.id, pet.species),
    listMedicalRecords(supabase, business.id, pet.id),
    listDoses(supabase, business.id, { petId: pet.id, limit: 20 }),
    listIncidents(supabase, business.id, { petId: pet.id, limit: 20 }),
    memberNames(supabase, business.id),
  ]);
  const documents = [
    ...vaccinations.flatMap((v) => (v.documentPath ? [v.documentPath] : [])),
    ...records.flatMap((r) => r.documents),
  ].filter((path) => inPetFolder(path, business.id, pet.id));
  return {
    pet,
    today: businessDay(business.timezone).date,
    vaccinations,
    types,
    records,
    doses,
    incidents,
    links: await signedUrls(supabase, 'documents', documents),
    names,
    userId: event.locals.user?.id ?? null,
  };
};

function values(form: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, textField(form, n)]));
}

const VACCINATION_FIELDS = ['vaccine_type_id', 'administered_on', 'expires_on', 'batch'];
const RECORD_FIELDS = ['kind', 'title', 'occurred_on', 'notes', 'diagnosis', 'treatment'];

/** The record form's fields as a person reads them, for the "changed by someone else" comparison. */
const RECORD_LABELS = [
  { name: 'kind', label: 'Kind' },
  { name: 'title', label: 'Title' },
  { name: 'occurred_on', label: 'Date' },
  { name: 'diagnosis', label: 'Diagnosis' },
  { name: 'treatment', label: 'Treatment' },
  { name: 'notes', label: 'Notes' },
];

/** The vaccination form's fields as a person reads them (the vaccine by its id: named by the action). */
const VACCINATION_LABELS = [
  { name: 'vaccine_type_id', label: 'Vaccine' },
  { name: 'administered_on', label: 'Given on' },
  { name: 'expires_on', label: 'Expires on' },
  { name: 'batch', label: 'Batch number' },
];

export const actions: Actions = {
  addVaccination: async (event) => {
    const { business, pet } = await requirePet(event);
    const supabase = event.locals.supabase;
    const read = await readForm(event.request);
    if (!read.ok)
      return fail(413, {
        form: 'vaccination' as const,
        values: {},
        errors: fieldError('certificate', tooLargeMessage(DOCUMENT_MAX_BYTES)),
      });
    const form = read.form;
    const echo = { form: 'vaccination' as const, values: values(form, VACCINATION_FIELDS) };
    const parsed = parseForm(vaccinationForm, form);
    const certificate = filesOf(form, 'certificate');
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const today = businessDay(business.timezone).date;
    const given = parsed.ok && pastEventProblem(parsed.data.administered_on, today, 'The date it was given');
    if (given) errors.administered_on = given;
    if (certificate.length > 1) errors.certificate = 'Attach one certificate.';
    const problem = await filesProblem(supabase, 'documents', certificate, CERTIFICATE_TYPES);
    if (problem) errors.certificate = problem;
    if (!parsed.ok || Object.keys(errors).length) return fail(400, { ...echo, errors });

    const type = (await listVaccineTypes(supabase, business.id, pet.species)).find(
      (t) => t.id === parsed.data.vaccine_type_id,
    );
    if (!type) return fail(400, { ...echo, errors: fieldError('vaccine_type_id', `Choose a ${pet.species} vaccine.`) });
    const expiresOn = parsed.data.expires_on ?? defaultExpiry(parsed.data.administered_on, type.validDays);

    const stored = await storeOrFail(
      supabase,
      'documents',
      { businessId: business.id, petId: pet.id, folder: 'vaccinations' },
      certificate,
      CERTIFICATE_TYPES,
    );
    if (!stored.ok) return fail(502, { ...echo, errors: fieldError('certificate', stored.message) });
    const [documentPath] = stored.paths;
    try {
      await recordVaccination(supabase, {
        businessId: business.id,
        petId: pet.id,
        vaccineTypeId: type.id,
        administeredOn: parsed.data.administered_on,
        expiresOn,
        batch: parsed.data.batch,
        documentPath: documentPath ?? null,
      });
    } catch (cause) {
      await removeFiles(supabase, 'documents', documentPath ? [documentPath] : []);
      console.error(cause);
      return fail(500, { ...echo, errors: formError('The vaccination could not be saved. Try again.') });
    }
    return {
      form: 'vaccination' as const,
      saved: `${type.name} recorded, valid until ${formatDay(expiresOn, { thisYear: Number(today.slice(0, 4)) })}.`,
    };
  },

  // Editing a record saves only while it is still the version the form was opened with (issue 10, defect 5).
  editRecord: async (event) => {
    const { business } = await requirePet(event);
    const form = await event.request.formData();
    const recordId = textField(form, 'record_id');
    const typed = { ...values(form, RECORD_FIELDS), version: textField(form, 'version') };
    const echo = { form: 'editRecord' as const, recordId, values: typed };
    if (!isUuid(recordId)) return fail(400, { ...echo, errors: formError('That record no longer exists.') });
    const parsed = parseForm(medicalRecordForm, form);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const when = parsed.ok && pastEventProblem(parsed.data.occurred_on, businessDay(business.timezone).date);
    if (when) errors.occurred_on = when;
    if (!parsed.ok || Object.keys(errors).length) return fail(400, { ...echo, errors });
    const { kind, title, occurred_on, notes, diagnosis, treatment } = parsed.data;
    const saved = await saveIfUnchanged(
      event.locals.supabase,
      'medical_records',
      business.id,
      recordId,
      { kind, title, occurred_on, notes, diagnosis, treatment },
      typed.version || null,
    );
    if (!saved.ok && saved.gone)
      return fail(404, { ...echo, errors: formError('That record was removed by someone else.') });
    if (!saved.ok)
      return fail(409, {
        ...echo,
        // saving again from here (with the version saved now) keeps the user's values on purpose
        values: { ...typed, version: saved.version },
        errors: formError(CHANGED_SINCE_OPENED),
        conflicts: fieldConflicts(RECORD_LABELS, saved.current, typed),
      });
    return { form: 'editRecord' as const, recordId, saved: `${title} saved.` };
  },

  // Editing a vaccination in place, like a record: saved only while it is still the version the form was
  // opened with (issue 10, defect 5). The certificate stays as it is; a new one is a new vaccination.
  editVaccination: async (event) => {
    const { business, pet } = await requirePet(event);
    const supabase = event.locals.supabase;
    const form = await event.request.formData();
    const vaccinationId = textField(form, 'vaccination_id');
    const typed = { ...values(form, VACCINATION_FIELDS), version: textField(form, 'version') };
    const echo = { form: 'editVaccination' as const, vaccinationId, values: typed };
    if (!isUuid(vaccinationId)) return fail(400, { ...echo, errors: formError('That vaccination no longer exists.') });
    const parsed = parseForm(vaccinationForm, form);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const today = businessDay(business.timezone).date;
    const given = parsed.ok && pastEventProblem(parsed.data.administered_on, today, 'The date it was given');
    if (given) errors.administered_on = given;
    if (!parsed.ok || Object.keys(errors).length) return fail(400, { ...echo, errors });

    const types = await listVaccineTypes(supabase, business.id, pet.species);
    const type = types.find((t) => t.id === parsed.data.vaccine_type_id);
    if (!type) return fail(400, { ...echo, errors: fieldError('vaccine_type_id', `Choose a ${pet.species} vaccine.`) });
    const expiresOn = parsed.data.expires_on ?? defaultExpiry(parsed.data.administered_on, type.validDays);
    const saved = await saveIfUnchanged(
      supabase,
      'vaccinations',
      business.id,
      vaccinationId,
      {
        vaccine_type_id: type.id,
        administered_on: parsed.data.administered_on,
        expires_on: expiresOn,
        batch: parsed.data.batch,
      },
      typed.version || null,
    );
    if (!saved.ok && saved.gone)
      return fail(404, { ...echo, errors: formError('That vaccination was removed by someone else.') });
    if (!saved.ok) {
      // the vaccine is compared by its id and shown by its name
      const name = (id: string) => types.find((t) => t.id === id)?.name ?? id;
      const conflicts = fieldConflicts(VACCINATION_LABELS, saved.current, typed).map((c) =>
        c.name === 'vaccine_type_id' ? { ...c, theirs: name(c.theirs), yours: name(c.yours) } : c,
      );
      return fail(409, {
        ...echo,
        // saving again from here (with the version saved now) keeps the user's values on purpose
        values: { ...typed, version: saved.version },
        errors: formError(CHANGED_SINCE_OPENED),
        conflicts,
      });
    }
    return {
      form: 'editVaccination' as const,
      vaccinationId,
      saved: `${type.name} saved, valid until ${formatDay(expiresOn, { thisYear: Number(today.slice(0, 4)) })}.`,
    };
  },

  // Portal (issue 11): the pet's parent sees a record (and its files) once staff share it.
  shareRecord: async (event) => {
    const { business } = await requirePet(event);
    const form = await event.request.formData();
    const recordId = String(form.get('record_id') ?? '');
    if (!isUuid(recordId)) error(404, 'Not found');
    const found = await setRecordShared(event.locals.supabase, business.id, recordId, form.get('shared') === 'true');
    if (!found) error(404, 'Not found');
    return { form: 'share' as const, saved: true };
  },

  addRecord: async (event) => {
    const { business, pet } = await requirePet(event);
    const supabase = event.locals.supabase;
    const read = await readForm(event.request);
    if (!read.ok)
      return fail(413, {
        form: 'record' as const,
        values: {},
        errors: fieldError('documents', tooLargeMessage(DOCUMENT_MAX_BYTES)),
      });
    const form = read.form;
    const echo = { form: 'record' as const, values: values(form, RECORD_FIELDS) };
    const parsed = parseForm(medicalRecordForm, form);
    const documents = filesOf(form, 'documents');
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const when = parsed.ok && pastEventProblem(parsed.data.occurred_on, businessDay(business.timezone).date);
    if (when) errors.occurred_on = when;
    const problem = await filesProblem(supabase, 'documents', documents, CERTIFICATE_TYPES);
    if (problem) errors.documents = problem;
    if (!parsed.ok || Object.keys(errors).length) return fail(400, { ...echo, errors });

    const stored = await storeOrFail(
      supabase,
      'documents',
      { businessId: business.id, petId: pet.id, folder: 'records' },
      documents,
      CERTIFICATE_TYPES,
    );
    if (!stored.ok) return fail(502, { ...echo, errors: fieldError('documents', stored.message) });
    const paths = stored.paths;
    try {
      await addMedicalRecord(supabase, {
        businessId: business.id,
        petId: pet.id,
        kind: parsed.data.kind,
        title: parsed.data.title,
        occurredOn: parsed.data.occurred_on,
        notes: parsed.data.notes,
        diagnosis: parsed.data.diagnosis,
        treatment: parsed.data.treatment,
        documents: paths,
      });
    } catch (cause) {
      await removeFiles(supabase, 'documents', paths);
      console.error(cause);
      return fail(500, { ...echo, errors: formError('The record could not be saved. Try again.') });
    }
    return { form: 'record' as const, saved: `${parsed.data.title} added.` };
  },
};
