import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm, textField } from '#lib/forms.ts';
import { readNotice } from '#lib/notices.ts';
import { loginUrl } from '#lib/redirects.ts';
import { readMyDisplayName, saveMyDisplayName } from '#lib/server/db/display-name.ts';
import { listMyMemberships } from '#lib/server/db/memberships.ts';
import { listMyClientLinks } from '#lib/server/db/portal.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  // hooks.server.ts already guards /account; this narrows the type and keeps the page safe on its own.
  if (!locals.user) redirect(303, loginUrl(url.pathname));
  const [memberships, displayName, links] = await Promise.all([
    listMyMemberships(locals.supabase, locals.user.id),
    readMyDisplayName(locals.supabase, locals.user.id),
    listMyClientLinks(locals.supabase, locals.user.id),
  ]);
  // where the login is a pet parent: the portal of each business, not a desk
  const parentOf = links.map((l) => ({ name: l.business.name, slug: l.business.slug }));
  return { memberships, displayName, parentOf, notice: readNotice(url.searchParams.get('notice')) };
};

const nameSchema = z.object({
  display_name: z.string().trim().min(1, 'Enter your name.').max(80, 'Keep your name to 80 characters.'),
});

export const actions: Actions = {
  // Members name themselves, so colleagues see a person beside what they did.
  name: async ({ locals, request, url }) => {
    if (!locals.user) redirect(303, loginUrl(url.pathname));
    const form = await request.formData();
    const value = textField(form, 'display_name');
    const parsed = parseForm(nameSchema, form);
    if (!parsed.ok) return fail(400, { value, error: parsed.errors.display_name ?? 'Enter your name.' });
    const saved = await saveMyDisplayName(locals.supabase, parsed.data.display_name);
    if (!saved.ok) return fail(400, { value, error: saved.message });
    return { value: parsed.data.display_name, saved: true };
  },
};
