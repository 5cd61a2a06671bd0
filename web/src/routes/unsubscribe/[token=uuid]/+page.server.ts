// /unsubscribe/<token>: the link at the foot of every message. Works signed out: the token is the message's
// own unguessable capability. GET only describes (a link preview or a virus scanner opening it changes
// nothing); the button POSTs. Mail clients' RFC 8058 one-click POST goes to functions/unsubscribe instead
// (cross-site form POSTs are refused by the app's CSRF guard).
import { error, fail } from '@sveltejs/kit';
import { refusalSentence } from '#lib/refusals.ts';
import { channelLabel, kindLabel } from '#lib/notify/kinds.ts';
import type { Actions, PageServerLoad } from './$types';

interface Answer {
  business_name: string;
  kind: string;
  channel: string;
  unsubscribed: boolean;
}

const describe = (a: Answer) => ({
  businessName: a.business_name,
  kind: kindLabel(a.kind),
  channel: channelLabel(a.channel),
  unsubscribed: a.unsubscribed,
});

export const load: PageServerLoad = async ({ params, locals }) => {
  const { data, error: e } = await locals.supabase.rpc('unsubscribe', { p_token: params.token, p_apply: false });
  if (e) {
    if (e.hint === 'unsubscribe_link_not_found') error(404, refusalSentence(e) ?? 'Unknown link.');
    throw new Error(`unsubscribe lookup failed: ${e.code}`);
  }
  return { ...describe(data as unknown as Answer), signedIn: !!locals.user };
};

export const actions: Actions = {
  default: async ({ params, locals }) => {
    const { data, error: e } = await locals.supabase.rpc('unsubscribe', { p_token: params.token });
    if (e)
      return fail(e.hint === 'unsubscribe_link_not_found' ? 404 : 503, {
        error: refusalSentence(e) ?? 'Please try again.',
      });
    return { done: describe(data as unknown as Answer) };
  },
};
