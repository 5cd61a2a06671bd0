// Sign-up when the stack requires e-mail confirmation ([auth.email] enable_confirmations, or
// AUTH_EMAIL_CONFIRMATIONS=true). Skipped on stacks that auto-confirm; signup.test.ts covers those.
import { describe, expect, it } from 'vitest';
import { anonClient, uniqueEmail } from '../../support/stack.ts';
import { authFetch, claimsOf, clickLink, codeAndLink, mailTo } from './helpers.ts';

const settings = (await (await authFetch('/settings')).json()) as { mailer_autoconfirm: boolean };

describe.runIf(!settings.mailer_autoconfirm)('auth: sign-up with e-mail confirmation', () => {
  it('returns the user without a session and mails a confirmation link that signs them in', async () => {
    const email = uniqueEmail('confirm');
    const { data, error } = await anonClient().auth.signUp({
      email,
      password: 'correct-horse-battery',
      options: { emailRedirectTo: 'http://localhost:3000/welcome' },
    });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.confirmation_sent_at).toBeTruthy();

    const early = await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    expect(early.error?.code).toBe('email_not_confirmed');

    const to = await clickLink(codeAndLink(await mailTo(email, /Confirm Your Signup/)).link);
    expect(to.pathname).toBe('/welcome');
    const fragment = new URLSearchParams(to.hash.slice(1));
    expect(fragment.get('type')).toBe('signup');
    expect(claimsOf(fragment.get('access_token')!).sub).toBe(data.user!.id);
    expect((await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' })).error).toBeNull();
  });

  it('does not reveal a taken address: a repeated sign-up gets a look-alike user with no identities', async () => {
    const email = uniqueEmail('confirm-twice');
    const first = await anonClient().auth.signUp({ email, password: 'correct-horse-battery' });
    const { otp } = codeAndLink(await mailTo(email, /Confirm Your Signup/));
    await anonClient().auth.verifyOtp({ email, token: otp, type: 'signup' });
    const { data, error } = await anonClient().auth.signUp({ email, password: 'correct-horse-battery' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user?.id).not.toBe(first.data.user!.id);
    expect(data.user?.identities).toEqual([]);
  });
});
