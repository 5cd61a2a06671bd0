// /b/<slug>/settings/messages (owners and managers): the outbox — every message with its status, attempts
// and last error, the dead ones filterable, and "retry" on failed or dead ones (public.retry_notification,
// which also nudges the dispatcher so it goes out now rather than at the next minute's run).
import { fail } from '@sveltejs/kit';
import { isUuid } from '#lib/ids.ts';
import { refusalSentence } from '#lib/refusals.ts';
import { requireManager } from '../guard.ts';
import type { Actions, PageServerLoad } from './$types';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead', 'skipped'] as const;
type Status = (typeof STATUSES)[number];
const PAGE = 50;

export const load: PageServerLoad = async (event) => {
  const { business } = await requireManager(event);
  const raw = event.url.searchParams.get('status') ?? '';
  const status = (STATUSES as readonly string[]).includes(raw) ? (raw as Status) : null;
  let q = event.locals.supabase
    .from('notifications')
    .select(
      'id, channel, template, status, attempts, last_error, next_attempt_at, sent_at, created_at, recipient_client_id, recipient_user_id, clients(full_name, email)',
    )
    .eq('business_id', business.id)
    .order('created_at', { ascending: false })
    .limit(PAGE);
  if (status) q = q.eq('status', status);
  const [{ data, error: e }, counts] = await Promise.all([
    q,
    Promise.all(
      (['failed', 'dead'] as const).map(async (s) => {
        const r = await event.locals.supabase
          .from('notifications')
          .select('id', { count: 'exact', head: true })
          .eq('business_id', business.id)
          .eq('status', s);
        return [s, r.count ?? 0] as const;
      }),
    ),
  ]);
  if (e) throw new Error(`outbox: ${e.code}`);
  return { messages: data ?? [], status, counts: Object.fromEntries(counts) as Record<'failed' | 'dead', number> };
};

export const actions: Actions = {
  retry: async (event) => {
    await requireManager(event);
    const form = await event.request.formData();
    const id = String(form.get('id') ?? '');
    if (!isUuid(id)) return fail(400, { error: 'That message could not be found.' });
    const { error: e } = await event.locals.supabase.rpc('retry_notification', { p_id: id });
    if (e)
      return fail(e.code === 'PT404' ? 404 : 400, { error: refusalSentence(e) ?? 'The message could not be retried.' });
    return { retried: id };
  },
};
