// /account/notifications: which kinds of message the signed-in person receives on which channel. No row
// means on; a box left unticked is stored as an opt-out for the account (public.notification_preferences),
// which also covers the client records the person's account is linked to. Opt-outs the one-click links wrote
// for those client records are shown here and replaced by what is saved.
import { fail, redirect } from '@sveltejs/kit';
import { loginUrl } from '#lib/redirects.ts';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '#lib/notify/kinds.ts';
import type { Actions, PageServerLoad } from './$types';

const KIND_ALIASES: Record<string, string> = { waitlist_place_offered: 'waitlist_promoted' };

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, loginUrl(url.pathname));
  const { data, error } = await locals.supabase.from('notification_preferences').select('kind, channel, enabled');
  if (error) throw new Error(`preferences: ${error.code}`);
  const off = new Set<string>();
  for (const p of data ?? []) {
    const kinds = p.kind === '*' ? NOTIFICATION_KINDS.map((k) => k.key) : [KIND_ALIASES[p.kind] ?? p.kind];
    if (!p.enabled) for (const k of kinds) off.add(`${k}:${p.channel}`);
  }
  return { off: [...off], saved: url.searchParams.has('saved') };
};

export const actions: Actions = {
  default: async ({ request, locals }) => {
    if (!locals.user) return fail(401, { error: 'Sign in again to change your notifications.' });
    const form = await request.formData();
    const rows = [];
    for (const k of NOTIFICATION_KINDS)
      for (const c of NOTIFICATION_CHANNELS)
        if (form.get(`${k.key}:${c.key}`) !== 'on')
          rows.push({ user_id: locals.user.id, kind: k.key, channel: c.key, enabled: false });
    // the old waiting-list key follows its new name
    for (const r of rows.filter((r) => r.kind === 'waitlist_promoted'))
      rows.push({ ...r, kind: 'waitlist_place_offered' });
    // RLS limits the delete to the person's own rows and those of their client records
    const del = await locals.supabase.from('notification_preferences').delete().not('id', 'is', null);
    if (del.error) return fail(503, { error: 'Your choices could not be saved. Please try again.' });
    if (rows.length) {
      const ins = await locals.supabase.from('notification_preferences').insert(rows);
      if (ins.error) return fail(503, { error: 'Your choices could not be saved. Please try again.' });
    }
    redirect(303, '/account/notifications?saved');
  },
};
