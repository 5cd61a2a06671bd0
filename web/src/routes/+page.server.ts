// The home page: signed out, what PawCentral is; signed in, the business switcher. A new owner with no
// business (and no pets booked anywhere as a parent) is sent to create one.
import { redirect } from '@sveltejs/kit';
import { isClientAnywhere, listMyMemberships } from '#lib/server/db/memberships.ts';
import { portalIfClaimed } from '#lib/server/portal.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  if (!locals.user) return { memberships: null };
  const memberships = await listMyMemberships(locals.supabase, locals.user.id);
  if (memberships.available && !memberships.items.length && !(await isClientAnywhere(locals.supabase, locals.user.id)))
    redirect(303, (await portalIfClaimed(locals.supabase, locals.user.id)) ?? '/new-business');
  return { memberships: memberships.available ? memberships.items : [] };
};
