import { redirect } from '@sveltejs/kit';
import { signOut } from '#lib/server/auth.ts';
import { forgetSession } from '#lib/server/supabase.ts';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link could be prefetched or forged); a stray GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
  signOut: async ({ locals, cookies }) => {
    const result = await signOut(locals.supabase);
    // If Auth could not be told, this browser still forgets the session.
    if (!result.ok) forgetSession(cookies);
    redirect(303, '/login?notice=signed-out');
  },
};
