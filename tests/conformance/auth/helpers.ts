// Small helpers the auth conformance tests share: JWT payloads, the codes in e-mails, PKCE clients.
import { createClient } from '@supabase/supabase-js';
import { inbox, stack } from '../../support/stack.ts';

export function claimsOf(jwt: string): Record<string, any> {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/** Waits for an e-mail to `to` whose subject matches, newest first. */
export async function mailTo(to: string, subject: RegExp, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const found = (await inbox(to)).find((m) => subject.test(m.Subject));
    if (found) return found;
    if (Date.now() > end) throw new Error(`no e-mail to ${to} with subject ${subject} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The 6-digit code and the verification link of an auth e-mail. */
export function codeAndLink(mail: { Text: string }): { otp: string; link: string } {
  const otp = /code: (\d{6})/.exec(mail.Text)?.[1];
  const link = /(http\S+\/auth\/v1\/verify\?\S+)/.exec(mail.Text)?.[1];
  if (!otp || !link) throw new Error(`mail has no code or link:\n${mail.Text}`);
  return { otp, link };
}

/** Follows an e-mailed link the way a browser's first hop does, returning where auth redirects. */
export async function clickLink(link: string): Promise<URL> {
  const res = await fetch(link, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`expected a 303 from ${link}, got ${res.status}`);
  return new URL(res.headers.get('location')!);
}

/** A storage that lives in memory (what @supabase/ssr gives auth-js, minus the cookies). */
export function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

/** A client configured as @supabase/ssr configures it: the PKCE flow with its own storage. */
export function pkceClient(headers: Record<string, string> = {}) {
  return createClient(stack.url, stack.anonKey, {
    auth: {
      flowType: 'pkce',
      storage: memoryStorage(),
      persistSession: true,
      autoRefreshToken: false,
      detectSessionInUrl: false,
    },
    global: { headers },
  });
}

/** A plain (implicit-flow) client that keeps its session in memory. */
export function sessionClient(headers: Record<string, string> = {}) {
  return createClient(stack.url, stack.anonKey, {
    auth: { storage: memoryStorage(), persistSession: true, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers },
  });
}

/** Raw call to /auth/v1 with the anon key, for the few things supabase-js does not expose. */
export async function authFetch(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  headers.set('apikey', stack.anonKey);
  headers.set('authorization', `Bearer ${init.token ?? stack.anonKey}`);
  if (init.body) headers.set('content-type', 'application/json');
  return fetch(`${stack.url}/auth/v1${path}`, { ...init, headers });
}
