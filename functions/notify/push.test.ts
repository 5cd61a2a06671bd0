// Web Push through a local push service that checks the VAPID JWT (RFC 8292) and keeps the aes128gcm body
// (RFC 8291); the test holds the browser's private key and auth secret and decrypts what arrived.
import webpush from 'web-push';
import { assert, assertEquals, assertRejects, assertStringIncludes } from './testing.ts';
import { dispatch, type Claimed, type Outcome, type Store } from './dispatch.ts';
import type { Mailer } from './email.ts';
import { sendPush, type Vapid } from './push.ts';
import { decryptPushBody, newBrowser, startPushFake } from './push-fake.ts';
import { SendError } from './sms.ts';

const keys = webpush.generateVAPIDKeys();
const vapid: Vapid = { subject: 'mailto:ops@pawcentral.test', publicKey: keys.publicKey, privateKey: keys.privateKey };
const message = {
  title: 'Happy Paws: Rex',
  body: 'Rex had a great day',
  url: 'https://app/portal/messages',
  tag: 't1',
};

Deno.test('a push reaches the push service signed (VAPID) and encrypted to the browser, which reads it', async () => {
  const push = startPushFake();
  try {
    const browser = await newBrowser(push.base);
    push.register(browser, vapid.publicKey);
    const forgotten: string[] = [];
    const r = await sendPush([browser], message, { vapid, forget: (id) => (forgotten.push(id), Promise.resolve()) });
    assertEquals(r, { accepted: 1, forgotten: 0 });
    assertEquals(push.refused, []);
    const [got] = push.accepted;
    assertEquals(got.subscription, browser.id);
    assertEquals(got.ttl, 86_400);
    assertEquals(got.urgency, 'normal');
    assertEquals(got.jwtClaims.aud, push.base);
    assertEquals(got.jwtClaims.sub, vapid.subject);
    // the service cannot read it; the browser can
    assert(!new TextDecoder().decode(got.body).includes('Rex'));
    assertEquals(JSON.parse(await decryptPushBody(got.body, browser)), message);
  } finally {
    await push.stop();
  }
});

Deno.test('the push service refuses a JWT signed by another key than the subscription was made with', async () => {
  const push = startPushFake();
  try {
    const browser = await newBrowser(push.base);
    push.register(browser, webpush.generateVAPIDKeys().publicKey);
    const err = await assertRejects(
      () => sendPush([browser], message, { vapid, forget: () => Promise.resolve() }),
      SendError,
    );
    assertStringIncludes(err.message, 'HTTP 403');
    assertEquals((err as SendError).permanent, false);
    assertEquals(push.accepted.length, 0);
  } finally {
    await push.stop();
  }
});

Deno.test('a decryption with the wrong browser key fails (the fake really checks the encryption)', async () => {
  const push = startPushFake();
  try {
    const browser = await newBrowser(push.base);
    const stranger = await newBrowser(push.base, browser.id);
    push.register(browser, vapid.publicKey);
    await sendPush([browser], message, { vapid, forget: () => Promise.resolve() });
    await assertRejects(() => decryptPushBody(push.accepted[0].body, stranger));
  } finally {
    await push.stop();
  }
});

/** One claimed push row for a user with the given browsers. */
function pushStore(subs: Array<{ id: string; endpoint: string; p256dh: string; auth: string }>) {
  const outcomes: Outcome[] = [];
  let claimed = false;
  const store: Store = {
    claim() {
      if (claimed) return Promise.resolve([]);
      claimed = true;
      const row: Claimed = {
        id: 'n-push',
        claim_id: 'c1',
        attempts: 1,
        channel: 'push',
        template: 'report_card_posted',
        dedupe_key: 'push:report_card_posted:x',
        unsubscribe_token: 't',
        business: { id: 'b', name: 'Happy Paws', slug: 'happy', timezone: 'UTC' },
        recipient: { user_id: 'u', client_id: 'c', name: 'Jo', email: null, phone: null },
        payload: { pet_name: 'Rex', date: '2026-12-06' },
        push: subs,
      };
      return Promise.resolve([row]);
    },
    record(_id, _claim, o) {
      outcomes.push(o);
      return Promise.resolve(!o.error ? 'sent' : o.retryInSeconds !== undefined ? 'failed' : 'dead');
    },
  };
  return { store, outcomes };
}

const noMail: Mailer = { send: () => Promise.reject(new Error('no mail')), close() {} };

Deno.test('dispatch: a push row goes to every browser; a 410 deletes that subscription; the rest deliver', async () => {
  const push = startPushFake();
  try {
    const phone = await newBrowser(push.base);
    const laptop = await newBrowser(push.base);
    push.register(phone, vapid.publicKey);
    push.register(laptop, vapid.publicKey);
    push.expire(laptop.id);
    const { store, outcomes } = pushStore([phone, laptop]);
    const forgotten: string[] = [];
    const sum = await dispatch({
      store,
      mailer: noMail,
      sms: null,
      appUrl: 'https://app.test',
      functionsUrl: 'https://api/functions/v1',
      push: { vapid, forget: (id) => (forgotten.push(id), Promise.resolve()) },
    });
    assertEquals(sum.sent, 1);
    assertEquals(outcomes[0].error, undefined);
    assertEquals(forgotten, [laptop.id]);
    assertEquals(push.accepted.length, 1);
    const shown = JSON.parse(await decryptPushBody(push.accepted[0].body, phone));
    assertStringIncludes(shown.title, 'Happy Paws');
    assertStringIncludes(shown.body, 'Rex');
    assertEquals(shown.url, 'https://app.test/portal/messages');
  } finally {
    await push.stop();
  }
});

Deno.test('dispatch: when every subscription is gone the push is dead, not retried', async () => {
  const push = startPushFake();
  try {
    const phone = await newBrowser(push.base);
    push.register(phone, vapid.publicKey);
    push.expire(phone.id);
    const { store, outcomes } = pushStore([phone]);
    const forgotten: string[] = [];
    await dispatch({
      store,
      mailer: noMail,
      sms: null,
      appUrl: 'https://app.test',
      functionsUrl: 'https://x',
      push: { vapid, forget: (id) => (forgotten.push(id), Promise.resolve()) },
    });
    assertEquals(forgotten, [phone.id]);
    assertEquals(outcomes[0].retryInSeconds, undefined);
    assertStringIncludes(outcomes[0].error!, 'expired');
  } finally {
    await push.stop();
  }
});
