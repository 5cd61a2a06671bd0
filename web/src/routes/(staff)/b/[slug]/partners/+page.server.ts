// The partners page: every partner of the business (staff read; owners and managers add), and the review
// queue of partner deliveries that could not land by themselves (no pet with the microchip, or several):
// staff resolve one by picking the pet, or dismiss it with a reason. Both are audited by the database.
import { fail, redirect } from '@sveltejs/kit';
import { formError, parseForm } from '#lib/forms.ts';
import { dismissSchema, partnerSchema, resolveSchema } from '#lib/partners/forms.ts';
import { mayOverride } from '#lib/server/db/businesses.ts';
import {
  addPartner,
  dismissDelivery,
  listPartners,
  parkedDeliveries,
  petChoices,
  resolveDelivery,
} from '#lib/server/db/partners.ts';
import { requireSeat } from '../seat.ts';
import type { Actions, PageServerLoad } from './$types';

const valuesOf = (form: FormData) =>
  Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;

export const load: PageServerLoad = async (event) => {
  const { business, role } = await requireSeat(event);
  const supabase = event.locals.supabase;
  const [partners, parked] = await Promise.all([
    listPartners(supabase, business.id),
    parkedDeliveries(supabase, business.id),
  ]);
  const pets = parked.length ? await petChoices(supabase, business.id) : [];
  return { partners, parked, pets, mayEdit: mayOverride(role) };
};

export const actions: Actions = {
  add: async (event) => {
    const { business } = await requireSeat(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const parsed = parseForm(partnerSchema, form);
    if (!parsed.ok) return fail(400, { form: 'add' as const, values, errors: parsed.errors });
    const added = await addPartner(event.locals.supabase, business.id, parsed.data);
    if (!added.ok) return fail(403, { form: 'add' as const, values, errors: formError(added.message) });
    redirect(303, `/b/${business.slug}/partners/${added.id}?added=1`);
  },

  resolve: async (event) => {
    await requireSeat(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const parsed = parseForm(resolveSchema, form);
    if (!parsed.ok)
      return fail(400, { form: 'review' as const, eventId: values.event_id, values, errors: parsed.errors });
    const resolved = await resolveDelivery(event.locals.supabase, parsed.data.event_id, parsed.data.pet_id);
    if (!resolved.ok)
      return fail(400, {
        form: 'review' as const,
        eventId: values.event_id,
        values,
        errors: formError(resolved.message),
      });
    if (resolved.outcome === 'parked')
      return fail(400, {
        form: 'review' as const,
        eventId: values.event_id,
        values,
        errors: formError(`Still waiting: ${resolved.reason ?? 'the record could not land'}.`),
      });
    return { form: 'review' as const, done: 'landed' as const };
  },

  dismiss: async (event) => {
    await requireSeat(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const parsed = parseForm(dismissSchema, form);
    if (!parsed.ok)
      return fail(400, { form: 'review' as const, eventId: values.event_id, values, errors: parsed.errors });
    const dismissed = await dismissDelivery(event.locals.supabase, parsed.data.event_id, parsed.data.reason);
    if (!dismissed.ok)
      return fail(400, {
        form: 'review' as const,
        eventId: values.event_id,
        values,
        errors: formError(dismissed.message),
      });
    return { form: 'review' as const, done: 'dismissed' as const };
  },
};
