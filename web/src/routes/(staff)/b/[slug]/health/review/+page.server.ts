// The review queue: parents' certificate uploads wait here until staff open the certificate and verify
// the record (it then counts for check-in and booking) or refuse it with a reason the parent reads.
import { fail } from '@sveltejs/kit';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { inPetFolder } from '#lib/health/files.ts';
import { rejectForm, reviewForm } from '#lib/health/forms.ts';
import { signedUrls } from '#lib/server/db/health-files.ts';
import { listReviewQueue, rejectVaccination, verifyVaccination } from '#lib/server/db/vaccinations.ts';
import { requireSeat } from '../../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const queue = await listReviewQueue(event.locals.supabase, business.id);
  const paths = queue.flatMap((v) =>
    v.documentPath && inPetFolder(v.documentPath, business.id, v.pet.id) ? [v.documentPath] : [],
  );
  return { queue, links: await signedUrls(event.locals.supabase, 'documents', paths) };
};

const GONE = 'Someone has already reviewed this record.';

export const actions: Actions = {
  verify: async (event) => {
    const { business } = await requireSeat(event);
    const parsed = parseForm(reviewForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { id: '', reason: '', errors: parsed.errors });
    const outcome = await verifyVaccination(event.locals.supabase, business.id, parsed.data.id, event.locals.user!.id);
    if (outcome === 'gone') return fail(409, { id: parsed.data.id, reason: '', errors: formError(GONE) });
    return { done: 'Vaccination verified.' };
  },

  reject: async (event) => {
    const { business } = await requireSeat(event);
    const form = await event.request.formData();
    const id = textField(form, 'id');
    const parsed = parseForm(rejectForm, form);
    if (!parsed.ok) return fail(400, { id, reason: textField(form, 'reason'), errors: parsed.errors });
    const outcome = await rejectVaccination(
      event.locals.supabase,
      business.id,
      parsed.data.id,
      event.locals.user!.id,
      parsed.data.reason,
    );
    if (outcome === 'gone') return fail(409, { id, reason: parsed.data.reason, errors: formError(GONE) });
    return { done: 'Certificate refused; the parent will see why.' };
  },
};
