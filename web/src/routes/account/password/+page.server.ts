import { fail, redirect } from '@sveltejs/kit';
import { newPasswordForm } from '#lib/auth-forms.ts';
import { formError, parseForm } from '#lib/forms.ts';
import { setPassword } from '#lib/server/auth.ts';
import type { Actions } from './$types';

export const actions: Actions = {
  updatePassword: async ({ request, locals }) => {
    const parsed = parseForm(newPasswordForm, await request.formData());
    // Nothing is echoed: both fields are secrets.
    if (!parsed.ok) return fail(400, { errors: parsed.errors });

    const result = await setPassword(locals.supabase, parsed.data.password);
    if (!result.ok) return fail(result.code === 'network' ? 503 : 400, { errors: formError(result.message) });

    redirect(303, '/account?notice=password-updated');
  },
};
