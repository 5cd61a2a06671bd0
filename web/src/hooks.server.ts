import { redirect } from '@sveltejs/kit';
import { sequence, type Handle } from '@sveltejs/kit/hooks';
import { requiresSignIn } from '#lib/access.ts';
import { loginUrl } from '#lib/redirects.ts';
import { currentUser } from '#lib/server/auth.ts';
import { createRequestClient } from '#lib/server/supabase.ts';

// Who is asking, resolved once per request: a Supabase client bound to the request's cookies, and the
// user as the Auth server vouches for them.
const identify: Handle = async ({ event, resolve }) => {
  event.locals.supabase = createRequestClient(event);
  event.locals.user = await currentUser(event.locals.supabase);
  return resolve(event);
};

// Signed-in areas send strangers to the sign-in page, remembering where they were going.
const guard: Handle = async ({ event, resolve }) => {
  if (!event.locals.user && requiresSignIn(event.url.pathname)) {
    redirect(303, loginUrl(event.url.pathname + event.url.search));
  }
  return resolve(event);
};

// Pages are never framed (clickjacking on sign-in forms) and never leak their URLs (which may carry
// e-mail link codes) to other sites.
const harden: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  return response;
};

export const handle = sequence(harden, identify, guard);
