import { assert, assertEquals, assertMatch, assertRejects, assertStringIncludes } from './testing.ts';
import { retryDelaySeconds } from './backoff.ts';
import { dispatch, type Claimed, type Outcome, type Store } from './dispatch.ts';
import type { Email, Mailer } from './email.ts';
import { bearerRole } from './handler.ts';
import { SendError, twilioProvider } from './sms.ts';
import { render, TEMPLATE_KEYS } from './templates.ts';
import { startTwilioFake } from './twilio-fake.ts';

const ctx = {
  businessName: 'Happy Paws',
  timezone: 'Europe/Paris',
  recipientName: 'Jordan',
  unsubscribeUrl: 'https://app/unsubscribe/t',
};

Deno.test('every contract key renders with its fields, the business name and the unsubscribe link', () => {
  const payloads: Record<string, Record<string, unknown>> = {
    booking_confirmed: { pet_name: 'Rex', service_name: 'Daycare', starts_at: '2026-12-07T08:00:00Z' },
    waitlist_promoted: { pet_name: 'Rex', service_name: 'Daycare', starts_at: '2026-12-07T08:00:00Z' },
    booking_reminder: { pet_name: 'Rex', service_name: 'Daycare', starts_at: '2026-12-07T08:00:00Z' },
    vaccine_expiring: { pet_name: 'Rex', vaccine_name: 'Rabies', expires_on: '2026-12-31' },
    incident_reported: { pet_name: 'Rex', summary: 'A small scrape on the paw' },
    report_card_posted: { pet_name: 'Rex', date: '2026-12-06' },
    van_arriving: { pet_name: 'Rex', minutes: 7 },
    picked_up: { pet_name: 'Rex', at: '2026-12-07T08:00:00Z' },
    dropped_off: { pet_name: 'Rex', at: '2026-12-07T17:30:00Z' },
    care_proposal_reviewed: { pet_name: 'Rex', decision: 'rejected', note: 'Ask your vet first' },
  };
  for (const key of Object.keys(payloads)) assert(TEMPLATE_KEYS.includes(key), key);
  for (const [key, payload] of Object.entries(payloads)) {
    const r = render(key, payload, ctx);
    assert(r.known, key);
    assertStringIncludes(r.subject, 'Happy Paws');
    assertStringIncludes(r.text, 'Rex');
    assertStringIncludes(r.text, 'https://app/unsubscribe/t');
    assertStringIncludes(r.html, 'href="https://app/unsubscribe/t"');
    assertStringIncludes(r.short, 'Rex');
  }
  // the time is the business's (08:00Z is 09:00 in Paris in December)
  assertStringIncludes(render('booking_reminder', payloads.booking_reminder, ctx).text, '09:00');
  assertStringIncludes(render('vaccine_expiring', payloads.vaccine_expiring, ctx).text, '31 December 2026');
  assertStringIncludes(render('incident_reported', payloads.incident_reported, ctx).text, 'scrape');
  assertStringIncludes(render('care_proposal_reviewed', payloads.care_proposal_reviewed, ctx).short, 'did not accept');
  assertStringIncludes(
    render('care_proposal_reviewed', payloads.care_proposal_reviewed, ctx).text,
    'Ask your vet first',
  );
});

Deno.test('templates tolerate missing fields and never print undefined', () => {
  for (const key of TEMPLATE_KEYS) {
    const r = render(key, {}, { businessName: 'Happy Paws', timezone: 'Nowhere/Invalid' });
    for (const part of [r.subject, r.text, r.html, r.short]) {
      assert(!/undefined|null|NaN|Invalid Date/.test(part), `${key}: ${part}`);
    }
    assertStringIncludes(r.text, 'your pet');
  }
  const unknown = render('no_such_template', {}, ctx);
  assertEquals(unknown.known, false);
  assertStringIncludes(unknown.subject, 'Happy Paws');
});

Deno.test('HTML escapes what the payload says', () => {
  const r = render('incident_reported', { pet_name: '<b>Rex</b>', summary: '"x" & <script>' }, ctx);
  assert(!r.html.includes('<script>'));
  assertStringIncludes(r.html, '&lt;b&gt;Rex&lt;/b&gt;');
});

Deno.test('backoff doubles per attempt, stays within [half, full] of the ceiling, and is capped', () => {
  assertEquals(retryDelaySeconds(1, { baseSeconds: 30, random: () => 0 }), 15);
  assertEquals(retryDelaySeconds(1, { baseSeconds: 30, random: () => 1 }), 30);
  assertEquals(retryDelaySeconds(3, { baseSeconds: 30, random: () => 1 }), 120);
  assertEquals(retryDelaySeconds(30, { baseSeconds: 30, capSeconds: 3600, random: () => 1 }), 3600);
  const spread = new Set(Array.from({ length: 50 }, () => retryDelaySeconds(4)));
  assert(spread.size > 10, 'jitter spreads the retries');
  for (const d of spread) assert(d >= 120 && d <= 240, String(d));
});

Deno.test('bearerRole reads the role claim of a JWT', () => {
  const jwt = (claims: object) => `Bearer x.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.y`;
  assertEquals(bearerRole(jwt({ role: 'service_role' })), 'service_role');
  assertEquals(bearerRole(jwt({ role: 'anon' })), 'anon');
  assertEquals(bearerRole(null), null);
  assertEquals(bearerRole('Bearer nonsense'), null);
});

