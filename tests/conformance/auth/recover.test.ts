import { describe, expect, it } from 'vitest';
import { anonClient, inbox, signedInClient, uniqueEmail } from '../../support/stack.ts';
import { claimsOf, clickLink, codeAndLink, mailTo } from './helpers.ts';

describe('auth: password recovery', () => {
  it('mails a code that verifyOtp turns into a recovery session, after which the password can be changed', async () => {
    const { email } = await signedInClient();
    const client = anonClient();
    const { error } = await client.auth.resetPasswordForEmail(email, { redirectTo: 'http://localhost:3000/reset' });
    expect(error).toBeNull();
    const mail = await mailTo(email, /Reset Your Password/);
    const { otp, link } = codeAndLink(mail);
    expect(new URL(link).searchParams.get('type')).toBe('recovery');
    expect(new URL(link).searchParams.get('redirect_to')).toBe('http://localhost:3000/reset');

    const verified = await client.auth.verifyOtp({ email, token: otp, type: 'recovery' });
    expect(verified.error).toBeNull();
    expect(claimsOf(verified.data.session!.access_token).amr[0].method).toBe('recovery');
    const { error: updateError } = await client.auth.updateUser({ password: 'recovered-password' });
    expect(updateError).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password: 'recovered-password' })).error).toBeNull();
  });

  it('accepts a code only once', async () => {
    const { email } = await signedInClient();
    await anonClient().auth.resetPasswordForEmail(email);
    const { otp } = codeAndLink(await mailTo(email, /Reset Your Password/));
    expect((await anonClient().auth.verifyOtp({ email, token: otp, type: 'recovery' })).error).toBeNull();
    const again = await anonClient().auth.verifyOtp({ email, token: otp, type: 'recovery' });
    expect(again.error?.status).toBe(403);
    expect(again.error?.code).toBe('otp_expired');
  });

  it('redirects the mailed link to redirect_to with the session in the URL fragment', async () => {
    const { email, user } = await signedInClient();
    await anonClient().auth.resetPasswordForEmail(email, { redirectTo: 'http://localhost:3000/reset' });
    const { link } = codeAndLink(await mailTo(email, /Reset Your Password/));
    const to = await clickLink(link);
    expect(`${to.origin}${to.pathname}`).toBe('http://localhost:3000/reset');
    const fragment = new URLSearchParams(to.hash.slice(1));
    expect(fragment.get('type')).toBe('recovery');
    expect(fragment.get('token_type')).toBe('bearer');
    expect(claimsOf(fragment.get('access_token')!).sub).toBe(user.id);
    const { data } = await anonClient().auth.refreshSession({ refresh_token: fragment.get('refresh_token')! });
    expect(data.user?.id).toBe(user.id);
  });

  it('redirects an expired or reused link with otp_expired in the fragment', async () => {
    const { email } = await signedInClient();
    await anonClient().auth.resetPasswordForEmail(email, { redirectTo: 'http://localhost:3000/reset' });
    const { link } = codeAndLink(await mailTo(email, /Reset Your Password/));
    await clickLink(link);
    const second = new URLSearchParams((await clickLink(link)).hash.slice(1));
    expect(second.get('error')).toBe('access_denied');
    expect(second.get('error_code')).toBe('otp_expired');
  });

  it('falls back to the site URL when redirect_to is not an allowed URL', async () => {
    const { email } = await signedInClient();
    await anonClient().auth.resetPasswordForEmail(email, { redirectTo: 'https://evil.example.org/steal' });
    const { link } = codeAndLink(await mailTo(email, /Reset Your Password/));
    const target = new URL(new URL(link).searchParams.get('redirect_to')!);
    expect(target.hostname).not.toBe('evil.example.org');
    expect(target.pathname).not.toBe('/steal');
  });

  it('falls back to the site URL for another scheme or port on the site URL host', async () => {
    const redirectOf = async (redirectTo?: string) => {
      const { email } = await signedInClient();
      await anonClient().auth.resetPasswordForEmail(email, redirectTo ? { redirectTo } : {});
      const { link } = codeAndLink(await mailTo(email, /Reset Your Password/));
      return { link, target: new URL(link).searchParams.get('redirect_to')! };
    };
    const site = new URL((await redirectOf()).target);
    const otherPort = String(Number(site.port || 80) + 1);
    for (const foreign of [
      `javascript://${site.host}/%0aalert(document.cookie)`,
      `http://${site.hostname}:${otherPort}/steal`,
    ]) {
      const { link, target } = await redirectOf(foreign);
      expect(new URL(target).origin).toBe(site.origin);
      const landed = await clickLink(link);
      expect(landed.origin).toBe(site.origin);
      expect(landed.pathname).not.toBe('/steal');
    }
  });

  it('answers an unknown address without error and sends nothing', async () => {
    const email = uniqueEmail('nobody');
    const { error } = await anonClient().auth.resetPasswordForEmail(email);
    expect(error).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(await inbox(email)).toHaveLength(0);
  });
});
