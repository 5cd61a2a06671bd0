// The page an invitation e-mail links to. Anyone holding the link sees what it invites to; the invitee
// accepts signed in with the address it was sent to, creating an account here if they have none. Staff
// land on their business's desk, pet parents on the portal.
import { fail, redirect } from '@sveltejs/kit';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '#lib/password-rules.ts';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { refusalSentence } from '#lib/refusals.ts';
import { signUpWithPassword } from '#lib/server/auth.ts';
import { acceptInvitation, previewInvitation, type InvitationPreview } from '#lib/server/db/team.ts';
import { acceptSchema } from '#lib/team/invitations.ts';
import { z } from 'zod';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const signUpSchema = z.object({
  displayName: z.string().trim().min(1, 'Enter your name.').max(80, 'Keep your name to 80 characters.'),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
});

/** Why an invitation in this state cannot be accepted, in the words refusals.ts keeps for it. */
function deadSentence(state: InvitationPreview['state'] | 'missing'): string | null {
  const hint = {
    missing: 'invitation_not_found',
    used: 'invitation_used',
    expired: 'invitation_expired',
    revoked: 'invitation_revoked',
    pending: null,
  }[state];
  return hint ? refusalSentence({ hint }) : null;
}

function destination(preview: InvitationPreview): string {
  return preview.portal ? '/portal' : `/b/${preview.businessSlug}`;
}

export const load: PageServerLoad = async ({ locals, params }) => {
  const preview = await previewInvitation(locals.supabase, params.token);
  const dead = deadSentence(preview?.state ?? 'missing');
  const userEmail = locals.user?.email?.toLowerCase() ?? null;
  return {
    preview,
    dead,
    userEmail,
    isInvitee: !!preview && userEmail === preview.email.toLowerCase(),
    next: `/invite/${encodeURIComponent(params.token)}`,
  };
};

async function accept(event: RequestEvent, preview: InvitationPreview, displayName: string) {
  const done = await acceptInvitation(event.locals.supabase, event.params.token, displayName || null);
  if (!done.ok)
    return fail(400, { action: 'accept' as const, values: { displayName }, errors: formError(done.message) });
  redirect(303, destination(preview));
}

export const actions: Actions = {
  accept: async (event) => {
    const form = await event.request.formData();
    const displayName = textField(form, 'displayName');
    if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
    const preview = await previewInvitation(event.locals.supabase, event.params.token);
    if (!preview)
      return fail(404, {
        action: 'accept' as const,
        values: { displayName },
        errors: formError(deadSentence('missing')!),
      });
    const parsed = parseForm(acceptSchema, form);
    if (!parsed.ok) return fail(400, { action: 'accept' as const, values: { displayName }, errors: parsed.errors });
    return accept(event, preview, parsed.data.displayName);
  },

  signUp: async (event) => {
    const form = await event.request.formData();
    const values = { displayName: textField(form, 'displayName') };
    const preview = await previewInvitation(event.locals.supabase, event.params.token);
    const dead = deadSentence(preview?.state ?? 'missing');
    if (!preview || dead) return fail(400, { action: 'signUp' as const, values, errors: formError(dead!) });
    const parsed = parseForm(signUpSchema, form);
    if (!parsed.ok) return fail(400, { action: 'signUp' as const, values, errors: parsed.errors });
    const back = `${event.url.origin}/auth/confirm?next=${encodeURIComponent(event.url.pathname)}`;
    const made = await signUpWithPassword(
      event.locals.supabase,
      preview.email,
      parsed.data.password,
      parsed.data.displayName,
      back,
    );
    if (!made.ok) {
      const message =
        made.code === 'user_already_exists' || made.code === 'email_exists'
          ? `An account with ${preview.email} exists already: sign in with it to accept.`
          : made.message;
      return fail(400, { action: 'signUp' as const, values, errors: formError(message) });
    }
    if (!made.signedIn) return { action: 'signUp' as const, confirm: preview.email };
    return accept(event, preview, parsed.data.displayName);
  },
};
