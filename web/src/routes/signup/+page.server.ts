import { fail, redirect } from '@sveltejs/kit';
import { signUpForm } from '#lib/auth-forms.ts';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { signUp } from '#lib/server/auth.ts';
import type { Actions, PageServerLoad } from './$types';

/** Where a new owner goes once their address is confirmed. */
const AFTER_CONFIRM = '/new-business';

export const load: PageServerLoad = ({ locals }) => {
  if (locals.user) redirect(303, '/');
};

export const actions: Actions = {
  signUp: async ({ request, locals, url }) => {
    const form = await request.formData();
    // Echo what was typed, except the password.
    const values = { email: textField(form, 'email') };
    const parsed = parseForm(signUpForm, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors });

    // The e-mail's link goes through Auth's /verify back to /auth/confirm, which makes the session.
    const redirectTo = new URL(`/auth/confirm?next=${AFTER_CONFIRM}`, url.origin).href;
    const result = await signUp(locals.supabase, parsed.data.email, parsed.data.password, redirectTo);
    if (!result.ok) {
      const status = result.code === 'network' ? 503 : result.code.startsWith('over_') ? 429 : 400;
      const errors = result.code === 'weak_password' ? { password: result.message } : formError(result.message);
      return fail(status, { values, errors });
    }
    if (result.confirmed) redirect(303, AFTER_CONFIRM);
    return { values, sent: true };
  },
};
