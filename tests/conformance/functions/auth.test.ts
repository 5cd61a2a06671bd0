import { FunctionsHttpError } from '@supabase/supabase-js';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anonClient, stack } from '../../support/stack.ts';
import { functionUrl } from './support.ts';

/** An HS256 token signed with `secret` (the stack's is the CLI's demo secret). */
function jwt(claims: Record<string, unknown>, secret = 'super-secret-jwt-token-with-at-least-32-characters-long') {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

async function refusal(error: unknown) {
  expect(error).toBeInstanceOf(FunctionsHttpError);
  const res = (error as FunctionsHttpError).context as Response;
  return { status: res.status, body: await res.json() };
}

describe('functions: verify_jwt', () => {
  it('refuses a call without an Authorization header when verify_jwt is on', async () => {
    const res = await fetch(functionUrl('echo'), { method: 'POST', headers: { apikey: stack.anonKey } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ msg: 'Error: Missing authorization header' });
  });

  it('refuses a token signed with another secret', async () => {
    const forged = jwt(
      { sub: 'x', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 60 },
      'another-secret-another-secret-another-secret',
    );
    const { error } = await anonClient().functions.invoke('echo', { headers: { Authorization: `Bearer ${forged}` } });
    expect(await refusal(error)).toEqual({ status: 401, body: { msg: 'Invalid JWT' } });
  });

  it('refuses an expired token', async () => {
    const expired = jwt({ sub: 'x', role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 10 });
    const { error } = await anonClient().functions.invoke('echo', { headers: { Authorization: `Bearer ${expired}` } });
    expect(await refusal(error)).toEqual({ status: 401, body: { msg: 'Invalid JWT' } });
  });

  it('accepts the anon key as a valid JWT', async () => {
    const { data, error } = await anonClient().functions.invoke('echo', { body: {} });
    expect(error).toBeNull();
    expect(data.hasAuthorization).toBe(true);
  });

  it('lets a caller without any JWT reach a function whose verify_jwt is off', async () => {
    const res = await fetch(functionUrl('open'), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ open: true, hasAuthorization: false });
  });
});
