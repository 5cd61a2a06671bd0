import { redirect } from '@sveltejs/kit';
import { setupDone, setupState } from '#lib/server/db/checklist.ts';
import type { PageServerLoad } from './$types';

// The desk's home is the scanner, except while an owner or manager has a new business still to set up:
// then it is the set-up checklist (ticked from real data), until every step is done.
export const load: PageServerLoad = async ({ params, parent, locals }) => {
  const { business, role } = await parent();
  if (role === 'owner' || role === 'manager') {
    const setup = await setupState(locals.supabase, business.id);
    if (!setupDone(setup)) return { setup };
  }
  redirect(307, `/b/${params.slug}/scan`);
};
