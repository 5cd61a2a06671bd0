import { describe, expect, it } from 'vitest';
import { anonClient, inbox, signedInClient, stack, uniqueEmail } from '../../support/stack.ts';
import { authFetch, claimsOf, codeAndLink, mailTo } from './helpers.ts';

describe('auth: the signed-in user', () => {
  it('returns the user of the bearer token from getUser', async () => {
    const { client, user } = await signedInClient();
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);
    expect(data.user?.identities?.[0]?.provider).toBe('email');
  });

  it('refuses a token with a bad signature with bad_jwt', async () => {
    const { client } = await signedInClient();
    const jwt = (await client.auth.getSession()).data.session!.access_token;
    const forged = jwt.slice(0, -4) + (jwt.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const { error } = await anonClient().auth.getUser(forged);
    expect(error?.status).toBe(403);
    expect(error?.code).toBe('bad_jwt');
  });

  it('refuses a request without a bearer user token with no_authorization', async () => {
    const res = await fetch(`${stack.url}/auth/v1/user`, {
      headers: { apikey: stack.anonKey, 'x-supabase-api-version': '2024-01-01' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).code).toBe('no_authorization');
  });

  it('merges user metadata on updateUser and removes keys set to null', async () => {
    const { client } = await signedInClient();
    await client.auth.updateUser({ data: { a: 1, b: 2 } });
    const { data, error } = await client.auth.updateUser({ data: { b: null, c: 3 } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toEqual({ a: 1, c: 3 });
  });

  it('changes the password so that only the new one signs in', async () => {
    const { client, email, password } = await signedInClient();
    const { error } = await client.auth.updateUser({ password: 'a-brand-new-password' });
    expect(error).toBeNull();
    const old = await anonClient().auth.signInWithPassword({ email, password });
    expect(old.error?.code).toBe('invalid_credentials');
    const fresh = await anonClient().auth.signInWithPassword({ email, password: 'a-brand-new-password' });
    expect(fresh.error).toBeNull();
  });

  it('refuses a new password below the minimum length with weak_password', async () => {
    const { client } = await signedInClient();
    const { error } = await client.auth.updateUser({ password: 'tiny' });
    expect(error?.code).toBe('weak_password');
    expect(error?.status).toBe(422);
  });

  it('changes the e-mail only after both the old and the new address confirm', async () => {
    const { client, email } = await signedInClient();
    const next = uniqueEmail('changed');
    const { data, error } = await client.auth.updateUser({ email: next });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.new_email).toBe(next);
    const toNew = codeAndLink(await mailTo(next, /Email Change/));
    const toOld = codeAndLink(await mailTo(email, /Email Change/));

    const first = await client.auth.verifyOtp({ email: next, token: toNew.otp, type: 'email_change' });
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();
    expect((await client.auth.getUser()).data.user?.email).toBe(email);

    const second = await client.auth.verifyOtp({ email, token: toOld.otp, type: 'email_change' });
    expect(second.error).toBeNull();
    expect(second.data.user?.email).toBe(next);
    expect(claimsOf(second.data.session!.access_token).email).toBe(next);
  });

  it('refuses changing to an address another user has with email_exists', async () => {
    const other = await signedInClient();
    const { client } = await signedInClient();
    const { error } = await client.auth.updateUser({ email: other.email });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe('email_exists');
  });

  it('answers session_not_found once the session of the token is gone', async () => {
    const { client } = await signedInClient();
    const jwt = (await client.auth.getSession()).data.session!.access_token;
    await client.auth.signOut();
    const res = await authFetch('/user', { token: jwt, headers: { 'x-supabase-api-version': '2024-01-01' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).code).toBe('session_not_found');
  });
});

describe('auth: resending mails', () => {
  it('resends the confirmation of a pending e-mail change to the new address', async () => {
    const { client, email } = await signedInClient();
    const next = uniqueEmail('resend');
    await client.auth.updateUser({ email: next });
    await mailTo(next, /Email Change/);
    // The per-user minimum interval between mails is 1 s (max_frequency).
    await new Promise((r) => setTimeout(r, 1100));
    const { error } = await client.auth.resend({ type: 'email_change', email });
    expect(error).toBeNull();
    const toNew = (await inbox(next)).filter((m) => /Email Change/.test(m.Subject));
    expect(toNew).toHaveLength(2);
    expect(codeAndLink(toNew[0]).otp).not.toBe(codeAndLink(toNew[1]).otp);
  });
});
