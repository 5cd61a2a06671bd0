// Incidents: report one (pet, kind, severity, what happened, photos, whether the parent was told) and
// see the last 30 days with their photos; ticking "parent notified" later stamps when.
import { fail } from '@sveltejs/kit';
import { tooLargeMessage } from '#lib/forms-files.ts';
import { formError, parseForm, readForm, textField, type FieldErrors } from '#lib/forms.ts';
import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '#lib/health/files.ts';
import { fieldError, incidentForm, reviewForm } from '#lib/health/forms.ts';
import { removeFiles, signedUrls } from '#lib/server/db/health-files.ts';
import { listActivePets } from '#lib/server/db/health-pets.ts';
import { listIncidents, markParentNotified, reportIncident } from '#lib/server/db/incidents.ts';
import { requireSeat } from '../../seat.ts';
import { filesOf, filesProblem, storeOrFail } from '../uploads.ts';
import type { Actions, PageServerLoad } from './$types';

const DAYS_SHOWN = 30;

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const since = new Date(Date.now() - DAYS_SHOWN * 86_400_000).toISOString();
  const [pets, incidents] = await Promise.all([
    listActivePets(event.locals.supabase, business.id),
    listIncidents(event.locals.supabase, business.id, { since }),
  ]);
  const photos = await signedUrls(
    event.locals.supabase,
    'incident-photos',
    incidents.flatMap((i) => i.photos),
  );
  return { pets, incidents, photos, preselect: event.url.searchParams.get('pet') ?? '' };
};

const FIELDS = ['pet_id', 'kind', 'severity', 'description', 'parent_notified'];

export const actions: Actions = {
  report: async (event) => {
    const { business } = await requireSeat(event);
    const supabase = event.locals.supabase;
    const read = await readForm(event.request);
    const form = read.ok ? read.form : new FormData();
    const values = Object.fromEntries(FIELDS.map((n) => [n, textField(form, n)]));
    if (!read.ok) return fail(413, { values, errors: fieldError('photos', tooLargeMessage(PHOTO_MAX_BYTES)) });
    const parsed = parseForm(incidentForm, form);
    const photos = filesOf(form, 'photos');
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    const problem = await filesProblem(supabase, 'incident-photos', photos, PHOTO_TYPES);
    if (problem) errors.photos = problem;
    if (!parsed.ok || Object.keys(errors).length) return fail(400, { values, errors });

    const pets = await listActivePets(supabase, business.id);
    const pet = pets.find((p) => p.id === parsed.data.pet_id);
    if (!pet) return fail(400, { values, errors: fieldError('pet_id', 'Choose one of this business’s pets.') });

    const id = crypto.randomUUID();
    const stored = await storeOrFail(
      supabase,
      'incident-photos',
      { businessId: business.id, petId: pet.id, folder: `incidents/${id}` },
      photos,
      PHOTO_TYPES,
    );
    if (!stored.ok) return fail(502, { values, errors: fieldError('photos', stored.message) });
    const paths = stored.paths;
    try {
      await reportIncident(supabase, {
        id,
        businessId: business.id,
        petId: pet.id,
        kind: parsed.data.kind,
        severity: parsed.data.severity,
        description: parsed.data.description,
        photos: paths,
        parentNotified: parsed.data.parent_notified,
      });
    } catch (cause) {
      await removeFiles(supabase, 'incident-photos', paths);
      console.error(cause);
      return fail(500, { values, errors: formError('The incident could not be saved. Try again.') });
    }
    return { reported: `Incident recorded for ${pet.name}.` };
  },

  markNotified: async (event) => {
    const { business } = await requireSeat(event);
    const parsed = parseForm(reviewForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { errors: formError('That incident was not found.') });
    const changed = await markParentNotified(event.locals.supabase, business.id, parsed.data.id);
    if (!changed) return fail(409, { errors: formError('The parent was already marked as notified.') });
    return { reported: 'Parent marked as notified.' };
  },
};
