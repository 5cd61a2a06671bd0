import { redirect } from '@sveltejs/kit';
import { readNotice } from '#lib/notices.ts';
import { loginUrl } from '#lib/redirects.ts';
import { listMyMemberships } from '#lib/server/db/memberships.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  // hooks.server.ts already guards /account; this narrows the type and keeps the page safe on its own.
  if (!locals.user) redirect(303, loginUrl(url.pathname));
  return {
    memberships: await listMyMemberships(locals.supabase, locals.user.id),
    notice: readNotice(url.searchParams.get('notice')),
  };
};
