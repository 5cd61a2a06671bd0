// Shared helpers of the realtime conformance tests: users with self-minted JWTs (so expiry can be
// chosen), supabase-js clients acting as them, and promise wrappers around channel callbacks.
import { afterEach } from 'vitest';
import { createHmac, randomUUID } from 'node:crypto';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { anonClient, db, uniqueEmail } from '../../support/stack.ts';

// The CLI's well-known local secret (the stack's default); JWT_SECRET overrides it as for the stack.
const SECRET = process.env.JWT_SECRET || 'super-secret-jwt-token-with-at-least-32-characters-long';

export function signJwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

export interface TestUser {
  id: string;
  email: string;
  /** An access token as GoTrue would issue it, valid for `seconds`. */
  token(seconds?: number): string;
}

/** A user row in auth.users plus the means to mint their access tokens. */
export async function createUser(): Promise<TestUser> {
  const id = randomUUID();
  const email = uniqueEmail('rt');
  const c = await db();
  try {
    await c.query(
      `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
       values ($1, 'authenticated', 'authenticated', $2, now(), '{"provider":"email"}', '{}', now(), now())`,
      [id, email],
    );
  } finally {
    await c.end();
  }
  return {
    id,
    email,
    token(seconds = 3600) {
      const now = Math.floor(Date.now() / 1000);
      return signJwt({
        sub: id,
        role: 'authenticated',
        aud: 'authenticated',
        email,
        iat: now,
        exp: now + seconds,
        session_id: randomUUID(),
      });
    },
  };
}

/**
 * A supabase-js client whose realtime connection acts as `token` (the anon key when omitted). The
 * token goes through supabase-js's `accessToken` option, the way a third-party-auth app supplies
 * it; a function is called again on every `client.realtime.setAuth()` (token refresh).
 */
export async function clientAs(
  token?: string | (() => string),
  vsn?: '1.0.0' | '2.0.0',
): Promise<SupabaseClient<any, any, any>> {
  const realtime = vsn ? ({ realtime: { vsn } } as any) : {};
  if (!token) return anonClient(realtime);
  const current = typeof token === 'function' ? token : () => token;
  const client = anonClient({ ...realtime, accessToken: async () => current() });
  // Fetch the token before the first join, so the join carries it (as an app with a session does).
  await client.realtime.setAuth();
  return client;
}

/** Subscribes and resolves on SUBSCRIBED; rejects with the server's reason otherwise. */
export function subscribe(channel: RealtimeChannel, timeoutMs = 5000): Promise<RealtimeChannel> {
  return new Promise((resolve, reject) => {
    channel.subscribe((status, err) => {
      if (status === 'SUBSCRIBED') resolve(channel);
      else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(err ?? new Error(status));
    }, timeoutMs);
  });
}

/** Collects what a callback receives, with a way to wait for the n-th item. */
export class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Array<() => void> = [];
  push = (item: T): void => {
    this.items.push(item);
    for (const w of this.waiters.splice(0)) w();
  };
  async waitFor(n = 1, ms = 4000): Promise<T[]> {
    const end = Date.now() + ms;
    while (this.items.length < n) {
      const left = end - Date.now();
      if (left <= 0) throw new Error(`expected ${n} item(s) within ${ms} ms, got ${this.items.length}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.items;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A topic name no other test (or run) uses. */
export const topic = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

/** Clients a test file makes; their channels are removed after each test. */
export function trackedClientList(): SupabaseClient<any, any, any>[] {
  const clients: SupabaseClient<any, any, any>[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.removeAllChannels();
  });
  return clients;
}

/** `clientAs`, with the client tracked so its channels are removed after each test. */
export function trackedClients(): typeof clientAs {
  const clients = trackedClientList();
  return async (token, vsn) => {
    const c = await clientAs(token, vsn);
    clients.push(c);
    return c;
  };
}

/** Runs one statement on a short-lived superuser connection. */
export async function sql(text: string, values: unknown[] = []) {
  const c = await db();
  try {
    return await c.query(text, values);
  } finally {
    await c.end();
  }
}
