import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { fixedWindowLimiter } from '../_shared/webhooks/rate-limit.ts';
import { FakeStore } from './fake-store.ts';
import { makeHandler } from './handler.ts';

const BUSINESS = '11111111-1111-4111-8111-111111111111';
const OTHER_BUSINESS = '22222222-2222-4222-8222-222222222222';
const VET = '0b100000-0000-4000-8000-000000000003';
const SECRET = 'whsec_' + btoa('a'.repeat(32));
const NEXT_SECRET = 'whsec_' + btoa('b'.repeat(32));
const WRONG_SECRET = 'whsec_' + btoa('c'.repeat(32));
const LUNA_CHIP = '985112345678901';

function setup(secrets = [SECRET], limit = 60) {
  const store = new FakeStore({
    partners: [{ id: VET, business_id: BUSINESS, secrets }],
    pets: [
      { id: 'luna', business_id: BUSINESS, microchip: LUNA_CHIP },
      { id: 'twin-a', business_id: BUSINESS, microchip: '900000000000002' },
      { id: 'twin-b', business_id: BUSINESS, microchip: '900000000000002' },
      { id: 'milo', business_id: OTHER_BUSINESS, microchip: '900000000000003' },
    ],
  });
  let clock = Date.now();
  const handler = makeHandler({ store, limiter: fixedWindowLimiter(limit, 60_000), now: () => clock });
  return { store, handler, advance: (ms: number) => (clock += ms) };
}

function event(data: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'vaccination.recorded.v1',
    data: {
      microchip: LUNA_CHIP,
      vaccine: { name: 'Rabies' },
      administered_on: '2026-12-01',
      expires_on: '2027-12-01',
      batch: 'RB-9',
      ...data,
    },
  });
}

/** A delivery signed the Standard Webhooks way (the library partners use), then optionally tampered with. */
function delivery(
  body: string,
  opts: { secret?: string; id?: string; at?: Date; sendBody?: string; partner?: string } = {},
): Request {
  const id = opts.id ?? `msg_${crypto.randomUUID()}`;
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? SECRET).sign(id, at, body);
  return new Request(`http://localhost/partner-webhook/${opts.partner ?? VET}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
    body: opts.sendBody ?? body,
  });
}

Deno.test('a signed vaccination for a known microchip lands on that pet', async () => {
  const { store, handler } = setup();
  const res = await handler(delivery(event()));
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { outcome: 'landed' });
  assert.deepEqual(
    store.vaccinations.map((v) => [v.pet_id, v.partner_id]),
    [['luna', VET]],
  );
  assert.equal(store.events[0].outcome, 'landed');
});

Deno.test('a tampered body is refused with 401, recorded as refused, and nothing lands', async () => {
  const { store, handler } = setup();
  const res = await handler(delivery(event(), { sendBody: event({ expires_on: '2036-12-01' }) }));
  assert.equal(res.status, 401);
  assert.equal((await res.json()).code, 'bad_signature');
  assert.equal(store.vaccinations.length, 0);
  assert.deepEqual(
    store.events.map((e) => [e.outcome, e.payload]),
    [['refused', {}]],
  );
});

Deno.test('a body signed with a secret the partner does not hold is refused with 401', async () => {
  const { store, handler } = setup();
  const res = await handler(delivery(event(), { secret: WRONG_SECRET }));
  assert.equal(res.status, 401);
  assert.equal(store.vaccinations.length, 0);
});

Deno.test('during a rotation both active secrets are accepted', async () => {
  const { store, handler } = setup([SECRET, NEXT_SECRET]);
  assert.equal((await handler(delivery(event(), { secret: SECRET }))).status, 200);
  assert.equal((await handler(delivery(event({ batch: 'RB-10' }), { secret: NEXT_SECRET }))).status, 200);
  assert.equal(store.vaccinations.length, 2);
});

Deno.test('a revoked secret is no longer accepted', async () => {
  const { store, handler } = setup([NEXT_SECRET]);
  const res = await handler(delivery(event(), { secret: SECRET }));
  assert.equal(res.status, 401);
  assert.equal(store.vaccinations.length, 0);
});

Deno.test('a timestamp more than five minutes old is refused with 401 even when correctly signed', async () => {
  const { store, handler } = setup();
  const res = await handler(delivery(event(), { at: new Date(Date.now() - 6 * 60_000) }));
  assert.equal(res.status, 401);
  assert.equal((await res.json()).code, 'stale_timestamp');
  assert.equal(store.vaccinations.length, 0);
});

Deno.test('missing signature headers are refused with 401', async () => {
  const { handler } = setup();
  const req = new Request(`http://localhost/partner-webhook/${VET}`, { method: 'POST', body: event() });
  const res = await handler(req);
  assert.equal(res.status, 401);
  assert.equal((await res.json()).code, 'missing_headers');
});

