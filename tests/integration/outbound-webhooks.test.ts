// Outbound webhooks end to end (issue 13 item 7): a manager subscribes a local receiver (a real HTTP server
// that verifies every delivery with the `standardwebhooks` library, as a business's server would); a check-in
// is enqueued by the bookings trigger and delivered signed by the dispatcher (functions/notify/cli.ts, the
// function's code as a process, with WEBHOOK_ALLOW_PRIVATE_HOSTS=1 set explicitly because the receiver is on
// loopback — the test stack's function has it too, in tests/conformance/fixtures/functions/functions.env); a
// receiver answering 500 gets retries with backoff and the same webhook-id, then the delivery goes dead after N
// and a manager's retry (which nudges the stack's dispatcher) delivers; a worker with the production default
// refuses the loopback address and says so in the log. The cron job and insert nudge are paused meanwhile, so
// only the test's workers take these rows until a manager's retry calls the stack's dispatcher.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, db, signedInClient, stack } from '../support/stack.ts';

const root = join(import.meta.dirname, '..', '..');
const denoBin = () => {
  const local = join(root, 'node_modules', '.bin', 'deno');
  return existsSync(local) ? realpathSync(local) : 'deno';
};

/** functions/notify/cli.ts as a child process; resolves with its exit code. */
function runWorker(args: string[], env: Record<string, string> = {}): Promise<number> {
  const child = spawn(
    denoBin(),
    ['run', '--quiet', '--allow-all', '--config', 'functions/notify/deno.json', 'functions/notify/cli.ts', ...args],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        DENO_DIR: join(root, '.deno'),
        DENO_NO_PACKAGE_JSON: '1',
        NO_COLOR: '1',
        SUPABASE_URL: stack.url,
        SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(Number(new URL(stack.inboxUrl).port) + 1),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((ok) =>
    child.on('close', (code) => {
      if (code) console.error(`notify cli exited ${code}: ${err}`);
      ok(code ?? 1);
    }),
  );
}

interface Delivery {
  id: string;
  verified: boolean;
  body: { id: string; type: string; data: Record<string, unknown> };
}

/** A receiver verifying with the endpoint's secret (set once known); answers `statuses` in turn, then 200. */
function receiver() {
  const got: Delivery[] = [];
  const state = { secret: '', statuses: [] as number[] };
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      let verified: boolean;
      try {
        new Webhook(state.secret).verify(text, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      got.push({ id: String(req.headers['webhook-id']), verified, body: JSON.parse(text) });
      res.statusCode = verified ? (state.statuses.shift() ?? 200) : 401;
      res.end();
    });
  });
  return {
    got,
    state,
    server,
    listen: () =>
      new Promise<string>((ok) =>
        server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as { port: number }).port}/hook`)),
      ),
  };
}

let c: pg.Client;
let businessId: string;
let serviceId: string;
const rx = receiver();
let hookUrl: string;
let manager: Awaited<ReturnType<typeof signedInClient>>;

async function pauseDispatch(paused: boolean) {
  await c.query(`select cron.alter_job(jobid, active := $1) from cron.job where jobname = 'notify-dispatch'`, [
    !paused,
  ]);
  await c.query(`update private.notify_nudge set nudged_at = $1::timestamptz`, [paused ? 'infinity' : '-infinity']);
}

const worker = (env: Record<string, string> = { WEBHOOK_ALLOW_PRIVATE_HOSTS: '1' }) =>
  runWorker([`--business=${businessId}`, '--max-attempts=3', '--backoff-base=20'], env);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const row = async (id: string) =>
  (
    await c.query(
      `select status::text, attempts, last_status_code, last_error,
              extract(epoch from next_attempt_at - now())::float as wait from public.notifications where id = $1`,
      [id],
    )
  ).rows[0];

/** A booking of a new pet of the business, checked in by the desk (the trigger enqueues the event). */
async function checkIn(day: number): Promise<{ bookingId: string; petName: string }> {
  const petName = `Hooky-${randomUUID().slice(0, 6)}`;
  const {
    rows: [b],
  } = await c.query(
    `with cl as (insert into public.clients (business_id, full_name) values ($1, 'Webhook parent') returning id),
          p as (insert into public.pets (business_id, client_id, name) select $1, cl.id, $3 from cl returning id, client_id)
     insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
     select $1, $2, p.id, p.client_id, date_trunc('day', now()) + make_interval(days => $4) + interval '8 hours',
            date_trunc('day', now()) + make_interval(days => $4) + interval '17 hours', 'requested'
     from p returning id`,
    [businessId, serviceId, petName, day],
  );
  await c.query(`update public.bookings set status = 'checked_in' where id = $1`, [b.id]);
  return { bookingId: b.id, petName };
}

beforeAll(async () => {
  c = await db();
  hookUrl = await rx.listen();
  businessId = (
    await c.query(
      `insert into public.businesses (name, slug, timezone) values ('Hooked Kennels', $1, 'Europe/Paris') returning id`,
      [`hooks-${randomUUID().slice(0, 8)}`],
    )
  ).rows[0].id;
  serviceId = (
    await c.query(
      `insert into public.services (business_id, kind, name, daily_capacity) values ($1, 'daycare', 'Day Camp', 50) returning id`,
      [businessId],
    )
  ).rows[0].id;
  manager = await signedInClient();
  await c.query(`insert into public.memberships (business_id, user_id, role) values ($1, $2, 'manager')`, [
    businessId,
    manager.user.id,
  ]);
  await pauseDispatch(true);
});

afterAll(async () => {
  await pauseDispatch(false);
  await c.query(`delete from public.businesses where id = $1`, [businessId]);
  await c.end();
  rx.server.close();
});

describe('outbound webhooks', () => {
  let endpointId: string;

  it('a manager subscribes; a check-in is delivered once, signed so the receiver verifies it', async () => {
    const made = await manager.client.rpc('create_webhook_endpoint', {
      p_business_id: businessId,
      p_url: hookUrl,
      p_events: ['booking.checked_in', 'booking.cancelled'],
    });
    expect(made.error).toBeNull();
    endpointId = made.data.id;
    rx.state.secret = made.data.secret;
    // the secret is not readable afterwards, even by the manager who made it
    const look = await manager.client.from('webhook_endpoints').select('secret').eq('id', endpointId);
    expect(look.error?.code).toBe('42501');

    const { bookingId, petName } = await checkIn(2);
    const { rows } = await c.query(
      `select id from public.notifications where webhook_endpoint_id = $1 and template = 'booking.checked_in'`,
      [endpointId],
    );
    expect(rows).toHaveLength(1);
    expect(await worker()).toBe(0);
    expect(rx.got).toHaveLength(1);
    expect(rx.got[0]).toMatchObject({ id: rows[0].id, verified: true });
    expect(rx.got[0].body.type).toBe('booking.checked_in');
    expect(rx.got[0].body.data).toMatchObject({ booking_id: bookingId, pet_name: petName, service_name: 'Day Camp' });
    expect(await row(rows[0].id)).toMatchObject({ status: 'sent', attempts: 1, last_status_code: 200 });

    // running again sends nothing more
    expect(await worker()).toBe(0);
    expect(rx.got).toHaveLength(1);
  }, 60_000);

  it('a 500 is retried with backoff and the same webhook-id, goes dead after N, and a manager’s retry delivers', async () => {
    rx.got.length = 0;
    rx.state.statuses = [500, 500, 500];
    await checkIn(3);
    const id = (
      await c.query(
        `select id from public.notifications where webhook_endpoint_id = $1 and template = 'booking.checked_in' and status = 'pending'`,
        [endpointId],
      )
    ).rows[0].id as string;
    const seen = [];
    for (let i = 0; i < 3; i++) {
      await c.query(`update public.notifications set next_attempt_at = now() where id = $1`, [id]);
      expect(await worker()).toBe(0);
      seen.push(await row(id));
    }
    expect(seen.map((s) => s.status)).toEqual(['failed', 'failed', 'dead']);
    expect(seen.map((s) => s.last_status_code)).toEqual([500, 500, 500]);
    expect(seen[2].last_error).toBe('webhook: answered HTTP 500');
    // backoff with jitter: 10–20 s after the first failure, 20–40 s after the second
    expect(seen[0].wait).toBeGreaterThan(8);
    expect(seen[0].wait).toBeLessThanOrEqual(21);
    expect(seen[1].wait).toBeGreaterThan(18);
    expect(seen[1].wait).toBeLessThanOrEqual(41);
    expect(rx.got.map((g) => g.id)).toEqual([id, id, id]);
    expect(rx.got.every((g) => g.verified)).toBe(true);

    // the delivery log shows it to the manager; the manager retries; it is delivered
    const log = await manager.client
      .from('notifications')
      .select('status, attempts, last_status_code, last_error')
      .eq('id', id)
      .single();
    expect(log.data).toMatchObject({ status: 'dead', attempts: 3, last_status_code: 500 });
    const retried = await manager.client.rpc('retry_notification', { p_id: id });
    expect(retried.error).toBeNull();
    // the retry nudges the stack's dispatcher; a worker of ours may race it — the lease lets one deliver
    await worker();
    await waitFor('the retried delivery', async () => (await row(id)).status === 'sent', 30_000);
    expect(await row(id)).toMatchObject({ status: 'sent', last_status_code: 200 });
    expect(rx.got).toHaveLength(4);
  }, 90_000);

  it('a dispatcher with the production default refuses the loopback address; the test event goes out once allowed', async () => {
    rx.got.length = 0;
    const test = await manager.client.rpc('send_test_webhook', { p_endpoint_id: endpointId });
    expect(test.error).toBeNull();
    // no WEBHOOK_ALLOW_PRIVATE_HOSTS in this worker's environment
    expect(await worker({})).toBe(0);
    const refused = await row(test.data as string);
    expect(refused.status).toBe('dead');
    expect(refused.last_error).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(rx.got).toHaveLength(0);

    // the manager's retry reaches the stack's dispatcher, whose test environment allows loopback explicitly
    expect((await manager.client.rpc('retry_notification', { p_id: test.data })).error).toBeNull();
    await waitFor('the test event', async () => rx.got.length > 0, 30_000);
    expect(rx.got[0].body.type).toBe('webhook.test');
    expect(rx.got[0].id).toBe(test.data);
    expect(rx.got[0].verified).toBe(true);
    await waitFor('the outcome', async () => (await row(test.data as string)).status === 'sent', 10_000);
    expect(rx.got).toHaveLength(1);
  }, 60_000);

  it('another tenant’s owner and anon can neither see, subscribe nor test', async () => {
    const outsider = await signedInClient();
    const other = (
      await c.query(`insert into public.businesses (name, slug, timezone) values ('Other', $1, 'UTC') returning id`, [
        `hooks-other-${randomUUID().slice(0, 8)}`,
      ])
    ).rows[0].id;
    try {
      await c.query(`insert into public.memberships (business_id, user_id, role) values ($1, $2, 'owner')`, [
        other,
        outsider.user.id,
      ]);
      expect((await outsider.client.from('webhook_endpoints').select('id').eq('id', endpointId)).data).toEqual([]);
      expect((await outsider.client.rpc('send_test_webhook', { p_endpoint_id: endpointId })).error?.hint).toBe(
        'webhook_endpoint_not_found',
      );
      expect(
        (await outsider.client.from('notifications').select('id').eq('webhook_endpoint_id', endpointId)).data,
      ).toEqual([]);
      const created = await outsider.client.rpc('create_webhook_endpoint', {
        p_business_id: businessId,
        p_url: 'https://hooks.example.com/x',
        p_events: ['booking.checked_in'],
      });
      expect(created.error?.hint).toBe('webhooks_managers_only');
      const anon = anonClient();
      expect((await anon.from('webhook_endpoints').select('id')).error?.code).toBe('42501');
      expect((await anon.rpc('send_test_webhook', { p_endpoint_id: endpointId })).error).not.toBeNull();
    } finally {
      await c.query(`delete from public.businesses where id = $1`, [other]);
    }
  }, 30_000);
});
