// The outbox end to end (issue 13 item 1): a cancellation promotes the waitlist and the promoted parent gets
// exactly one e-mail in the stack's SMTP sink, however often the dispatcher runs; a dispatcher killed
// mid-batch loses nothing and sends nothing twice; an SMTP outage retries with backoff, goes dead after N
// attempts, and a manager's retry delivers. The dispatcher runs as the stack serves it (/functions/v1/notify,
// nudged by the insert trigger and by pg_cron) and, for the kill and outage cases, as a plain Deno process of
// the same code (functions/notify/cli.ts) that the test can SIGKILL or point at a dead SMTP port.
// The scenarios share one file and run in order: the kill and outage cases pause the cron job and the
// insert nudge (restored after), so the stack's own dispatcher does not take their rows.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, db, serviceClient, signedInClient, stack, uniqueEmail } from '../support/stack.ts';

const root = join(import.meta.dirname, '..', '..');
const denoBin = () => {
  const local = join(root, 'node_modules', '.bin', 'deno');
  return existsSync(local) ? realpathSync(local) : 'deno';
};

interface InboxMessage {
  ID: string;
  MessageID: string;
  Subject: string;
  Text: string;
  HTML: string;
  To: Array<{ Address: string }>;
}

async function inboxFor(to: string): Promise<InboxMessage[]> {
  const res = await fetch(`${stack.inboxUrl}/api/v1/search?query=${encodeURIComponent('to:' + to)}`);
  const list = (await res.json()) as { messages: Array<{ ID: string }> };
  return Promise.all(list.messages.map(async (m) => (await fetch(`${stack.inboxUrl}/api/v1/message/${m.ID}`)).json()));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const runDispatcher = (body: Record<string, unknown> = {}) =>
  fetch(`${stack.url}/functions/v1/notify`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.serviceRoleKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** functions/notify/cli.ts as a child process with the stack's env (SMTP may be overridden). */
function startWorker(
  args: string[],
  env: Record<string, string> = {},
  onLine: (line: string) => void = () => {},
): { child: ChildProcess; lines: string[]; done: Promise<number> } {
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
        SMTP_HOST: process.env.SMTP_HOST ?? '127.0.0.1',
        SMTP_PORT: process.env.SMTP_PORT ?? String(Number(new URL(stack.inboxUrl).port) + 1),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  let buf = '';
  child.stdout!.on('data', (c: Buffer) => {
    buf += c.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
    parts.forEach(onLine);
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const done = new Promise<number>((ok) =>
    child.on('close', (code, signal) => {
      if (code && code !== 0) console.error(`notify cli exited ${code}: ${err}`);
      ok(code ?? (signal ? 137 : 1));
    }),
  );
  return { child, lines, done };
}

let c: pg.Client;
let businessId: string;
let serviceId: string;
const clientIds: string[] = [];

/** A client (with a pet) of the test business whose e-mail is unique to this run. */
async function newClient(tag: string): Promise<{ clientId: string; petId: string; email: string }> {
  const email = uniqueEmail(tag);
  const {
    rows: [row],
  } = await c.query(
    `with cl as (insert into public.clients (business_id, full_name, email) values ($1, $2, $3) returning id)
     insert into public.pets (business_id, client_id, name) select $1, cl.id, $4 from cl returning client_id, id`,
    [businessId, `Parent ${tag}`, email, `Pet-${tag}`],
  );
  clientIds.push(row.client_id);
  return { clientId: row.client_id, petId: row.id, email };
}

async function enqueue(clientId: string, key: string, template = 'booking_reminder'): Promise<string> {
  const { rows } = await c.query(
    `insert into public.notifications (business_id, recipient_client_id, channel, template, payload, dedupe_key)
     values ($1, $2, 'email', $3, jsonb_build_object('pet_name', 'Biscuit', 'service_name', 'Daycare',
       'starts_at', now() + interval '1 day'), $4) returning id`,
    [businessId, clientId, template, key],
  );
  return rows[0].id;
}

async function pauseDispatch(paused: boolean) {
  await c.query(`select cron.alter_job(jobid, active := $1) from cron.job where jobname = 'notify-dispatch'`, [
    !paused,
  ]);
  await c.query(`update private.notify_nudge set nudged_at = $1::timestamptz`, [paused ? 'infinity' : '-infinity']);
}

beforeAll(async () => {
  c = await db();
  const slug = `notify-${randomUUID().slice(0, 8)}`;
  businessId = (
    await c.query(
      `insert into public.businesses (name, slug, timezone) values ('Wagging Tails', $1, 'Europe/Paris') returning id`,
      [slug],
    )
  ).rows[0].id;
  serviceId = (
    await c.query(
      `insert into public.services (business_id, kind, name, daily_capacity) values ($1, 'daycare', 'Day Camp', 1) returning id`,
      [businessId],
    )
  ).rows[0].id;
});

afterAll(async () => {
  await pauseDispatch(false);
  await c.query(`delete from public.businesses where id = $1`, [businessId]);
  await c.end();
});

describe('outbox dispatcher', () => {
  it('cancel → the promoted parent gets one e-mail, however often the dispatcher runs', async () => {
    const first = await newClient('holder');
    const waiting = await newClient('waiting');
    const day = new Date(Date.now() + 3 * 86_400_000);
    day.setUTCHours(8, 0, 0, 0);
    const end = new Date(day.getTime() + 8 * 3_600_000);
    const book = async (cl: { clientId: string; petId: string }, status: string) =>
      (
        await c.query(
          `insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
           values ($1, $2, $3, $4, $5, $6, $7) returning id`,
          [businessId, serviceId, cl.petId, cl.clientId, day, end, status],
        )
      ).rows[0].id as string;
    const held = await book(first, 'confirmed');
    await book(waiting, 'waitlisted');

    const { error } = await serviceClient().rpc('cancel_booking', { p_booking_id: held, p_reason: 'test' });
    expect(error).toBeNull();
    const t0 = Date.now();
    const [mail] = await waitFor(
      'the promoted parent’s e-mail',
      async () => {
        const m = await inboxFor(waiting.email);
        return m.length > 0 && m;
      },
      120_000,
    );
    console.log(`promoted parent's e-mail arrived ${Date.now() - t0} ms after the cancellation`);
    expect(mail.Subject).toContain('Wagging Tails');
    expect(mail.Text).toContain(`Pet-waiting`);
    expect(mail.Text).toContain('Day Camp');

    // RFC 8058: both headers, the URL the one-click POST goes to
    const headers = (await (await fetch(`${stack.inboxUrl}/api/v1/message/${mail.ID}/headers`)).json()) as Record<
      string,
      string[]
    >;
    expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
    const oneClick = /^<(https?:\/\/[^>]+\/functions\/v1\/unsubscribe\/[0-9a-f-]{36})>$/.exec(
      headers['List-Unsubscribe'][0],
    )?.[1];
    expect(oneClick, headers['List-Unsubscribe'][0]).toBeTruthy();
    // the text's own link goes to the app's confirm page
    expect(mail.Text).toMatch(/\/unsubscribe\/[0-9a-f-]{36}/);

    // the dispatcher runs again (as cron would, and twice at once): nothing more is sent
    const again = await Promise.all([runDispatcher(), runDispatcher()]);
    for (const r of again) expect(r.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await inboxFor(waiting.email)).toHaveLength(1);
    const { rows } = await c.query(`select status, attempts from public.notifications where recipient_client_id = $1`, [
      waiting.clientId,
    ]);
    expect(rows).toEqual([{ status: 'sent', attempts: 1 }]);
    expect(await inboxFor(first.email)).toHaveLength(0);

    // the mail client's RFC 8058 POST (no session, no Origin, form-encoded) unsubscribes at once
    const opened = await fetch(oneClick!, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toMatch(/\/unsubscribe\/[0-9a-f-]{36}$/);
    const post = await fetch(oneClick!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    const prefs = await c.query(
      `select kind, channel, enabled from public.notification_preferences where client_id = $1`,
      [waiting.clientId],
    );
    expect(prefs.rows).toEqual([{ kind: 'waitlist_place_offered', channel: 'email', enabled: false }]);
    const unknown = await fetch(oneClick!.replace(/[0-9a-f-]{36}$/, randomUUID()), { method: 'POST', body: '' });
    expect(unknown.status).toBe(404);
  }, 150_000);

  it('one-click unsubscribe without sign-in turns that kind off; the next such message is skipped', async () => {
    const parent = await newClient('optout');
    await pauseDispatch(true);
    try {
      const id = await enqueue(parent.clientId, `optout-1-${randomUUID()}`);
      const token = (await c.query(`select unsubscribe_token from public.notifications where id = $1`, [id])).rows[0]
        .unsubscribe_token;
      const anon = anonClient();
      const look = await anon.rpc('unsubscribe', { p_token: token, p_apply: false });
      expect(look.error).toBeNull();
      expect(look.data).toMatchObject({
        business_name: 'Wagging Tails',
        kind: 'booking_reminder',
        unsubscribed: false,
      });
      const done = await anon.rpc('unsubscribe', { p_token: token });
      expect(done.error).toBeNull();
      expect(done.data).toMatchObject({ unsubscribed: true });
      const bad = await anon.rpc('unsubscribe', { p_token: randomUUID() });
      expect(bad.error?.hint).toBe('unsubscribe_link_not_found');

      // an anonymous caller can neither read the outbox nor the preferences
      expect((await anon.from('notifications').select('id')).data ?? []).toEqual([]);
      expect((await anon.from('notification_preferences').select('id')).data ?? []).toEqual([]);

      const r = await runDispatcher({ business_id: businessId });
      expect(r.status).toBe(200);
      const { rows } = await c.query(`select status, last_error from public.notifications where id = $1`, [id]);
      expect(rows[0].status).toBe('skipped');
      expect(rows[0].last_error).toMatch(/opted out/);
      expect(await inboxFor(parent.email)).toHaveLength(0);
    } finally {
      await pauseDispatch(false);
    }
  }, 60_000);

  it('only the service role may run the dispatcher', async () => {
    const asAnon = await fetch(`${stack.url}/functions/v1/notify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.anonKey}` },
    });
    expect(asAnon.status).toBe(403);
    const { client } = await signedInClient();
    const session = (await client.auth.getSession()).data.session!;
    const asUser = await fetch(`${stack.url}/functions/v1/notify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.access_token}` },
    });
    expect(asUser.status).toBe(403);
    const claim = await client.rpc('claim_notifications', {});
    expect(claim.error).not.toBeNull();
  });

  it('a dispatcher killed mid-batch loses nothing and sends nothing twice', async () => {
    await pauseDispatch(true);
    try {
      const recipients = [];
      for (let i = 0; i < 24; i++) recipients.push(await newClient(`kill${i}`));
      const ids: string[] = [];
      for (const r of recipients) ids.push(await enqueue(r.clientId, `kill-${randomUUID()}`));

      // one worker, one message at a time, 150 ms apart; killed the moment it prints its 6th recorded outcome,
      // so inside the pause before the 7th (polling for the line instead once let it send the 7th and die before
      // recording it: that message then went out twice, the at-least-once window no lease can close)
      let recorded = 0;
      const w = startWorker(
        ['--lease=10', '--batch=50', '--concurrency=1', '--pause-ms=150', `--business=${businessId}`],
        {},
        (line) => {
          if (line.startsWith('recorded') && ++recorded === 6) w.child.kill('SIGKILL');
        },
      );
      await w.done;
      const before = (
        await c.query(`select count(*)::int as n from public.notifications where id = any($1) and status = 'sent'`, [
          ids,
        ])
      ).rows[0].n as number;
      expect(before).toBeGreaterThanOrEqual(6);
      expect(before).toBeLessThan(24);
      const leased = (
        await c.query(`select count(*)::int as n from public.notifications where id = any($1) and status = 'sending'`, [
          ids,
        ])
      ).rows[0].n as number;
      expect(leased).toBeGreaterThan(0);

      // right away another run finds nothing to take (the lease holds) …
      const early = (await (await runDispatcher({ business_id: businessId })).json()) as { claimed: number };
      expect(early.claimed).toBe(0);
      // … and once the lease ran out, it delivers the rest
      await waitFor(
        'the lease to run out',
        async () =>
          (
            await c.query(
              `select count(*) filter (where next_attempt_at > now()) = 0 as free from public.notifications where id = any($1) and status = 'sending'`,
              [ids],
            )
          ).rows[0].free,
        15_000,
      );
      const late = (await (await runDispatcher({ business_id: businessId })).json()) as { sent: number };
      expect(late.sent).toBe(24 - before);

      const { rows } = await c.query(
        `select status, count(*)::int as n from public.notifications where id = any($1) group by 1`,
        [ids],
      );
      expect(rows).toEqual([{ status: 'sent', n: 24 }]);
      for (const r of recipients) {
        const got = await inboxFor(r.email);
        expect(got, r.email).toHaveLength(1);
      }
    } finally {
      await pauseDispatch(false);
    }
  }, 120_000);

  it('an SMTP outage retries with backoff, goes dead after N, and a manager’s retry delivers', async () => {
    await pauseDispatch(true);
    // an "SMTP server" that accepts connections and hangs up at once: the relay is down
    const sockets = new Set<Socket>();
    const down: Server = createServer((s) => {
      sockets.add(s);
      s.destroy();
    });
    await new Promise<void>((ok) => down.listen(0, '127.0.0.1', () => ok()));
    const port = String((down.address() as { port: number }).port);
    try {
      const parent = await newClient('outage');
      const id = await enqueue(parent.clientId, `outage-${randomUUID()}`);
      const seen: Array<{ attempts: number; status: string; next: number; at: number }> = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        // make the row due (the test does not wait out the backoff), run a worker against the dead relay
        await c.query(`update public.notifications set next_attempt_at = now() where id = $1`, [id]);
        const w = startWorker(['--max-attempts=3', '--backoff-base=20', `--business=${businessId}`], {
          SMTP_PORT: port,
        });
        expect(await w.done).toBe(0);
        const row = (
          await c.query(
            `select status, attempts, last_error, extract(epoch from next_attempt_at - now())::float as wait from public.notifications where id = $1`,
            [id],
          )
        ).rows[0];
        expect(row.last_error).toMatch(/^smtp: /);
        seen.push({ attempts: row.attempts, status: row.status, next: row.wait, at: attempt });
      }
      console.log('outage attempts:', JSON.stringify(seen));
      expect(seen.map((s) => s.status)).toEqual(['failed', 'failed', 'dead']);
      // backoff with jitter: attempt 1 waits 10–20 s, attempt 2 waits 20–40 s
      expect(seen[0].next).toBeGreaterThan(8);
      expect(seen[0].next).toBeLessThanOrEqual(21);
      expect(seen[1].next).toBeGreaterThan(18);
      expect(seen[1].next).toBeLessThanOrEqual(41);
      expect(await inboxFor(parent.email)).toHaveLength(0);

      // a manager of another business cannot retry it; a parent cannot; the business's manager can
      const outsider = await signedInClient();
      const refused = await outsider.client.rpc('retry_notification', { p_id: id });
      expect(refused.error?.hint).toBe('notification_not_found');
      const manager = await signedInClient();
      await c.query(`insert into public.memberships (business_id, user_id, role) values ($1, $2, 'manager')`, [
        businessId,
        manager.user.id,
      ]);
      const retried = await manager.client.rpc('retry_notification', { p_id: id });
      expect(retried.error).toBeNull();
      expect(retried.data).toMatchObject({ status: 'pending', attempts: 0 });
      const again = await manager.client.rpc('retry_notification', { p_id: id });
      expect(again.error?.hint).toBe('notification_not_retryable');

      // the relay is back (the stack's SMTP sink): the retry nudged the stack's dispatcher, which delivers it
      await waitFor('the retried e-mail', async () => (await inboxFor(parent.email)).length > 0, 60_000);
      await runDispatcher({ business_id: businessId });
      expect(await inboxFor(parent.email)).toHaveLength(1);
      const row = (await c.query(`select status, attempts from public.notifications where id = $1`, [id])).rows[0];
      expect(row).toEqual({ status: 'sent', attempts: 1 });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => down.close(() => ok()));
      await pauseDispatch(false);
    }
  }, 120_000);
});
