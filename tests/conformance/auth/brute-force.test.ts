// Guessing a code or a password must not get easier with more client addresses: wrong guesses count
// per e-mail address, whichever address they come from. The test stack sets AUTH_OTP_MAX_ATTEMPTS and
// AUTH_SIGN_IN_MAX_FAILURES to 5 (the defaults); each guess here comes from an address of its own.
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { anonClient, serviceClient, signedInClient, stack, uniqueEmail } from '../../support/stack.ts';
import { codeAndLink, mailTo } from './helpers.ts';

const LIMIT = 5;
const octet = () => Math.floor(Math.random() * 250) + 1;
const freshAddress = () => `192.0.2.${octet()}, 10.${octet()}.${octet()}.${octet()}`;

function fromNewAddress() {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { 'x-forwarded-for': freshAddress() } },
  });
}

/** `n` six-digit codes that are all different from `right`. */
const wrongCodes = (right: string, n: number) =>
  Array.from({ length: n }, (_, i) => String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'));

async function mailedCode(email: string): Promise<string> {
  const { error } = await anonClient().auth.signInWithOtp({ email });
  expect(error).toBeNull();
  return codeAndLink(await mailTo(email, /Magic Link/)).otp;
}

describe('auth: brute force', () => {
  it('voids an e-mailed code after five wrong guesses from different addresses', async () => {
    const { email } = await signedInClient();
    const otp = await mailedCode(email);
    for (const wrong of wrongCodes(otp, LIMIT)) {
      const { error } = await fromNewAddress().auth.verifyOtp({ email, token: wrong, type: 'email' });
      expect(error?.code).toBe('otp_expired');
    }
    const { data, error } = await fromNewAddress().auth.verifyOtp({ email, token: otp, type: 'email' });
    expect(error?.status).toBe(403);
    expect(error?.code).toBe('otp_expired');
    expect(data.session).toBeNull();
  });

  it('still accepts the right code after fewer wrong guesses than the limit, and a new code after a voided one', async () => {
    const { email, user } = await signedInClient();
    const otp = await mailedCode(email);
    for (const wrong of wrongCodes(otp, LIMIT - 1))
      await fromNewAddress().auth.verifyOtp({ email, token: wrong, type: 'email' });
    const kept = await fromNewAddress().auth.verifyOtp({ email, token: otp, type: 'email' });
    expect(kept.error).toBeNull();
    expect(kept.data.user?.id).toBe(user.id);

    await new Promise((r) => setTimeout(r, 1100)); // the per-user mail interval
    const next = await mailedCode(email);
    for (const wrong of wrongCodes(next, LIMIT))
      await fromNewAddress().auth.verifyOtp({ email, token: wrong, type: 'email' });
    await new Promise((r) => setTimeout(r, 1100));
    const last = await mailedCode(email);
    const again = await fromNewAddress().auth.verifyOtp({ email, token: last, type: 'email' });
    expect(again.error).toBeNull();
  });

  it('locks an account after five wrong passwords from different addresses, refusing even the right one', async () => {
    const email = uniqueEmail('lockout');
    await serviceClient().auth.admin.createUser({ email, password: 'correct-horse-battery', email_confirm: true });
    for (let i = 0; i < LIMIT; i++) {
      const { error } = await fromNewAddress().auth.signInWithPassword({ email, password: `guess-${i}-password` });
      expect(error?.code).toBe('invalid_credentials');
    }
    const { data, error } = await fromNewAddress().auth.signInWithPassword({
      email,
      password: 'correct-horse-battery',
    });
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('over_request_rate_limit');
    expect(data.session).toBeNull();
  });

  it('locks an unknown address the same way, so a lockout tells nothing about who has an account', async () => {
    const email = uniqueEmail('lockout-nobody');
    for (let i = 0; i < LIMIT; i++)
      await fromNewAddress().auth.signInWithPassword({ email, password: `guess-${i}-password` });
    const { error } = await fromNewAddress().auth.signInWithPassword({ email, password: 'correct-horse-battery' });
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('over_request_rate_limit');
  });

  it('forgets earlier failures once the right password signs in', async () => {
    const { email, password } = await signedInClient(uniqueEmail('lockout-reset'));
    const guess = () => fromNewAddress().auth.signInWithPassword({ email, password: 'not-the-password' });
    for (let i = 0; i < LIMIT - 1; i++) await guess();
    expect((await fromNewAddress().auth.signInWithPassword({ email, password })).error).toBeNull();
    for (let i = 0; i < LIMIT - 1; i++) await guess();
    expect((await fromNewAddress().auth.signInWithPassword({ email, password })).error).toBeNull();
  });
});
