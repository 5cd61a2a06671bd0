// /b/<slug>/settings/webhooks (owners and managers): outbound webhooks — subscribe a URL to the business's
// events (create_webhook_endpoint makes the signing secret and returns it once: this action's answer is the
// only time it leaves the database), switch one off or on, rotate its secret, remove it, send a test event,
// and the delivery log (the outbox's webhook rows: status, HTTP status, attempts, last error, retry).
import { fail } from '@sveltejs/kit';
import { isUuid } from '#lib/ids.ts';
import { refusalSentence } from '#lib/refusals.ts';
import { WEBHOOK_EVENTS } from '#lib/notify/webhooks.ts';
import { requireManager } from '../guard.ts';
import type { Actions, PageServerLoad } from './$types';

const LOG = 50;
const uuid = (v: FormDataEntryValue | null) => {
  const s = String(v ?? '');
  return isUuid(s) ? s : null;
};

export const load: PageServerLoad = async (event) => {
  const { business } = await requireManager(event);
  const db = event.locals.supabase;
  const [endpoints, log] = await Promise.all([
    db
      .from('webhook_endpoints')
      .select('id, url, events, description, is_active, created_at')
      .eq('business_id', business.id)
      .order('created_at'),
    db
      .from('notifications')
      .select(
        'id, webhook_endpoint_id, template, status, attempts, last_error, last_status_code, next_attempt_at, sent_at, created_at',
      )
      .eq('business_id', business.id)
      .eq('channel', 'webhook')
      .order('created_at', { ascending: false })
      .limit(LOG),
  ]);
  if (endpoints.error) throw new Error(`webhook endpoints: ${endpoints.error.code}`);
  if (log.error) throw new Error(`webhook log: ${log.error.code}`);
  return { endpoints: endpoints.data ?? [], deliveries: log.data ?? [] };
};

const sentence = (e: { code?: string; hint?: string; message?: string; details?: string }, otherwise: string) =>
  refusalSentence(e) ?? otherwise;

export const actions: Actions = {
  create: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const url = String(form.get('url') ?? '').trim();
    const description = String(form.get('description') ?? '').trim();
    const events = form.getAll('events').map(String);
    const values = { url, description, events };
    if (!/^https?:\/\/[^/?#@\s]+/i.test(url))
      return fail(400, {
        form: 'create' as const,
        values,
        errors: { url: 'Enter an address that starts with https://.' },
      });
    if (events.length === 0 || events.some((e) => !WEBHOOK_EVENTS.some((w) => w.key === e)))
      return fail(400, { form: 'create' as const, values, errors: { events: 'Choose at least one event.' } });
    const { data, error } = await event.locals.supabase.rpc('create_webhook_endpoint', {
      p_business_id: business.id,
      p_url: url,
      p_events: events,
      p_description: description || undefined,
    });
    if (error)
      return fail(400, {
        form: 'create' as const,
        values,
        errors: { form: sentence(error, 'The webhook could not be added.') },
      });
    const made = data as { id: string; secret: string };
    return { form: 'create' as const, secret: made.secret, endpointId: made.id };
  },

  toggle: async (event) => {
    await requireManager(event);
    const form = await event.request.formData();
    const id = uuid(form.get('id'));
    if (!id) return fail(400, { error: 'That webhook could not be found.' });
    const active = form.get('active') === 'true';
    // no `.select()`: returning rows would need SELECT on every column, and the secret is granted to no one
    const { error } = await event.locals.supabase.from('webhook_endpoints').update({ is_active: active }).eq('id', id);
    if (error) return fail(404, { error: 'That webhook could not be found.' });
    return { toggled: active ? 'on' : 'off' };
  },

  rotate: async (event) => {
    await requireManager(event);
    const id = uuid((await event.request.formData()).get('id'));
    if (!id) return fail(400, { error: 'That webhook could not be found.' });
    const { data, error } = await event.locals.supabase.rpc('rotate_webhook_secret', { p_endpoint_id: id });
    if (error) return fail(404, { error: sentence(error, 'The secret could not be replaced.') });
    return { form: 'rotate' as const, secret: (data as { secret: string }).secret, endpointId: id };
  },

  test: async (event) => {
    await requireManager(event);
    const id = uuid((await event.request.formData()).get('id'));
    if (!id) return fail(400, { error: 'That webhook could not be found.' });
    const { error } = await event.locals.supabase.rpc('send_test_webhook', { p_endpoint_id: id });
    if (error) return fail(404, { error: sentence(error, 'The test event could not be sent.') });
    return { tested: id };
  },

  remove: async (event) => {
    await requireManager(event);
    const id = uuid((await event.request.formData()).get('id'));
    if (!id) return fail(400, { error: 'That webhook could not be found.' });
    const { error } = await event.locals.supabase.from('webhook_endpoints').delete().eq('id', id);
    if (error) return fail(404, { error: 'That webhook could not be found.' });
    return { removed: true };
  },

  retry: async (event) => {
    await requireManager(event);
    const id = uuid((await event.request.formData()).get('id'));
    if (!id) return fail(400, { error: 'That delivery could not be found.' });
    const { error } = await event.locals.supabase.rpc('retry_notification', { p_id: id });
    if (error) return fail(400, { error: sentence(error, 'The delivery could not be retried.') });
    return { retried: id };
  },
};
