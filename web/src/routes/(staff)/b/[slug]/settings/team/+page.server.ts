// The team: members with their role and name, pending invitations, and the invite form. Managers change
// roles, names and membership; the database enforces who may touch owners and that one owner remains.
import { fail } from '@sveltejs/kit';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { sendInvitationMail } from '#lib/server/invitation-mail.ts';
import {
  changeRole,
  createInvitation,
  listInvitations,
  listTeam,
  removeMember,
  renameMember,
  resendInvitation,
  revokeInvitation,
} from '#lib/server/db/team.ts';
import { displayNameSchema, idSchema, inviteStaffSchema, roleChangeSchema } from '#lib/team/invitations.ts';
import { requireManager } from '../guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business, role } = await requireManager(event);
  const [team, invitations] = await Promise.all([
    listTeam(event.locals.supabase, business.id),
    listInvitations(event.locals.supabase, business.id, 'staff'),
  ]);
  return { team, invitations, myRole: role, userId: event.locals.user!.id };
};

const NOT_SENT = 'The invitation is saved, but its e-mail could not be sent just now. Try “Resend” in a moment.';

export const actions: Actions = {
  invite: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const values = { email: textField(form, 'email'), role: textField(form, 'role') };
    const parsed = parseForm(inviteStaffSchema, form);
    if (!parsed.ok) return fail(400, { action: 'invite' as const, values, errors: parsed.errors });
    const made = await createInvitation(event.locals.supabase, business.id, parsed.data.email, {
      role: parsed.data.role,
    });
    if (!made.ok) return fail(400, { action: 'invite' as const, values, errors: formError(made.message) });
    const sent = await sendInvitationMail(event.url.origin, business, made.value);
    return { action: 'invite' as const, notice: sent ? `Invitation sent to ${made.value.email}.` : NOT_SENT };
  },

  resend: async (event) => {
    const { business } = await requireManager(event);
    const parsed = parseForm(idSchema, await event.request.formData());
    if (!parsed.ok) return fail(400, { action: 'list' as const, message: parsed.errors.id ?? 'Reload the page.' });
    const made = await resendInvitation(event.locals.supabase, parsed.data.id);
    if (!made.ok) return fail(400, { action: 'list' as const, message: made.message });
    const sent = await sendInvitationMail(event.url.origin, business, made.value);
    return {
      action: 'list' as const,
      notice: sent ? `A new invitation is on its way to ${made.value.email}; the old link no longer works.` : NOT_SENT,
    };
  },

  revoke: async (event) => {
    await requireManager(event);
    const parsed = parseForm(idSchema, await event.request.formData());
    if (!parsed.ok) return fail(400, { action: 'list' as const, message: parsed.errors.id ?? 'Reload the page.' });
    const done = await revokeInvitation(event.locals.supabase, parsed.data.id);
    if (!done.ok) return fail(400, { action: 'list' as const, message: done.message });
    return { action: 'list' as const, notice: 'Invitation withdrawn: its link no longer works.' };
  },

  role: async (event) => {
    const { business } = await requireManager(event);
    const parsed = parseForm(roleChangeSchema, await event.request.formData());
    if (!parsed.ok) return fail(400, { action: 'list' as const, message: Object.values(parsed.errors)[0] ?? '' });
    const done = await changeRole(event.locals.supabase, business.id, parsed.data.id, parsed.data.role);
    if (!done.ok) return fail(400, { action: 'list' as const, message: done.message });
    return { action: 'list' as const, notice: 'Role changed.' };
  },

  rename: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const parsed = parseForm(displayNameSchema, form);
    if (!parsed.ok)
      return fail(400, {
        action: 'rename' as const,
        id: textField(form, 'id'),
        values: { displayName: textField(form, 'displayName') },
        errors: parsed.errors,
      });
    const done = await renameMember(event.locals.supabase, business.id, parsed.data.id, parsed.data.displayName);
    if (!done.ok) return fail(400, { action: 'list' as const, message: done.message });
    return { action: 'list' as const, notice: 'Name saved.' };
  },

  remove: async (event) => {
    const { business } = await requireManager(event);
    const parsed = parseForm(idSchema, await event.request.formData());
    if (!parsed.ok) return fail(400, { action: 'list' as const, message: parsed.errors.id ?? 'Reload the page.' });
    const done = await removeMember(event.locals.supabase, business.id, parsed.data.id);
    if (!done.ok) return fail(400, { action: 'list' as const, message: done.message });
    return { action: 'list' as const, notice: 'Removed from the team. They lost access at once.' };
  },
};
