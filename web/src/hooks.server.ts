import { redirect } from '@sveltejs/kit';
import { sequence, type Handle, type HandleServerError } from '@sveltejs/kit/hooks';
import { PUBLIC_MAP_STYLE_URL, PUBLIC_MAP_TILE_URL, PUBLIC_SUPABASE_URL } from '$app/env/public';
import { requiresSignIn } from '#lib/access.ts';
import { loginUrl } from '#lib/redirects.ts';
import { currentUser } from '#lib/server/auth.ts';
import { reportFault } from '#lib/server/faults.ts';
import { requestSeats } from '#lib/server/seat.ts';
import { allowSupabase, mapOrigins, PERMISSIONS_POLICY } from '#lib/server/security-headers.ts';
import { createRequestClient } from '#lib/server/supabase.ts';

// Who is asking, resolved once per request: a Supabase client bound to the request's cookies, the
// user as the Auth server vouches for them, and (looked up only when a staff page first asks) their
// seat at the business a slug names.
const identify: Handle = async ({ event, resolve }) => {
  event.locals.supabase = createRequestClient(event);
  event.locals.user = await currentUser(event.locals.supabase);
  event.locals.seat = requestSeats(event.locals.supabase, event.locals.user);
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
// e-mail link codes) to other sites. Kit writes the Content-Security-Policy (vite.config.ts); the
// Supabase origin the browser talks to is only known now, so it is added here.
const harden: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('permissions-policy', PERMISSIONS_POLICY);
  const csp = response.headers.get('content-security-policy');
  if (csp && PUBLIC_SUPABASE_URL) {
    response.headers.set(
      'content-security-policy',
      allowSupabase(csp, PUBLIC_SUPABASE_URL, mapOrigins(PUBLIC_MAP_STYLE_URL, PUBLIC_MAP_TILE_URL)),
    );
  }
  return response;
};

export const handle = sequence(harden, identify, guard);

// A fault nobody planned for: an id, one log line, and a friendly page that shows the id (+error.svelte).
export const handleError: HandleServerError = ({ kind, error, event }) =>
  reportFault(
    { kind, error },
    {
      method: event.request.method,
      path: event.url.pathname,
      routeId: event.route.id,
    },
  );
