import { fail } from '@sveltejs/kit';
import { refusalSentence } from '#lib/refusals.ts';
import { requirePortal } from '#lib/server/portal.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
  const { data, error } = await locals.supabase.rpc('has_calendar_feed');
  if (error) throw new Error(`could not read the calendar feed: ${error.message}`);
  return { hasFeed: data === true };
};

export const actions: Actions = {
  // A new link (shown once: only its hash is kept); any earlier link stops working.
  create: async (event) => {
    await requirePortal(event);
    const { data, error } = await event.locals.supabase.rpc('create_calendar_feed');
    if (error) return fail(400, { error: refusalSentence(error) ?? 'The calendar link could not be made. Try again.' });
    return { url: `${event.url.origin}/calendar/${data}.ics` };
  },
  revoke: async (event) => {
    await requirePortal(event);
    const { error } = await event.locals.supabase.rpc('revoke_calendar_feed');
    if (error) return fail(400, { error: 'The calendar link could not be turned off. Try again.' });
    return { revoked: true };
  },
};
