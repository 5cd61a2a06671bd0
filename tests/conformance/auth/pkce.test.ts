import { describe, expect, it } from 'vitest';
import { serviceClient, signedInClient, uniqueEmail } from '../../support/stack.ts';
import { authFetch, claimsOf, clickLink, codeAndLink, mailTo, pkceClient } from './helpers.ts';

describe('auth: PKCE flow (as @supabase/ssr uses it)', () => {
  it('exchanges the code from a magic link for a session with exchangeCodeForSession', async () => {
    const { email, user } = await signedInClient();
    const client = pkceClient();
    const { error } = await client.auth.signInWithOtp({
      email,
      options: { emailRedirectTo: 'http://localhost:3000/auth/callback' },
    });
    expect(error).toBeNull();
    const { link } = codeAndLink(await mailTo(email, /Magic Link/));
    expect(new URL(link).searchParams.get('token')).toMatch(/^pkce_/);
    const to = await clickLink(link);
    expect(to.pathname).toBe('/auth/callback');
    expect(to.hash).toBe('');
    const code = to.searchParams.get('code')!;
    expect(code).toBeTruthy();
    const { data, error: exchangeError } = await client.auth.exchangeCodeForSession(code);
    expect(exchangeError).toBeNull();
    expect(data.user?.id).toBe(user.id);
    expect(claimsOf(data.session!.access_token).amr[0].method).toBe('magiclink');
    expect((await client.auth.getUser()).data.user?.id).toBe(user.id);
  });

  it('exchanges the code from a recovery link, and a code works only once', async () => {
    const { email, user } = await signedInClient();
    const client = pkceClient();
    await client.auth.resetPasswordForEmail(email, { redirectTo: 'http://localhost:3000/auth/callback' });
    const { link } = codeAndLink(await mailTo(email, /Reset Your Password/));
    const code = (await clickLink(link)).searchParams.get('code')!;
    const first = await client.auth.exchangeCodeForSession(code);
    expect(first.data.user?.id).toBe(user.id);
    expect(claimsOf(first.data.session!.access_token).amr[0].method).toBe('recovery');
    const res = await authFetch('/token?grant_type=pkce', {
      method: 'POST',
      body: JSON.stringify({ auth_code: code, code_verifier: 'x'.repeat(43) }),
      headers: { 'x-supabase-api-version': '2024-01-01' },
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).code).toBe('flow_state_not_found');
  });

  it('refuses a code verifier that does not match the challenge with bad_code_verifier', async () => {
    const email = uniqueEmail('pkce-wrong');
    await serviceClient().auth.admin.createUser({ email, email_confirm: true });
    await pkceClient().auth.signInWithOtp({ email });
    const { link } = codeAndLink(await mailTo(email, /Magic Link/));
    const code = (await clickLink(link)).searchParams.get('code')!;
    const res = await authFetch('/token?grant_type=pkce', {
      method: 'POST',
      body: JSON.stringify({ auth_code: code, code_verifier: 'not-the-verifier-'.padEnd(50, 'x') }),
      headers: { 'x-supabase-api-version': '2024-01-01' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).code).toBe('bad_code_verifier');
  });

  it('signs a new user up and in through a PKCE link from signInWithOtp', async () => {
    const email = uniqueEmail('pkce-new');
    const client = pkceClient();
    await client.auth.signInWithOtp({ email, options: { emailRedirectTo: 'http://localhost:3000/auth/callback' } });
    const { link } = codeAndLink(await mailTo(email, /Magic Link|Confirm Your Signup/));
    const code = (await clickLink(link)).searchParams.get('code')!;
    const { data, error } = await client.auth.exchangeCodeForSession(code);
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.email_confirmed_at).toBeTruthy();
  });
});