Deno.test('a replayed message id answers 200 with the first outcome and writes nothing more', async () => {
  const { store, handler } = setup();
  const body = event();
  await handler(delivery(body, { id: 'msg_1' }));
  const again = await handler(delivery(body, { id: 'msg_1' }));
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), { outcome: 'landed', replayed: true });
  assert.equal(store.vaccinations.length, 1);
  assert.equal(store.events.length, 1);
});

Deno.test('a message id reused for a different message is refused with 409', async () => {
  const { store, handler } = setup();
  await handler(delivery(event(), { id: 'msg_1' }));
  const res = await handler(delivery(event({ batch: 'OTHER' }), { id: 'msg_1' }));
  assert.equal(res.status, 409);
  assert.equal(store.vaccinations.length, 1);
});

Deno.test('a forged delivery does not take the id of the genuine message that follows', async () => {
  const { store, handler } = setup();
  assert.equal((await handler(delivery(event(), { id: 'msg_1', secret: WRONG_SECRET }))).status, 401);
  const res = await handler(delivery(event(), { id: 'msg_1' }));
  assert.deepEqual(await res.json(), { outcome: 'landed' });
  assert.equal(store.vaccinations.length, 1);
});

Deno.test('an unknown microchip is parked with a reason', async () => {
  const { store, handler } = setup();
  const res = await handler(delivery(event({ microchip: '111111111111111' })));
  assert.equal(res.status, 200);
  const json = await res.json();
  assert.equal(json.outcome, 'parked');
  assert.match(json.reason, /no pet/);
  assert.equal(store.vaccinations.length, 0);
});

Deno.test('a microchip worn by two pets of the business is parked', async () => {
  const { store, handler } = setup();
  const res = await handler(delivery(event({ microchip: '900000000000002' })));
  assert.equal((await res.json()).outcome, 'parked');
  assert.equal(store.vaccinations.length, 0);
});

Deno.test("another business's pet is never matched", async () => {
  const { store, handler } = setup();
  const res = await handler(delivery(event({ microchip: '900000000000003' })));
  assert.equal((await res.json()).outcome, 'parked');
  assert.equal(store.vaccinations.length, 0);
});

Deno.test('a signed body that is not JSON is refused with 400 and recorded', async () => {
  const { store, handler } = setup();
  const res = await handler(delivery('not json'));
  assert.equal(res.status, 400);
  assert.deepEqual(
    store.events.map((e) => e.outcome),
    ['refused'],
  );
});

Deno.test('a signed event of an unknown type or with bad fields is refused with 422, saying which field', async () => {
  const { store, handler } = setup();
  const unknown = await handler(delivery(JSON.stringify({ type: 'vaccination.recorded.v9', data: {} })));
  assert.equal(unknown.status, 422);
  const bad = await handler(delivery(event({ expires_on: '2026-11-01', microchip: 'x' })));
  assert.equal(bad.status, 422);
  const json = await bad.json();
  assert.deepEqual(json.details.map((d: { path: string }) => d.path).sort(), ['data.expires_on', 'data.microchip']);
  assert.equal(store.vaccinations.length, 0);
  assert.deepEqual(
    store.events.map((e) => e.outcome),
    ['refused', 'refused'],
  );
});

Deno.test('a body over 256 KiB is refused with 413 before verification', async () => {
  const { store, handler } = setup();
  const big = event({ batch: 'x'.repeat(300 * 1024) });
  const res = await handler(delivery(big));
  assert.equal(res.status, 413);
  assert.equal(store.vaccinations.length, 0);
  assert.deepEqual(
    store.events.map((e) => e.outcome),
    ['refused'],
  );
});

Deno.test('an unknown partner is answered 404 and nothing is recorded', async () => {
  const { store, handler } = setup();
  const other = await handler(delivery(event(), { partner: '0b100000-0000-4000-8000-0000000000ff' }));
  assert.equal(other.status, 404);
  const notAnId = await handler(delivery(event(), { partner: 'riverside' }));
  assert.equal(notAnId.status, 404);
  assert.equal(store.events.length, 0);
});

Deno.test('a partner over its rate limit gets 429 with Retry-After until the minute has passed', async () => {
  const { handler, advance } = setup([SECRET], 2);
  assert.equal((await handler(delivery(event({ batch: '1' })))).status, 200);
  assert.equal((await handler(delivery(event({ batch: '2' })))).status, 200);
  const limited = await handler(delivery(event({ batch: '3' })));
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '60');
  advance(60_000);
  assert.equal((await handler(delivery(event({ batch: '4' })))).status, 200);
});

Deno.test('only POST is accepted', async () => {
  const { handler } = setup();
  const res = await handler(new Request(`http://localhost/partner-webhook/${VET}`));
  assert.equal(res.status, 405);
});

Deno.test('a store failure answers 503 without the database message', async () => {
  const { store, handler } = setup();
  store.receive = () => Promise.reject(new Error('duplicate key value violates unique constraint "x"'));
  const res = await handler(delivery(event()));
  assert.equal(res.status, 503);
  assert.doesNotMatch(await res.text(), /duplicate key|constraint/);
});
