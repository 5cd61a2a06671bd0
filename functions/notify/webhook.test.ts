// Outbound webhooks against a real HTTP receiver on loopback that verifies every delivery with the
// `standardwebhooks` library, as a business's server would.
import { Webhook } from 'standardwebhooks';
import { assert, assertEquals, assertRejects, assertStringIncludes } from './testing.ts';
import { dispatch, type Claimed, type Outcome, type Store } from './dispatch.ts';
import type { Mailer } from './email.ts';
import { blockedAddress, checkTarget, sendWebhook, WebhookError } from './webhook.ts';

const SECRET = 'whsec_' + btoa('s'.repeat(32));
const OTHER = 'whsec_' + btoa('o'.repeat(32));

interface Received {
  id: string;
  verified: boolean;
  body: Record<string, unknown>;
}

/** A receiver that verifies with `secret` and answers `statuses` in turn (then 200). */
function receiver(secret: string, statuses: number[] = []) {
  const got: Received[] = [];
  const hook = new Webhook(secret);
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, async (req) => {
    const text = await req.text();
    let verified = true;
    try {
      hook.verify(text, Object.fromEntries(req.headers));
    } catch {
      verified = false;
    }
    got.push({ id: req.headers.get('webhook-id') ?? '', verified, body: JSON.parse(text) });
    if (!verified) return new Response('bad signature', { status: 401 });
    return new Response('ok', { status: statuses.shift() ?? 200 });
  });
  const url = `http://127.0.0.1:${server.addr.port}/hooks/pawcentral`;
  return { got, url, stop: () => server.shutdown() };
}

const event = {
  id: 'evt_1',
  type: 'booking.checked_in',
  created_at: '2026-12-06T08:00:00Z',
  data: { pet_name: 'Rex' },
};
const open = { allowPrivateHosts: true, timeoutMs: 2000 };

Deno.test('a delivery is signed so that the receiver verifies it with the library; the body is the event', async () => {
  const r = receiver(SECRET);
  try {
    const res = await sendWebhook('n-1', { id: 'e', url: r.url, secret: SECRET }, event, open);
    assertEquals(res.status, 200);
    assertEquals(r.got.length, 1);
    assert(r.got[0].verified);
    assertEquals(r.got[0].id, 'n-1');
    assertEquals(r.got[0].body, event);
  } finally {
    await r.stop();
  }
});

Deno.test('a receiver holding another secret refuses the delivery, and the dispatcher sees its status', async () => {
  const r = receiver(OTHER);
  try {
    const err = (await assertRejects(
      () => sendWebhook('n-2', { id: 'e', url: r.url, secret: SECRET }, event, open),
      WebhookError,
    )) as WebhookError;
    assertEquals(err.statusCode, 401);
    assertEquals(err.permanent, false);
    assertEquals(r.got[0].verified, false);
  } finally {
    await r.stop();
  }
});

Deno.test('private, loopback and non-http targets are refused unless private hosts are allowed', async () => {
  const closed = {
    allowPrivateHosts: false,
    resolve: (h: string) => Promise.resolve(h === 'inward.test' ? ['10.1.2.3'] : ['93.184.215.14']),
  };
  for (const [url, why] of [
    ['http://127.0.0.1:8080/x', 'loopback'],
    ['http://localhost/x', 'loopback'],
    ['http://[::1]/x', 'loopback'],
    ['http://[::ffff:127.0.0.1]/x', 'loopback'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['https://192.168.1.10/x', 'private'],
    ['https://inward.test/x', 'private'],
    ['ftp://example.com/x', 'http or https only'],
    ['file:///etc/passwd', 'http or https only'],
    ['https://user:pw@example.com/x', 'credentials'],
  ]) {
    const err = (await assertRejects(() => checkTarget(url, closed), WebhookError)) as WebhookError;
    assertStringIncludes(err.message, why);
    assertEquals(err.permanent, true, url);
  }
  assertEquals((await checkTarget('https://hooks.example.com/x', closed)).hostname, 'hooks.example.com');
  assertEquals((await checkTarget('http://127.0.0.1:8080/x', { allowPrivateHosts: true })).port, '8080');
  assertEquals(blockedAddress('8.8.8.8'), null);
  assertEquals(blockedAddress('2606:4700::1111'), null);
  assertEquals(blockedAddress('fd00::1'), 'a private address');
  assertEquals(blockedAddress('100.64.0.1'), 'a carrier-grade NAT address');
});

/** An in-memory outbox: one webhook row, re-claimable while failed (the test does not wait out backoff). */
function oneRowStore(target: { id: string; url: string; secret: string }) {
  let attempts = 0;
  let status = 'pending';
  const outcomes: Outcome[] = [];
  const store: Store = {
    claim() {
      if (status !== 'pending' && status !== 'failed') return Promise.resolve([]);
      attempts++;
      status = 'sending';
      const row: Claimed = {
        id: 'n-retry',
        claim_id: `c${attempts}`,
        attempts,
        channel: 'webhook',
        template: 'booking.checked_in',
        dedupe_key: 'k',
        unsubscribe_token: 't',
        business: { id: 'b', name: 'Happy Paws', slug: 'happy', timezone: 'UTC' },
        recipient: { user_id: null, client_id: null, name: null, email: null, phone: null },
        payload: event,
        webhook: target,
      };
      return Promise.resolve([row]);
    },
    record(_id, _claim, o) {
      outcomes.push(o);
      status = !o.error ? 'sent' : o.retryInSeconds !== undefined ? 'failed' : 'dead';
      return Promise.resolve(status);
    },
  };
  return { store, outcomes, status: () => status };
}

const noMail: Mailer = { send: () => Promise.reject(new Error('no mail here')), close() {} };

Deno.test('dispatch: a 500 is retried with backoff and the same webhook-id; the next 200 delivers', async () => {
  const r = receiver(SECRET, [500, 503]);
  const { store, outcomes, status } = oneRowStore({ id: 'e', url: r.url, secret: SECRET });
  const deps = {
    store,
    mailer: noMail,
    sms: null,
    appUrl: 'https://app',
    functionsUrl: 'https://api/functions/v1',
    webhooks: open,
    random: () => 1,
  };
  try {
    for (let i = 0; i < 3; i++) await dispatch(deps, { maxAttempts: 5, backoffBaseSeconds: 10 });
    assertEquals(status(), 'sent');
    assertEquals(
      outcomes.map((o) => [o.statusCode, o.retryInSeconds ?? null]),
      [
        [500, 10],
        [503, 20],
        [200, null],
      ],
    );
    assertEquals(outcomes[0].error, 'webhook: answered HTTP 500');
    assertEquals(new Set(r.got.map((g) => g.id)), new Set(['n-retry']));
    assert(r.got.every((g) => g.verified));
  } finally {
    await r.stop();
  }
});

Deno.test('dispatch: an endpoint that keeps failing goes dead after N attempts', async () => {
  const r = receiver(SECRET, [500, 500, 500, 500]);
  const { store, outcomes, status } = oneRowStore({ id: 'e', url: r.url, secret: SECRET });
  const deps = { store, mailer: noMail, sms: null, appUrl: 'https://app', functionsUrl: 'https://x', webhooks: open };
  try {
    for (let i = 0; i < 5; i++) await dispatch(deps, { maxAttempts: 3 });
    assertEquals(status(), 'dead');
    assertEquals(outcomes.length, 3);
    assertEquals(r.got.length, 3);
    assertEquals(outcomes[2].statusCode, 500);
  } finally {
    await r.stop();
  }
});
