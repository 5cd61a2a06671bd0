// Nobody may learn whether an address has an account from the e-mail and sign-in endpoints: an
// unknown address gets the same status and body as a known one, meets the same limits, and takes
// comparable time. Timing is checked only to an order of magnitude (medians over several tries).
import { describe, expect, it } from 'vitest';
import { serviceClient, signedInClient, uniqueEmail } from '../../support/stack.ts';
import { authFetch } from './helpers.ts';

const octet = () => Math.floor(Math.random() * 250) + 1;
/** Each call as a client of its own, so the per-address limits never decide these answers. */
const asNewClient = () => ({
  'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}`,
  'x-supabase-api-version': '2024-01-01',
});

async function post(path: string, body: Record<string, unknown>) {
  const res = await authFetch(path, { method: 'POST', body: JSON.stringify(body), headers: asNewClient() });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  return { status: res.status, code: json?.code as string | undefined, text };
}

async function knownAddress(): Promise<string> {
  return (await signedInClient(uniqueEmail('enum-known'))).email;
}

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('auth: account enumeration', () => {
  it('answers /otp with create_user false alike for a known and an unknown address', async () => {
    const known = await post('/otp', { email: await knownAddress(), create_user: false });
    const unknown = await post('/otp', { email: uniqueEmail('enum-nobody'), create_user: false });
    expect(known.status).toBe(200);
    expect({ status: unknown.status, text: unknown.text }).toEqual({ status: known.status, text: known.text });
  });

  it('answers /recover and /resend alike for a known and an unknown address', async () => {
    for (const [path, extra] of [
      ['/recover', {}],
      ['/resend', { type: 'signup' }],
    ] as const) {
      const known = await post(path, { email: await knownAddress(), ...extra });
      const unknown = await post(path, { email: uniqueEmail('enum-nobody'), ...extra });
      expect({ path, status: unknown.status, text: unknown.text }).toEqual({
        path,
        status: known.status,
        text: known.text,
      });
    }
  });

  it('refuses a quick second mail alike for a known and an unknown address', async () => {
    for (const email of [await knownAddress(), uniqueEmail('enum-nobody')]) {
      await post('/recover', { email });
      const again = await post('/recover', { email });
      expect({ email, status: again.status, code: again.code }).toEqual({
        email,
        status: 429,
        code: 'over_email_send_rate_limit',
      });
    }
  });

  it('spends comparable time on a wrong password for an unknown address as for a known one', async () => {
    const tries = 8;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < tries; i++) {
      const email = uniqueEmail('enum-timing');
      await serviceClient().auth.admin.createUser({ email, password: 'correct-horse-battery', email_confirm: true });
      known.push(await timed(() => post('/token?grant_type=password', { email, password: 'wrong-horse-battery' })));
      unknown.push(
        await timed(() =>
          post('/token?grant_type=password', { email: uniqueEmail('enum-nobody'), password: 'wrong-horse-battery' }),
        ),
      );
    }
    console.log(`sign-in median: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`);
    expect(median(unknown)).toBeGreaterThanOrEqual(median(known) * 0.5);
  }, 60_000);

  it('spends comparable time on a recovery request for an unknown address as for a known one', async () => {
    const tries = 8;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < tries; i++) {
      const email = await knownAddress();
      known.push(await timed(() => post('/recover', { email })));
      unknown.push(await timed(() => post('/recover', { email: uniqueEmail('enum-nobody') })));
    }
    console.log(`recovery median: known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`);
    expect(median(unknown)).toBeGreaterThanOrEqual(median(known) * 0.5);
  }, 60_000);
});
