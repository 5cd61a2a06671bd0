// Shared by the REST conformance tests: clients on the `conformance` schema, users made directly in
// auth.users with JWTs signed like GoTrue's (so RLS can be exercised without the auth service), and raw
// fetch for what supabase-js does not expose (HEAD status, headers, CSV, bad tokens).
import { createHmac, randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { anonClient, db, serviceClient, stack } from '../../support/stack.ts';

/** The CLI's public demo secret, which the stack under test uses unless JWT_SECRET says otherwise. */
const secret = () => process.env.JWT_SECRET || 'super-secret-jwt-token-with-at-least-32-characters-long';

export function signJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(claims);
  return `${head}.${body}.${createHmac('sha256', secret()).update(`${head}.${body}`).digest('base64url')}`;
}

/** Client options selecting a schema (the shared Options type only knows `public`). */
export const onSchema = (schema: string) => ({ db: { schema } }) as unknown as Parameters<typeof anonClient>[0];
export const anon = () => anonClient(onSchema('conformance'));
export const service = () => serviceClient(onSchema('conformance'));

/** A client whose requests carry `token` as the Bearer (supabase-js's accessToken option). */
export function clientWithToken(token: string): SupabaseClient<any, any, any> {
  return createClient(stack.url, stack.anonKey, {
    db: { schema: 'conformance' },
    accessToken: async () => token,
  });
}

/** A user row in auth.users and a client acting as that user (role authenticated). */
export async function userClient(): Promise<{ id: string; client: SupabaseClient<any, any, any> }> {
  const id = randomUUID();
  const c = await db();
  try {
    await c.query(`insert into auth.users (id, email, aud, role) values ($1, $2, 'authenticated', 'authenticated')`, [
      id,
      `${id}@example.test`,
    ]);
  } finally {
    await c.end();
  }
  const token = signJwt({
    sub: id,
    role: 'authenticated',
    aud: 'authenticated',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  return { id, client: clientWithToken(token) };
}

/** A raw request to /rest/v1 with the anon key and the conformance profile. */
export function rest(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const profile = method === 'GET' || method === 'HEAD' ? 'Accept-Profile' : 'Content-Profile';
  return fetch(`${stack.url}/rest/v1${path}`, {
    ...init,
    headers: {
      apikey: stack.anonKey,
      [profile]: 'conformance',
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
  });
}

/** A unique tag for rows a test writes, so parallel files never see each other's rows. */
export const unique = (prefix = 't') =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
