// Privacy (issue 11): "Download my data" starts a job that this server builds in the background (see
// #lib/server/portal-export.ts) and the page polls; "Delete my account" says what happens, asks for the
// e-mail address typed out, and runs public.delete_my_account.
import { fail, redirect } from '@sveltejs/kit';
import { refusalSentence } from '#lib/refusals.ts';
import { requirePortal } from '#lib/server/portal.ts';
import { removeMyExports, runExport } from '#lib/server/portal-export.ts';
import { forgetSession } from '#lib/server/supabase.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { links } = await requirePortal(event);
  return {
    email: event.locals.user?.email ?? '',
    clientOf: links.map((l) => l.business.name),
  };
};

export const actions: Actions = {
  export: async (event) => {
    await requirePortal(event);
    const user = event.locals.user;
    const { data: session } = await event.locals.supabase.auth.getSession();
    const token = session.session?.access_token;
    if (!user || !token) redirect(303, '/login?next=/portal/privacy');
    const { data: exportId, error } = await event.locals.supabase.rpc('start_data_export');
    if (error) return fail(409, { export: { error: refusalSentence(error) ?? 'The download could not be started.' } });
    // not awaited: the page follows the job's progress while this server builds the ZIP
    void runExport(token, user.id, exportId);
    return { export: { id: exportId } };
  },

  deleteAccount: async (event) => {
    await requirePortal(event);
    const user = event.locals.user;
    if (!user) redirect(303, '/login?next=/portal/privacy');
    const email = String((await event.request.formData()).get('email') ?? '').trim();
    if (!email) return fail(400, { delete: { error: 'Type your e-mail address to confirm.' } });
    if (email.toLowerCase() !== (user.email ?? '').toLowerCase())
      return fail(400, { delete: { error: refusalSentence({ hint: 'account_email_mismatch' }) } });
    // the stored downloads first: once the login is gone nobody could remove them
    await removeMyExports(event.locals.supabase, user.id);
    const { error } = await event.locals.supabase.rpc('delete_my_account', { p_email: email });
    if (error) return fail(400, { delete: { error: refusalSentence(error) ?? 'The account could not be deleted.' } });
    forgetSession(event.cookies);
    redirect(303, '/account-deleted');
  },
};
