// The access token the drivers' page presents to Realtime to send its position on the private route:<id>
// channel (the session stays in httpOnly cookies; only the short-lived access token is handed out).
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  if (!event.locals.user) error(401, 'Sign in again.');
  const { data } = await event.locals.supabase.auth.getSession();
  const session = data.session;
  if (!session) error(401, 'Sign in again.');
  return json(
    { access_token: session.access_token, expires_at: session.expires_at ?? null },
    { headers: { 'cache-control': 'no-store' } },
  );
};
