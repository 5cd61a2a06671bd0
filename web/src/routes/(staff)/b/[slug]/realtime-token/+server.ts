// The access token the roster's websocket presents to Realtime. The session lives in httpOnly cookies
// the browser cannot read; this hands the page only the short-lived access token (never the refresh
// token), and the page asks again before it expires. Reading it here also refreshes an expiring session.
import { error, json } from '@sveltejs/kit';
import { requireSeat } from '../seat.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  await requireSeat(event);
  const { data } = await event.locals.supabase.auth.getSession();
  const session = data.session;
  if (!session) error(401, 'Sign in again.');
  return json(
    { access_token: session.access_token, expires_at: session.expires_at ?? null },
    { headers: { 'cache-control': 'no-store' } },
  );
};
