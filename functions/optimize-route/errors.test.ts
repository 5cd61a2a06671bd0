// The caller never sees a database's own words: a failing REST call (as PostgREST answers one) becomes
// a sentence and a generic code, and the detail goes to the function's log.
import assert from 'node:assert/strict';
import { makeHandler } from './handler.ts';
import { supabaseStore } from './supabase-store.ts';

const BUSINESS = '11111111-1111-4111-8111-111111111111';
const JWT = 'header.eyJzdWIiOiJ1c2VyIn0.sig';
const DB_TEXT = 'duplicate key value violates unique constraint "route_stops_route_id_seq_key"';

/** A REST endpoint answering every call with one PostgREST error body, as a failing database makes it. */
function failingRest(status: number, error: Record<string, unknown>) {
  const server = Deno.serve(
    { port: 0, hostname: '127.0.0.1', onListen() {} },
    () =>
      new Response(JSON.stringify(error), { status, headers: { 'content-type': 'application/json; charset=utf-8' } }),
  );
  return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

async function invoke(rest: { url: string }) {
  const logged: string[] = [];
  const handler = makeHandler({
    env: {},
    storeFor: (jwt) => supabaseStore(rest.url, 'anon-key', jwt),
    now: () => Date.parse('2026-05-31T20:00:00Z'),
    log: (line) => logged.push(line),
  });
  const res = await handler(
    new Request('http://localhost/optimize-route', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${JWT}` },
      body: JSON.stringify({
        business_id: BUSINESS,
        date: '2026-06-01',
        vehicles: [{ count: 1, capacity: 3, shift_start: '07:00', shift_end: '19:00' }],
      }),
    }),
  );
  return { res, text: await res.text(), logged };
}

Deno.test('a database error answers 502 store_error with a sentence, and the detail is only logged', async () => {
  const rest = failingRest(409, {
    code: '23505',
    message: DB_TEXT,
    details: 'Key (route_id, seq)=(1, 2) already exists.',
    hint: null,
  });
  try {
    const { res, text, logged } = await invoke(rest);
    assert.equal(res.status, 502);
    const body = JSON.parse(text);
    assert.equal(body.error, 'store_error');
    assert.match(body.message, /could not be read or saved/);
    assert.ok(!text.includes('duplicate key'), `the response leaks the database text: ${text}`);
    assert.ok(!text.includes('route_id, seq'), `the response leaks the database detail: ${text}`);
    assert.ok(
      logged.some((l) => l.includes(DB_TEXT) && l.includes('23505')),
      `the detail is not logged: ${logged}`,
    );
  } finally {
    await rest.close();
  }
});

Deno.test('a refusal by row-level security answers 403 forbidden in our words', async () => {
  const rest = failingRest(403, {
    code: '42501',
    message: 'permission denied for table businesses',
    details: null,
    hint: null,
  });
  try {
    const { res, text, logged } = await invoke(rest);
    assert.equal(res.status, 403);
    assert.equal(JSON.parse(text).error, 'forbidden');
    assert.ok(!text.includes('permission denied for table'), `the response leaks the database text: ${text}`);
    assert.ok(logged.some((l) => l.includes('permission denied for table businesses')));
  } finally {
    await rest.close();
  }
});

Deno.test('an unexpected failure answers 500 internal_error without its text', async () => {
  const logged: string[] = [];
  const handler = makeHandler({
    env: {},
    storeFor: () => {
      throw new Error('connection to server at "10.0.0.5", port 5432 failed: password authentication failed');
    },
    now: () => Date.now(),
    log: (line) => logged.push(line),
  });
  const res = await handler(
    new Request('http://localhost/optimize-route', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${JWT}` },
      body: JSON.stringify({
        business_id: BUSINESS,
        date: '2026-06-01',
        vehicles: [{ count: 1, capacity: 3, shift_start: '07:00', shift_end: '19:00' }],
      }),
    }),
  );
  const text = await res.text();
  assert.equal(res.status, 500);
  assert.equal(JSON.parse(text).error, 'internal_error');
  assert.ok(!text.includes('password authentication'), `the response leaks the error text: ${text}`);
  assert.ok(logged.some((l) => l.includes('password authentication failed')));
});
