// One partner: its details and contact (owners and managers edit), its webhook credentials (generate a
// secret, shown once; at most two active, for rotation; revoke), the webhook URL to give the partner, and
// its recent deliveries. A partner of another business is a 404, like one that does not exist.
import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { PUBLIC_SUPABASE_URL } from '$app/env/public';
import { formError, parseForm } from '#lib/forms.ts';
import { partnerSchema } from '#lib/partners/forms.ts';
import { mayOverride } from '#lib/server/db/businesses.ts';
import {
  createSecret,
  findPartner,
  listSecrets,
  recentDeliveries,
  revokeSecret,
  startVetSync,
  updatePartner,
} from '#lib/server/db/partners.ts';
import { requireSeat } from '../../seat.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function seatAndPartner(event: RequestEvent) {
  const seat = await requireSeat(event);
  const partner = await findPartner(event.locals.supabase, seat.business.id, event.params.partnerId);
  if (!partner) error(404, 'Not found');
  return { ...seat, partner };
}

const valuesOf = (form: FormData) =>
  Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;

export const load: PageServerLoad = async (event) => {
  const { business, role, partner } = await seatAndPartner(event);
  const [secrets, deliveries] = await Promise.all([
    listSecrets(event.locals.supabase, partner.id),
    recentDeliveries(event.locals.supabase, business.id, partner.id),
  ]);
  return {
    partner,
    secrets,
    deliveries,
    webhookUrl: `${PUBLIC_SUPABASE_URL}/functions/v1/partner-webhook/${partner.id}`,
    mayEdit: mayOverride(role),
    added: event.url.searchParams.has('added'),
  };
};

const secretForm = z.object({ secret_id: z.uuid('That secret is not known.') });

export const actions: Actions = {
  save: async (event) => {
    const { business, partner } = await seatAndPartner(event);
    const form = await event.request.formData();
    const values = valuesOf(form);
    const parsed = parseForm(partnerSchema, form);
    if (!parsed.ok) return fail(400, { form: 'save' as const, values, errors: parsed.errors });
    const saved = await updatePartner(event.locals.supabase, business.id, partner.id, parsed.data);
    if (!saved)
      return fail(403, {
        form: 'save' as const,
        values,
        errors: formError('Only an owner or a manager can change partners.'),
      });
    return { form: 'save' as const, saved: true };
  },

  createSecret: async (event) => {
    const { partner } = await seatAndPartner(event);
    const made = await createSecret(event.locals.supabase, partner.id);
    if (!made.ok) return fail(400, { form: 'secret' as const, errors: formError(made.message) });
    // The only time the secret leaves the database: this answer, never a later load.
    return { form: 'secret' as const, secret: made.secret, secretId: made.id };
  },

  // the FHIR vet sync, on demand: any member of the desk staff may start it; the page then shows its progress
  sync: async (event) => {
    const { partner } = await seatAndPartner(event);
    if (partner.kind !== 'vet' || !partner.apiBaseUrl)
      return fail(400, { form: 'sync' as const, errors: formError('Only a vet with a FHIR base URL can be synced.') });
    const started = await startVetSync(event.locals.supabase, partner.id);
    if (!started.ok) return fail(502, { form: 'sync' as const, errors: formError(started.message) });
    return { form: 'sync' as const, startedAt: new Date().toISOString() };
  },

  revokeSecret: async (event) => {
    await seatAndPartner(event);
    const parsed = parseForm(secretForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { form: 'secret' as const, errors: parsed.errors });
    const revoked = await revokeSecret(event.locals.supabase, parsed.data.secret_id);
    if (!revoked.ok) return fail(400, { form: 'secret' as const, errors: formError(revoked.message) });
    return { form: 'secret' as const, revoked: true };
  },
};
