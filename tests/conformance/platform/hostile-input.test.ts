// Inputs the attack runs' fuzzer turned into 5xx outside REST, each now a clear 4xx (or a clamped 200):
// a NUL character in an auth body (e-mail, password, any field), and absurd storage list offsets.
import { describe, expect, it } from 'vitest';
import { serviceClient, stack } from '../../support/stack.ts';

const auth = (path: string, body: unknown) =>
  fetch(`${stack.url}/auth/v1${path}`, {
    method: 'POST',
    headers: {
      apikey: stack.anonKey,
      'content-type': 'application/json',
      'x-forwarded-for': `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
    body: JSON.stringify(body),
  });

describe('auth: NUL in a request body', () => {
  for (const [path, body] of [
    ['/signup', { email: 'a\u0000b@example.test', password: 'long-enough-password' }],
    ['/signup', { email: 'nul@example.test', password: 'pass\u0000word-long' }],
    ['/token?grant_type=password', { email: 'a\u0000@example.test', password: 'x' }],
    ['/otp', { email: '\u0000@example.test' }],
    ['/recover', { email: 'x@example.test\u0000' }],
    ['/magiclink', { email: 'x@example.test', data: { 'k\u0000': 1 } }],
  ] as const) {
    it(`answers ${path} with a NUL in ${JSON.stringify(body).includes('\\u0000@') ? 'the e-mail' : 'a field'} with 400 validation_failed`, async () => {
      const r = await auth(path, body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ error_code: 'validation_failed' });
    });
  }
});

describe('storage: list offsets past int4', () => {
  it('clamps an offset of 1e20 instead of failing in the database', async () => {
    const r = await fetch(`${stack.url}/storage/v1/object/list/cf-public`, {
      method: 'POST',
      headers: {
        apikey: stack.anonKey,
        authorization: `Bearer ${stack.serviceRoleKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ prefix: '', offset: 1e20, limit: 1e20 }),
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual([]);
    const { error } = await serviceClient()
      .storage.from('cf-public')
      .list('', { offset: 2 ** 40 });
    expect(error).toBeNull();
  });
});

describe('storage: numbers and names past what the backend holds', () => {
  const headers = { apikey: stack.anonKey, authorization: `Bearer ${stack.serviceRoleKey}` };
  it('answers a bucket list limit or offset past 2^53 with 400', async () => {
    for (const q of ['limit=1e20', 'offset=1e20', 'limit=9223372036854775808']) {
      const r = await fetch(`${stack.url}/storage/v1/bucket?${q}`, { headers });
      expect(r.status, q).toBe(400);
      expect((await r.json()).code, q).toBe('InvalidRequest');
    }
  });

  it('answers an object key over 1,024 bytes, or with a segment over 255, with 400 InvalidKey', async () => {
    for (const name of [`dir/${'x'.repeat(300)}`, `${'a/'.repeat(520)}b`]) {
      const r = await fetch(`${stack.url}/storage/v1/object/cf-public/${name}`, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'text/plain' },
        body: 'x',
      });
      expect(r.status).toBe(400);
      expect((await r.json()).code).toBe('InvalidKey');
    }
    const ok = await serviceClient()
      .storage.from('cf-public')
      .upload(`fuzz/${'y'.repeat(250)}`, 'x', { upsert: true });
    expect(ok.error).toBeNull();
  });
});
