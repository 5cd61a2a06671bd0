import { describe, expect, it } from 'vitest';
import { stack } from '../../support/stack.ts';
import { authFetch } from './helpers.ts';

describe('auth: settings, health and keys', () => {
  it('describes the enabled providers and sign-up settings at /settings', async () => {
    const res = await authFetch('/settings');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.external.email).toBe(true);
    expect(body.external.phone).toBe(false);
    expect(typeof body.disable_signup).toBe('boolean');
    expect(typeof body.mailer_autoconfirm).toBe('boolean');
  });

  it('reports health at /health', async () => {
    const res = await authFetch('/health');
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).name).toBe('GoTrue');
  });

  it('publishes an empty key set for HS256 at /.well-known/jwks.json without an API key', async () => {
    const res = await fetch(`${stack.url}/auth/v1/.well-known/jwks.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ keys: [] });
  });

  it('answers features the local stack lacks with a loud 501 in GoTrue error shape', async () => {
    const res = await authFetch('/factors', {
      method: 'POST',
      body: '{}',
      headers: { 'x-supabase-api-version': '2024-01-01' },
    });
    expect(res.status).toBe(501);
    expect(((await res.json()) as any).code).toBe('not_implemented');
  });
});
