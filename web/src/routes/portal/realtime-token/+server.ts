// The access token the portal's websocket presents to Realtime for the parent's client:<id> channel
// (the session stays in httpOnly cookies; only the short-lived access token is handed out).
import { error, json } from '@sveltejs/kit';
import { requirePortal } from '#lib/server/portal.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  await requirePortal(event);
  const { data } = await event.locals.supabase.auth.getSession();
  const session = data.session;
  if (!session) error(401, 'Sign in again.');
  return json(
    { access_token: session.access_token, expires_at: session.expires_at ?? null },
    { headers: { 'cache-control': 'no-store' } },
  );
};