Deno.test(
  'Twilio adapter against the fake: 201 with a SID; bad number is permanent; 503 is retried; wrong token refused',
  async () => {
    const fake = startTwilioFake({ accountSid: 'AC123', authToken: 'secret', failNext: 1 });
    try {
      const sms = twilioProvider({ accountSid: 'AC123', authToken: 'secret', from: '+15005550006', apiBase: fake.url });
      const outage = await assertRejects(() => sms.send('+33612345678', 'hi'), SendError);
      assertEquals((outage as SendError).permanent, false);
      const ok = await sms.send('+33 6 12 34 56 78', 'Rex was picked up.');
      assertMatch(ok.id, /^SM[0-9a-f]{32}$/);
      assertEquals(
        fake.sent.map((m) => [m.to, m.body]),
        [['+33 6 12 34 56 78', 'Rex was picked up.']],
      );
      const bad = await assertRejects(() => sms.send('12', 'hi'), SendError);
      assert((bad as SendError).permanent);
      assertStringIncludes((bad as SendError).message, '21211');
      const wrong = twilioProvider({ accountSid: 'AC123', authToken: 'nope', from: '+1', apiBase: fake.url });
      const denied = await assertRejects(() => wrong.send('+33612345678', 'hi'), SendError);
      assertStringIncludes((denied as SendError).message, '401 (20003)');
    } finally {
      await fake.stop();
    }
  },
);

/** An in-memory outbox with the rpcs' contract (lease via claim_id, stale outcomes refused). */
function memoryStore(rows: Claimed[]) {
  const state = new Map(rows.map((r) => [r.id, { row: r, status: 'pending', claim: '', outcome: {} as Outcome }]));
  const store: Store = {
    claim(limit) {
      const due = [...state.values()].filter((s) => s.status === 'pending').slice(0, limit);
      return Promise.resolve(
        due.map((s) => {
          s.status = 'sending';
          s.claim = crypto.randomUUID();
          s.row = { ...s.row, claim_id: s.claim, attempts: s.row.attempts + 1 };
          return s.row;
        }),
      );
    },
    record(id, claimId, o) {
      const s = state.get(id)!;
      if (s.claim !== claimId) return Promise.resolve('stale');
      s.outcome = o;
      s.status = !o.error ? 'sent' : o.retryInSeconds !== undefined ? 'failed' : 'dead';
      return Promise.resolve(s.status);
    },
  };
  return { store, state };
}

const row = (i: number, channel: Claimed['channel'] = 'email', email: string | null = `p${i}@x.test`): Claimed => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  claim_id: '',
  attempts: 0,
  channel,
  template: 'booking_reminder',
  dedupe_key: `k${i}`,
  unsubscribe_token: `tok-${i}`,
  business: { id: 'b', name: 'Happy Paws', slug: 'happy', timezone: 'UTC' },
  recipient: { user_id: null, client_id: 'c', name: 'Jo', email, phone: null },
  payload: { pet_name: 'Rex' },
});

Deno.test(
  'dispatch: sends each claimed row once, records outcomes, permanent errors go dead, transient ones back off',
  async () => {
    const rows = [row(1), row(2), row(3, 'email', null), row(4, 'sms'), row(5, 'in_app'), row(6)];
    const { store, state } = memoryStore(rows);
    const sent: Email[] = [];
    const mailer: Mailer = {
      send(m) {
        if (m.to === 'p6@x.test') return Promise.reject(new SendError('smtp: 421 busy'));
        sent.push(m);
        return Promise.resolve({ id: m.messageId });
      },
      close() {},
    };
    const sum = await dispatch(
      { store, mailer, sms: null, appUrl: 'https://app/', functionsUrl: 'https://api/functions/v1', random: () => 1 },
      { batch: 10, backoffBaseSeconds: 10 },
    );
    assertEquals(sum, { claimed: 6, sent: 3, failed: 1, dead: 2, stale: 0 });
    assertEquals(sent.map((m) => m.to).sort(), ['p1@x.test', 'p2@x.test']);
    assertEquals(sent[0].unsubscribeUrl?.startsWith('https://api/functions/v1/unsubscribe/tok-'), true);
    assertStringIncludes(sent[0].text, 'https://app/unsubscribe/tok-');
    assertEquals(sent[0].fromName, 'Happy Paws');
    assertMatch(sent[0].messageId, /^<00000000-0000-4000-8000-\d{12}@notify\.pawcentral>$/);
    assertEquals(state.get(row(3).id)!.status, 'dead');
    assertStringIncludes(state.get(row(3).id)!.outcome.error!, 'no e-mail address');
    assertStringIncludes(state.get(row(4).id)!.outcome.error!, 'no SMS provider');
    assertEquals(state.get(row(5).id)!.status, 'sent');
    assertEquals(state.get(row(6).id)!.outcome.retryInSeconds, 10);
  },
);

Deno.test('dispatch: the last allowed attempt that fails goes dead instead of backing off', async () => {
  const r = { ...row(1), attempts: 4 };
  const { store, state } = memoryStore([r]);
  const mailer: Mailer = { send: () => Promise.reject(new SendError('smtp: connection refused')), close() {} };
  await dispatch(
    { store, mailer, sms: null, appUrl: 'https://app', functionsUrl: 'https://api/functions/v1' },
    { maxAttempts: 5 },
  );
  assertEquals(state.get(r.id)!.status, 'dead');
});
