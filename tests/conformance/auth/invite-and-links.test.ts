import { describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedInClient, stack, uniqueEmail } from '../../support/stack.ts';
import { claimsOf, clickLink, codeAndLink, mailTo } from './helpers.ts';

describe('auth: invitations and generated links', () => {
  it('invites a user by e-mail whose code then signs them in and confirms them', async () => {
    const email = uniqueEmail('invitee');
    const { data, error } = await serviceClient().auth.admin.inviteUserByEmail(email, {
      data: { business: 'happy-paws' },
    });
    expect(error).toBeNull();
    expect(data.user?.invited_at).toBeTruthy();
    expect(data.user?.email_confirmed_at).toBeUndefined();
    const { otp, link } = codeAndLink(await mailTo(email, /invited/));
    expect(new URL(link).searchParams.get('type')).toBe('invite');
    const client = anonClient();
    const verified = await client.auth.verifyOtp({ email, token: otp, type: 'invite' });
    expect(verified.error).toBeNull();
    expect(verified.data.user?.email_confirmed_at).toBeTruthy();
    expect(verified.data.user?.user_metadata).toEqual({ business: 'happy-paws' });
    expect(claimsOf(verified.data.session!.access_token).amr[0].method).toBe('invite');
  });

  it('signs the invitee in through the invite link, with the session in the URL fragment', async () => {
    const email = uniqueEmail('invitee-link');
    const { data } = await serviceClient().auth.admin.inviteUserByEmail(email, {
      redirectTo: 'http://localhost:3000/join',
    });
    const to = await clickLink(codeAndLink(await mailTo(email, /invited/)).link);
    expect(to.pathname).toBe('/join');
    const fragment = new URLSearchParams(to.hash.slice(1));
    expect(fragment.get('type')).toBe('invite');
    expect(claimsOf(fragment.get('access_token')!).sub).toBe(data.user!.id);
  });

  it('refuses inviting an address that already has a confirmed user with email_exists', async () => {
    const { email } = await signedInClient();
    const { error } = await serviceClient().auth.admin.inviteUserByEmail(email);
    expect(error?.status).toBe(422);
    expect(error?.code).toBe('email_exists');
  });

  it('generates a magic link whose hashed token verifies without any e-mail being sent', async () => {
    const { email, user } = await signedInClient();
    const { data, error } = await serviceClient().auth.admin.generateLink({ type: 'magiclink', email });
    expect(error).toBeNull();
    expect(data.user?.id).toBe(user.id);
    expect(data.properties).toMatchObject({
      verification_type: 'magiclink',
      email_otp: expect.stringMatching(/^\d{6}$/),
    });
    expect(data.properties!.action_link).toContain(
      `${stack.url}/auth/v1/verify?token=${data.properties!.hashed_token}`,
    );
    const { data: verified } = await anonClient().auth.verifyOtp({
      token_hash: data.properties!.hashed_token,
      type: 'magiclink',
    });
    expect(verified.user?.id).toBe(user.id);
  });

  it('generates a sign-up link that creates an unconfirmed user, confirmed by its e-mail code', async () => {
    const email = uniqueEmail('gen-signup');
    const { data } = await serviceClient().auth.admin.generateLink({
      type: 'signup',
      email,
      password: 'correct-horse-battery',
    });
    expect(data.properties!.verification_type).toBe('signup');
    expect(data.user?.email_confirmed_at).toBeUndefined();
    const { data: verified } = await anonClient().auth.verifyOtp({
      email,
      token: data.properties!.email_otp,
      type: 'signup',
    });
    expect(verified.user?.email_confirmed_at).toBeTruthy();
    expect((await anonClient().auth.signInWithPassword({ email, password: 'correct-horse-battery' })).error).toBeNull();
  });

  it('generates recovery and invite links with their verification types', async () => {
    const { email } = await signedInClient();
    const recovery = await serviceClient().auth.admin.generateLink({ type: 'recovery', email });
    expect(recovery.data.properties!.verification_type).toBe('recovery');
    const invite = await serviceClient().auth.admin.generateLink({ type: 'invite', email: uniqueEmail('gen-invite') });
    expect(invite.data.properties!.verification_type).toBe('invite');
    expect(invite.data.user?.invited_at).toBeTruthy();
  });

  it('refuses a recovery link for an unknown address with user_not_found', async () => {
    const { error } = await serviceClient().auth.admin.generateLink({
      type: 'recovery',
      email: uniqueEmail('gen-nobody'),
    });
    expect(error?.status).toBe(404);
    expect(error?.code).toBe('user_not_found');
  });

  it('generates an e-mail change link that moves the user to the new address once verified', async () => {
    const { email, user } = await signedInClient();
    const next = uniqueEmail('gen-change');
    const { data, error } = await serviceClient().auth.admin.generateLink({
      type: 'email_change_new',
      email,
      newEmail: next,
    });
    expect(error).toBeNull();
    expect(data.properties!.verification_type).toBe('email_change');
    const { data: verified } = await anonClient().auth.verifyOtp({
      token_hash: data.properties!.hashed_token,
      type: 'email_change',
    });
    expect(verified.user?.id).toBe(user.id);
    expect(verified.user?.email).toBe(next);
  });
});
