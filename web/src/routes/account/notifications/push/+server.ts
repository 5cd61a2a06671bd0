// POST /account/notifications/push {endpoint, keys: {p256dh, auth}}: stores this browser's PushSubscription
// for the signed-in person (RLS: their own rows only; a browser that subscribes again replaces its row).
// DELETE {endpoint}: forgets it. Used by PushSwitch.svelte.
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import type { RequestHandler } from './$types';

const b64url = /^[A-Za-z0-9_-]+$/;
const Subscription = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).max(2000),
  keys: z.object({
    p256dh: z.string().regex(b64url).min(80).max(100),
    auth: z.string().regex(b64url).min(16).max(30),
  }),
});

async function body(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    error(400, 'The subscription is not JSON.');
  }
}

export const POST: RequestHandler = async ({ locals, request }) => {
  if (!locals.user) error(401, 'Sign in to turn on notifications.');
  const parsed = Subscription.safeParse(await body(request));
  if (!parsed.success) error(400, 'The browser gave a subscription we cannot use.');
  const { endpoint, keys } = parsed.data;
  // the same browser subscribing again (new keys) replaces its row; another person's row is not visible,
  // so an endpoint taken by someone else fails on the unique key instead
  await locals.supabase.from('push_subscriptions').delete().eq('endpoint', endpoint);
  const { error: e } = await locals.supabase.from('push_subscriptions').insert({
    endpoint,
    p256dh: keys.p256dh,
    auth: keys.auth,
    user_agent: request.headers.get('user-agent')?.slice(0, 300) ?? null,
  });
  if (e) error(e.code === '23505' ? 409 : 400, 'This browser could not be registered for notifications.');
  return json({ ok: true }, { status: 201 });
};

export const DELETE: RequestHandler = async ({ locals, request }) => {
  if (!locals.user) error(401, 'Sign in first.');
  const parsed = z.object({ endpoint: z.string().max(2000) }).safeParse(await body(request));
  if (!parsed.success) error(400, 'Which browser?');
  await locals.supabase.from('push_subscriptions').delete().eq('endpoint', parsed.data.endpoint);
  return json({ ok: true });
};
