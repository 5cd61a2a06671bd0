import { fail, redirect } from '@sveltejs/kit';
import { signInForm } from '#lib/auth-forms.ts';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { readNotice } from '#lib/notices.ts';
import { safeNextPath } from '#lib/redirects.ts';
import { signIn } from '#lib/server/auth.ts';
import { homeAfterSignIn, portalIfClaimed } from '#lib/server/portal.ts';
import type { Actions, PageServerLoad } from './$types';

// Without a `next`, the landing page depends on who signed in (staff: account; pet parents: /portal).
export const load: PageServerLoad = async ({ locals, url }) => {
  const next = safeNextPath(url.searchParams.get('next'), '');
  if (locals.user) redirect(303, next || (await homeAfterSignIn(locals.supabase, locals.user.id)));
  return { next, notice: readNotice(url.searchParams.get('notice')) };
};

export const actions: Actions = {
  signIn: async ({ request, locals }) => {
    const form = await request.formData();
    // Echo what was typed, except the password.
    const values = { email: textField(form, 'email') };
    const parsed = parseForm(signInForm, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors });

    const result = await signIn(locals.supabase, parsed.data.email, parsed.data.password);
    if (!result.ok) return fail(result.code === 'network' ? 503 : 400, { values, errors: formError(result.message) });

    const next = safeNextPath(parsed.data.next, '');
    const { data } = await locals.supabase.auth.getSession();
    const userId = data.session?.user.id;
    // a sign-up confirmed in another browser continues here: a business holding the address links it first
    if (next.startsWith('/new-business') && userId) {
      const portal = await portalIfClaimed(locals.supabase, userId);
      if (portal) redirect(303, portal);
    }
    if (next) redirect(303, next);
    redirect(303, userId ? await homeAfterSignIn(locals.supabase, userId) : safeNextPath(null));
  },
};
