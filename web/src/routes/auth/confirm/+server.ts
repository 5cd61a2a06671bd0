import { redirect } from '@sveltejs/kit';
import { readConfirmLink } from '#lib/confirm-link.ts';
import { linkNotice } from '#lib/notices.ts';
import { safeNextPath } from '#lib/redirects.ts';
import { confirmEmailLink, currentUser } from '#lib/server/auth.ts';
import { portalIfClaimed } from '#lib/server/portal.ts';
import type { RequestHandler } from './$types';

// Where links in Supabase's e-mails land: the code or token hash becomes a session (its cookies are set
// on this response), then the user continues to `next`, a same-site path only.
export const GET: RequestHandler = async ({ url, locals }) => {
  const next = safeNextPath(url.searchParams.get('next'));
  const result = await confirmEmailLink(locals.supabase, readConfirmLink(url.searchParams));
  if (result.ok) {
    // Claim by confirmed e-mail: the address is proven now, so a business that holds it as a client's links
    // this login; a new sign-up (bound for "create your business") then lands on the portal instead.
    if (next === '/' || next.startsWith('/new-business')) {
      const user = await currentUser(locals.supabase);
      const portal = user ? await portalIfClaimed(locals.supabase, user.id) : null;
      if (portal) redirect(303, portal);
    }
    redirect(303, next);
  }

  const notice = linkNotice(result.code);
  // A sign-up link opened in another browser still confirmed the address at /verify; only this browser's
  // session is missing, so signing in finishes the job.
  if (next.startsWith('/new-business') && notice === 'link-other-browser')
    redirect(303, `/login?notice=email-confirmed&next=${encodeURIComponent(next)}`);
  // A broken reset link is best answered where a new one can be asked for.
  const page = next.startsWith('/account/password') ? '/forgot-password' : '/login';
  redirect(303, `${page}?notice=${notice}`);
};
