// Every service reads tokens through one verifier, so a token that one refuses, all refuse. Each case
// is a token signed with the stack's secret (its signature is right) but unacceptable for another
// reason, sent as the Bearer to REST, storage, auth and functions; a well-formed token is the control.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceClient, stack, uniqueEmail } from '../../support/stack.ts';

/** The CLI's public demo secret, which the stack under test uses unless JWT_SECRET says otherwise. */
const secret = process.env.JWT_SECRET || 'super-secret-jwt-token-with-at-least-32-characters-long';

function sign(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(claims);
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}

const services: Record<string, (token: string) => Promise<Response>> = {
  rest: (token) =>
    fetch(`${stack.url}/rest/v1/businesses?select=id&limit=1`, {
      headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` },
    }),
  storage: (token) =>
    fetch(`${stack.url}/storage/v1/bucket`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` } }),
  auth: (token) =>
    fetch(`${stack.url}/auth/v1/user`, { headers: { apikey: stack.anonKey, authorization: `Bearer ${token}` } }),
  functions: (token) =>
    fetch(`${stack.url}/functions/v1/echo`, {
      method: 'POST',
      headers: { apikey: stack.anonKey, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    }),
};

/** Claims shaped like a GoTrue access token for a real user (auth looks the user up). */
async function userClaims(): Promise<Record<string, unknown>> {
  const { data, error } = await serviceClient().auth.admin.createUser({
    email: uniqueEmail('jwt'),
    email_confirm: true,
  });
  if (error) throw error;
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: data.user.id,
    role: 'authenticated',
    aud: 'authenticated',
    email: data.user.email,
    iat: now,
    exp: now + 600,
  };
}

const cases: Record<string, (claims: Record<string, unknown>) => string> = {
  'a string exp long past': (c) => sign({ ...c, exp: '1000' }),
  'an nbf an hour ahead': (c) => sign({ ...c, nbf: Math.floor(Date.now() / 1000) + 3600 }),
  'an audience other than authenticated': (c) => sign({ ...c, aud: 'some-other-service' }),
  'a signature with = appended': (c) => `${sign(c)}=`,
  'a payload with = appended': (c) => {
    const [h, b] = sign(c).split('.');
    const padded = `${b}=`;
    return `${h}.${padded}.${createHmac('sha256', secret).update(`${h}.${padded}`).digest('base64url')}`;
  },
};

describe('JWT verification shared by every service', () => {
  it('accepts a well-formed token everywhere (the control)', async () => {
    const token = sign(await userClaims());
    for (const [name, call] of Object.entries(services)) {
      expect({ name, status: (await call(token)).status }).toEqual({ name, status: 200 });
    }
  });

  for (const [label, make] of Object.entries(cases)) {
    it(`refuses a token with ${label} in REST, storage, auth and functions`, async () => {
      const token = make(await userClaims());
      for (const [name, call] of Object.entries(services)) {
        const res = await call(token);
        await res.body?.cancel();
        expect({ name, refused: res.status >= 400 && res.status < 500 }).toEqual({ name, refused: true });
      }
    });
  }

  it('refuses an expired token in every service', async () => {
    const token = sign({ ...(await userClaims()), exp: Math.floor(Date.now() / 1000) - 10 });
    for (const [name, call] of Object.entries(services)) {
      const res = await call(token);
      await res.body?.cancel();
      expect({ name, status: res.status >= 400 }).toEqual({ name, status: true });
    }
  });
});
