// A client's page: their details (editable) and their pets. A client of another business is a 404,
// the same as one that does not exist (RLS hides it; the route's `uuid` matcher 404s a malformed id).
import { error, fail, redirect } from '@sveltejs/kit';
import { clientSchema, petSchema } from '#lib/clients/forms.ts';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { CHANGED_SINCE_OPENED, fieldConflicts } from '#lib/forms-conflict.ts';
import { findClient } from '#lib/server/db/clients.ts';
import { saveIfUnchanged } from '#lib/server/db/versioned.ts';
import { DataError, refusalSentence } from '#lib/server/db/errors.ts';
import { addPet } from '#lib/server/db/pets.ts';
import { createInvitation, listInvitations, resendInvitation, revokeInvitation } from '#lib/server/db/team.ts';
import { sendInvitationMail } from '#lib/server/invitation-mail.ts';
import { idSchema, invitePortalSchema } from '#lib/team/invitations.ts';
import { requireSeat } from '../../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const client = await findClient(event.locals.supabase, business.id, event.params.clientId);
  if (!client) error(404, 'Not found');
  const portalInvitations = client.hasPortalLogin
    ? []
    : await listInvitations(event.locals.supabase, business.id, { clientId: client.id });
  return { client, portalInvitations, created: event.url.searchParams.has('created') };
};

/** The client form's fields as a person reads them, for the "changed by someone else" comparison. */
const CLIENT_FIELD_LABELS = [
  { name: 'full_name', label: 'Full name' },
  { name: 'phone', label: 'Phone' },
  { name: 'email', label: 'E-mail' },
  { name: 'address', label: 'Address' },
  { name: 'consent_sms', label: 'Agrees to SMS notifications', checkbox: true },
  { name: 'consent_marketing', label: 'Agrees to marketing messages', checkbox: true },
  { name: 'consent_photos', label: 'Allows sharing photos of their pets', checkbox: true },
];

const NOT_SENT = 'The invitation is saved, but its e-mail could not be sent just now. Try “Resend” in a moment.';

export const actions: Actions = {
  save: async (event) => {
    const { business } = await requireSeat(event);
    const form = await event.request.formData();
    const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const parsed = parseForm(clientSchema, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors, saved: false });
    const saved = await saveIfUnchanged(
      event.locals.supabase,
      'clients',
      business.id,
      event.params.clientId,
      parsed.data,
      values.version || null,
    );
    if (!saved.ok && saved.gone) error(404, 'Not found');
    if (!saved.ok)
      // someone else saved since this form was opened: keep what was typed, show both, take their version
      return fail(409, {
        values: { ...values, version: saved.version } as Record<string, string>,
        errors: { form: CHANGED_SINCE_OPENED },
        conflicts: fieldConflicts(CLIENT_FIELD_LABELS, saved.current, values),
        saved: false,
      });
    return { values: { ...values, version: saved.version }, errors: {}, saved: true };
  },

  addPet: async (event) => {
    const { business } = await requireSeat(event);
    const client = await findClient(event.locals.supabase, business.id, event.params.clientId);
    if (!client) error(404, 'Not found');
    const form = await event.request.formData();
    const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    const parsed = parseForm(petSchema, form);
    if (!parsed.ok) return fail(400, { form: 'pet' as const, values, errors: parsed.errors });
    let petId: string;
    try {
      petId = await addPet(event.locals.supabase, business.id, client.id, parsed.data);
    } catch (cause) {
      // The form checks what the database checks; a refusal here is a rule we do not mirror.
      const refusal = cause instanceof DataError ? refusalSentence(cause.code, 'The pet') : null;
      if (refusal) return fail(400, { form: 'pet' as const, values, errors: formError(refusal) });
      throw cause;
    }
    redirect(303, `/b/${business.slug}/pets/${petId}?added=1`);
  },

  // Portal invitations: the same mechanics as the team's, with the client instead of a role.
  invitePortal: async (event) => {
    const { business } = await requireSeat(event);
    const form = await event.request.formData();
    const values = { email: textField(form, 'email') };
    const parsed = parseForm(invitePortalSchema, form);
    if (!parsed.ok) return fail(400, { form: 'portal' as const, values, errors: parsed.errors });
    const made = await createInvitation(event.locals.supabase, business.id, parsed.data.email, {
      clientId: event.params.clientId,
    });
    if (!made.ok) return fail(400, { form: 'portal' as const, values, errors: formError(made.message) });
    const sent = await sendInvitationMail(event.url.origin, business, made.value);
    return { form: 'portal' as const, notice: sent ? `Portal invitation sent to ${made.value.email}.` : NOT_SENT };
  },

  resendPortal: async (event) => {
    const { business } = await requireSeat(event);
    const parsed = parseForm(idSchema, await event.request.formData());
    if (!parsed.ok) return fail(400, { form: 'portal' as const, errors: parsed.errors });
    const made = await resendInvitation(event.locals.supabase, parsed.data.id);
    if (!made.ok) return fail(400, { form: 'portal' as const, errors: formError(made.message) });
    const sent = await sendInvitationMail(event.url.origin, business, made.value);
    return {
      form: 'portal' as const,
      notice: sent
        ? `A new portal invitation is on its way to ${made.value.email}; the old link no longer works.`
        : NOT_SENT,
    };
  },

  revokePortal: async (event) => {
    await requireSeat(event);
    const parsed = parseForm(idSchema, await event.request.formData());
    if (!parsed.ok) return fail(400, { form: 'portal' as const, errors: parsed.errors });
    const done = await revokeInvitation(event.locals.supabase, parsed.data.id);
    if (!done.ok) return fail(400, { form: 'portal' as const, errors: formError(done.message) });
    return { form: 'portal' as const, notice: 'Portal invitation withdrawn: its link no longer works.' };
  },
};
