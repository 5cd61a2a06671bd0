import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { stack } from '../../support/stack.ts';

describe('gateway', () => {
  it('answers a CORS preflight with the headers supabase-js sends', async () => {
    const res = await fetch(`${stack.url}/rest/v1/anything`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:3000',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'apikey, authorization, x-client-info, prefer',
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('prefer');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('allows any origin without credentials, as Kong answers for Supabase', async () => {
    const origin = 'https://evil.example.org';
    const preflight = await fetch(`${stack.url}/auth/v1/user`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'apikey, authorization',
      },
    });
    const answer = await fetch(`${stack.url}/rest/v1/`, {
      headers: { apikey: stack.anonKey, origin, cookie: 'sb-access-token=x' },
    });
    await answer.body?.cancel();
    for (const res of [preflight, answer]) {
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('refuses a REST request without an apikey as Kong does', async () => {
    const res = await fetch(`${stack.url}/rest/v1/`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'No API key found in request' });
  });

  it('refuses a REST request with an unknown apikey', async () => {
    const res = await fetch(`${stack.url}/rest/v1/`, { headers: { apikey: 'not-a-key' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Invalid authentication credentials' });
  });

  it('accepts the apikey as a query parameter', async () => {
    const res = await fetch(`${stack.url}/auth/v1/health?apikey=${stack.anonKey}`);
    expect(res.status).not.toBe(401);
  });

  it("answers unknown paths with Kong's no-route error", async () => {
    const res = await fetch(`${stack.url}/nothing/here`, { headers: { apikey: stack.anonKey } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'no Route matched with those values' });
  });

  it('exposes the headers the clients read to browsers', async () => {
    const res = await fetch(`${stack.url}/auth/v1/health`, {
      headers: { apikey: stack.anonKey, origin: 'http://localhost:3000' },
    });
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
  });

  it('listens on the loopback interface only', async () => {
    const port = Number(new URL(stack.url).port);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no non-loopback address on this machine: nothing else could reach it either
    const outcome = await new Promise<string>((resolve) => {
      const s = connect({ host: external.address, port, timeout: 1000 });
      s.on('connect', () => {
        s.destroy();
        resolve('connected');
      });
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      s.on('timeout', () => {
        s.destroy();
        resolve('timeout');
      });
    });
    expect(outcome).not.toBe('connected');
  });
});
