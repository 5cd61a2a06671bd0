import { describe, expect, it } from 'vitest';
import { db, signedInClient } from '../../support/stack.ts';
import { authFetch, claimsOf } from './helpers.ts';

async function refresh(token: string) {
  const res = await authFetch('/token?grant_type=refresh_token', {
    method: 'POST',
    body: JSON.stringify({ refresh_token: token }),
    headers: { 'x-supabase-api-version': '2024-01-01' },
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

describe('auth: refresh tokens', () => {
  it('rotates the refresh token and issues a new access token for the same session', async () => {
    const { client } = await signedInClient();
    const before = (await client.auth.getSession()).data.session!;
    const { data, error } = await client.auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session!.refresh_token).not.toBe(before.refresh_token);
    expect(claimsOf(data.session!.access_token).session_id).toBe(claimsOf(before.access_token).session_id);
    expect(data.user?.id).toBe(claimsOf(before.access_token).sub);
  });

  it('returns the active child when the just-rotated parent is reused within the reuse interval', async () => {
    const { client } = await signedInClient();
    const parent = (await client.auth.getSession()).data.session!.refresh_token;
    const first = await refresh(parent);
    expect(first.status).toBe(200);
    const again = await refresh(parent);
    expect(again.status).toBe(200);
    expect(again.body.refresh_token).toBe(first.body.refresh_token);
  });

  it('gives two concurrent refreshes of one token the same child (two tabs, one session)', async () => {
    const { client } = await signedInClient();
    const parent = (await client.auth.getSession()).data.session!.refresh_token;
    const [a, b] = await Promise.all([refresh(parent), refresh(parent)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.refresh_token).toBe(b.body.refresh_token);
  });

  it('revokes the whole session when a rotated token is reused after the interval', async () => {
    const { client } = await signedInClient();
    const parent = (await client.auth.getSession()).data.session!.refresh_token;
    const child = (await refresh(parent)).body.refresh_token as string;
    const conn = await db();
    try {
      // Age the parent's revocation past the 10 s reuse interval instead of sleeping.
      await conn.query(`update auth.refresh_tokens set updated_at = now() - interval '1 minute' where token = $1`, [
        parent,
      ]);
    } finally {
      await conn.end();
    }
    const reuse = await refresh(parent);
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('refresh_token_already_used');
    const childAfter = await refresh(child);
    expect(childAfter.status).toBe(400);
    expect(childAfter.body.code).toBe('refresh_token_already_used');
  });

  it('refuses an unknown refresh token with refresh_token_not_found', async () => {
    const { client } = await signedInClient();
    const { error } = await client.auth.refreshSession({ refresh_token: 'no-such-token' });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe('refresh_token_not_found');
  });
});
