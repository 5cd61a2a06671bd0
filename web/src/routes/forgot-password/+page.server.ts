import { fail, redirect } from '@sveltejs/kit';
import { forgotPasswordForm, recoveryCodeForm } from '#lib/auth-forms.ts';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { readNotice } from '#lib/notices.ts';
import { sendPasswordReset, verifyRecoveryCode } from '#lib/server/auth.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => ({ notice: readNotice(url.searchParams.get('notice')) });

export const actions: Actions = {
  sendResetLink: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = { email: textField(form, 'email') };
    const parsed = parseForm(forgotPasswordForm, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors });

    // The e-mail's link returns here, is exchanged for a session, then asks for the new password.
    const redirectTo = new URL('/auth/confirm?next=/account/password', url.origin).href;
    const result = await sendPasswordReset(locals.supabase, parsed.data.email, redirectTo);
    if (!result.ok) {
      const status = result.code === 'network' ? 503 : result.code.startsWith('over_') ? 429 : 400;
      return fail(status, { values, errors: formError(result.message) });
    }
    return { values, sent: true };
  },

  // The code in the e-mail, typed on whichever device is at hand; a valid one signs the person in for
  // this one purpose, and the next page asks for the new password.
  useCode: async ({ request, locals }) => {
    const form = await request.formData();
    const values = { email: textField(form, 'email'), code: textField(form, 'code') };
    const parsed = parseForm(recoveryCodeForm, form);
    if (!parsed.ok) return fail(400, { values, codeForm: true, errors: parsed.errors });
    const result = await verifyRecoveryCode(locals.supabase, parsed.data.email, parsed.data.code);
    if (!result.ok) {
      const status = result.code === 'network' ? 503 : result.code.startsWith('over_') ? 429 : 400;
      const errors =
        status === 400
          ? { code: 'That code is wrong or has expired. Check the newest e-mail, or ask for a new code.' }
          : formError(result.message);
      return fail(status, { values, codeForm: true, errors });
    }
    redirect(303, '/account/password');
  },
};
