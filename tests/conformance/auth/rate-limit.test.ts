// The limits are per client address. The test stack trusts X-Forwarded-For from loopback peers
// (STACK_TRUSTED_PROXIES in tests/run.ts; dev and production trust nobody) and reads only its last hop,
// so each test here plays a client of its own and never throttles the rest of the suite. The limits themselves come from the stack's config (AUTH_RATE_LIMIT_* on the
// test stack); each test keeps calling until it is throttled, up to a bound above the configured limit.
import { createClient } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { stack, uniqueEmail } from '../../support/stack.ts';
import { authFetch } from './helpers.ts';

const fakeIp = () =>
  `198.51.100.${Math.floor(Math.random() * 250) + 1}, 10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

function clientFrom(ip: string) {
  return createClient(stack.url, stack.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: { 'x-forwarded-for': ip } },
  });
}

/** Sends `send()` in small parallel batches until one answer is 429; returns how many went through. */
async function untilThrottled(send: () => Promise<Response>, bound: number): Promise<{ allowed: number; last: any }> {
  let allowed = 0;
  while (allowed < bound) {
    const batch = await Promise.all(Array.from({ length: 10 }, send));
    for (const res of batch) {
      if (res.status === 429) return { allowed, last: await res.json() };
      allowed++;
    }
  }
  throw new Error(`not throttled after ${bound} requests`);
}

const json = { 'x-supabase-api-version': '2024-01-01' };

describe('auth: rate limits', () => {
  it('throttles sign-in attempts from one address with over_request_rate_limit, and only that address', async () => {
    const ip = fakeIp();
    // Attempts without a password count like any other but skip the bcrypt round every real attempt
    // costs (unknown addresses included), so a thousand of them fit in the test's time; a new address
    // each time keeps the per-account lockout (brute-force.test.ts) out of the way.
    const body = () => JSON.stringify({ email: uniqueEmail('rl-nobody') });
    const { allowed, last } = await untilThrottled(
      () =>
        authFetch('/token?grant_type=password', {
          method: 'POST',
          body: body(),
          headers: { ...json, 'x-forwarded-for': ip },
        }),
      1100,
    );
    expect(allowed).toBeGreaterThan(0);
    expect(last.code).toBe('over_request_rate_limit');
    const throttled = await clientFrom(ip).auth.signInWithPassword({
      email: uniqueEmail('rl'),
      password: 'whatever-password',
    });
    expect(throttled.error?.status).toBe(429);
    expect(throttled.error?.code).toBe('over_request_rate_limit');
    const other = await clientFrom(fakeIp()).auth.signInWithPassword({
      email: uniqueEmail('rl'),
      password: 'whatever-password',
    });
    expect(other.error?.code).toBe('invalid_credentials');
  }, 60_000);

  it('throttles token verification attempts from one address', async () => {
    const ip = fakeIp();
    const body = JSON.stringify({ type: 'magiclink', token_hash: 'f'.repeat(56) });
    const { last } = await untilThrottled(
      () => authFetch('/verify', { method: 'POST', body, headers: { ...json, 'x-forwarded-for': ip } }),
      1100,
    );
    expect(last.code).toBe('over_request_rate_limit');
  }, 60_000);

  it('counts only the last X-Forwarded-For hop, so a client cannot pick a new address per request', async () => {
    const lastHop = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const body = JSON.stringify({ type: 'magiclink', token_hash: 'e'.repeat(56) });
    const octet = () => Math.floor(Math.random() * 256);
    const rotating = () => `100.64.${octet()}.${octet()}, ${lastHop}`;
    const { last } = await untilThrottled(
      () => authFetch('/verify', { method: 'POST', body, headers: { ...json, 'x-forwarded-for': rotating() } }),
      1100,
    );
    expect(last.code).toBe('over_request_rate_limit');
  }, 60_000);

  it('throttles e-mails sent on behalf of one address with over_email_send_rate_limit', async () => {
    const ip = fakeIp();
    const { allowed, last } = await untilThrottled(
      () =>
        authFetch('/otp', {
          method: 'POST',
          body: JSON.stringify({ email: uniqueEmail('rl-mail') }),
          headers: { ...json, 'x-forwarded-for': ip },
        }),
      260,
    );
    expect(allowed).toBeGreaterThan(0);
    expect(last.code).toBe('over_email_send_rate_limit');
    const { error } = await clientFrom(fakeIp()).auth.signInWithOtp({ email: uniqueEmail('rl-mail-other') });
    expect(error).toBeNull();
  }, 60_000);
});
