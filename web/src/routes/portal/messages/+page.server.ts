import { fail } from '@sveltejs/kit';
import { requirePortal } from '#lib/server/portal.ts';
import { DataError } from '#lib/server/db/errors.ts';
import type { Actions, PageServerLoad } from './$types';

// The parent's in-app messages from this business (RLS: notifications addressed to the login or to one of
// its client rows).
export const load: PageServerLoad = async (event) => {
  const { client, business } = await event.parent();
  const { data, error } = await event.locals.supabase
    .from('notifications')
    .select('id, template, payload, created_at, read_at')
    .eq('business_id', business.id)
    .eq('channel', 'in_app')
    .or(
      `recipient_client_id.eq.${client.id},recipient_user_id.eq.${event.locals.user?.id ?? '00000000-0000-0000-0000-000000000000'}`,
    )
    .order('created_at', { ascending: false })
    .limit(100);
  if (error) throw new DataError(`could not read messages: ${error.message}`, error.code);
  return {
    messages: data.map((m) => ({
      id: m.id,
      template: m.template,
      payload: (m.payload ?? {}) as Record<string, unknown>,
      createdAt: m.created_at,
      readAt: m.read_at,
    })),
  };
};

export const actions: Actions = {
  read: async (event) => {
    const { current } = await requirePortal(event);
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    let query = event.locals.supabase
      .from('notifications')
      .update({ read_at: new Date().toISOString() })
      .eq('business_id', current.business.id)
      .is('read_at', null);
    query = id === 'all' ? query : query.eq('id', id);
    const { error } = await query;
    if (error) return fail(400, { error: 'The message could not be marked as read. Try again.' });
    return { read: id };
  },
};
