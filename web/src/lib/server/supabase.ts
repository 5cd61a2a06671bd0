// The per-request Supabase client. It reads the session from the request's cookies and writes any
// refreshed or new session back through SvelteKit's cookies, so server-side auth (PKCE included) works
// without JavaScript in the browser. Never share one between requests.
import { createServerClient } from '@supabase/ssr';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
import { PUBLIC_SUPABASE_ANON_KEY, PUBLIC_SUPABASE_URL } from '$app/env/public';
import type { Database } from '#lib/database.types.ts';

/** A client typed by the generated schema (scripts/gen-types.ts), so queries are checked. */
export type Supabase = SupabaseClient<Database>;

interface RequestContext {
  cookies: Cookies;
  url: URL;
  setHeaders: (headers: Record<string, string>) => void;
  getClientAddress: () => string;
}

/**
 * Every call to Supabase comes from this server, so Auth would rate-limit all our users as one address.
 * Passing the visitor's address on lets a gateway that trusts this server (the local stack with
 * STACK_TRUSTED_PROXIES, as `npm start` sets it; a self-hosted proxy) limit each visitor separately; a gateway
 * that does not trust it changes nothing.
 */
function forwardedFor(getClientAddress: () => string): Record<string, string> {
  try {
    return { 'X-Forwarded-For': getClientAddress() };
  } catch {
    return {};
  }
}

function settings(): { url: string; key: string } {
  if (!PUBLIC_SUPABASE_URL || !PUBLIC_SUPABASE_ANON_KEY) {
    throw new Error('PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY must be set (see `npm run stack`)');
  }
  return { url: PUBLIC_SUPABASE_URL, key: PUBLIC_SUPABASE_ANON_KEY };
}

export function createRequestClient({ cookies, url, setHeaders, getClientAddress }: RequestContext): Supabase {
  const supabase = settings();
  // The browser never reads the session itself (no supabase-js on the client yet), so the cookies are
  // httpOnly; `secure` follows the scheme so plain-http local stacks and tests work.
  const secure = url.protocol === 'https:';
  let headersSent = false;
  return createServerClient<Database>(supabase.url, supabase.key, {
    global: { headers: forwardedFor(getClientAddress) },
    cookies: {
      getAll: () => cookies.getAll(),
      setAll(toSet, headers) {
        for (const { name, value, options } of toSet) {
          cookies.set(name, value, { ...options, path: '/', httpOnly: true, secure });
        }
        // The library asks that responses carrying a session are never cached by a proxy.
        if (!headersSent && Object.keys(headers).length) {
          headersSent = true;
          setHeaders(headers);
        }
      },
    },
  });
}

/** Deletes this browser's Supabase session cookies (including chunked ones and the PKCE verifier). */
export function forgetSession(cookies: Cookies): void {
  for (const { name } of cookies.getAll()) {
    if (/^sb-.+-auth-token/.test(name)) cookies.delete(name, { path: '/' });
  }
}
