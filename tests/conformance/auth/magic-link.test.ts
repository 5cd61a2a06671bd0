import { describe, expect, it } from 'vitest';
import { anonClient, inbox, serviceClient, signedInClient, uniqueEmail } from '../../support/stack.ts';
import { claimsOf, clickLink, codeAndLink, mailTo } from './helpers.ts';

describe('auth: magic link and e-mail OTP', () => {
  it('signs an existing user in with the code from the magic-link mail', async () => {
    const { email, user } = await signedInClient();
    const client = anonClient();
    const { error } = await client.auth.signInWithOtp({ email });
    expect(error).toBeNull();
    const { otp } = codeAndLink(await mailTo(email, /Magic Link/));
    const { data, error: verifyError } = await client.auth.verifyOtp({ email, token: otp, type: 'email' });
    expect(verifyError).toBeNull();
    expect(data.user?.id).toBe(user.id);
    expect(claimsOf(data.session!.access_token).amr[0].method).toBe('otp');
  });

  it('signs an existing user in through the magic link itself', async () => {
    const { email, user } = await signedInClient();
    await anonClient().auth.signInWithOtp({ email, options: { emailRedirectTo: 'http://localhost:3000/welcome' } });
    const { link } = codeAndLink(await mailTo(email, /Magic Link/));
    const to = await clickLink(link);
    expect(to.pathname).toBe('/welcome');
    const fragment = new URLSearchParams(to.hash.slice(1));
    expect(fragment.get('type')).toBe('magiclink');
    expect(claimsOf(fragment.get('access_token')!).sub).toBe(user.id);
  });

  it('creates and confirms a new user who signs in with an e-mail code', async () => {
    const email = uniqueEmail('otp-new');
    const client = anonClient();
    const { error } = await client.auth.signInWithOtp({ email, options: { data: { via: 'otp' } } });
    expect(error).toBeNull();
    // Auto-confirming stacks send a magic link, the others a sign-up confirmation; both carry the code.
    const { otp } = codeAndLink(await mailTo(email, /Magic Link|Confirm Your Signup/));
    const { data } = await client.auth.verifyOtp({ email, token: otp, type: 'email' });
    expect(data.user?.email).toBe(email);
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect(data.user?.user_metadata).toEqual({ via: 'otp' });
  });

  it('answers a stranger as it answers a known address when create_user is false, creating and sending nothing', async () => {
    const email = uniqueEmail('otp-stranger');
    const { error } = await anonClient().auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(error).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbox(email)).toHaveLength(0);
    const { data } = await serviceClient().auth.admin.listUsers({ perPage: 1000 });
    expect(data.users.some((u) => u.email === email)).toBe(false);
  });

  it('refuses a wrong code with otp_expired', async () => {
    const { email } = await signedInClient();
    await anonClient().auth.signInWithOtp({ email });
    const { otp } = codeAndLink(await mailTo(email, /Magic Link/));
    const wrong = otp === '000000' ? '111111' : '000000';
    const { error } = await anonClient().auth.verifyOtp({ email, token: wrong, type: 'email' });
    expect(error?.status).toBe(403);
    expect(error?.code).toBe('otp_expired');
  });

  it('refuses a second mail within the minimum interval with over_email_send_rate_limit', async () => {
    const { email } = await signedInClient();
    await anonClient().auth.signInWithOtp({ email });
    const { error } = await anonClient().auth.signInWithOtp({ email });
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('over_email_send_rate_limit');
  });
});
