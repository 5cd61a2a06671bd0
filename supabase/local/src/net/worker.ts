// The pg_net background worker, in Node: sleeps until net.wake() (NOTIFY pg_net_wake) or the next
// poll, takes queued requests in batches with DELETE … RETURNING (so each is sent once), sends them
// concurrently, and records one net._http_response row per request. Responses older than the TTL
// are deleted, as pg_net does. Settings are read from the database like pg_net's GUCs:
// `alter database postgres set pg_net.ttl = '1 hour'`, `… set pg_net.batch_size = 100`.
import pg from 'pg';
import type { StackContext } from '../gateway/types.ts';
import { perform, type QueuedRequest, type ResponseRow } from './request.ts';

const POLL_MS = 1000;
const CLEANUP_EVERY_MS = 10_000;
const DEFAULT_BATCH = 200;
const DEFAULT_TTL = '6 hours';

export async function start(ctx: StackContext): Promise<{ stop(): Promise<void> }> {
  const { config } = ctx;
  const log = (m: string) => ctx.log('net', m);
  let stopped = false;
  let listener: pg.Client | undefined;
  let draining: Promise<void> | undefined;
  let again = false;
  const inFlight = new Set<Promise<void>>();
  let lastCleanup = 0;

  const settings = async () => {
    const { rows } = await ctx.adminPool.query(
      `select coalesce(nullif(current_setting('pg_net.batch_size', true), '')::int, $1) as batch,
              coalesce(nullif(current_setting('pg_net.ttl', true), ''), $2)::interval::text as ttl`,
      [DEFAULT_BATCH, DEFAULT_TTL],
    );
    return rows[0] as { batch: number; ttl: string };
  };

  const record = async (row: ResponseRow) => {
    await ctx.adminPool.query(
      `insert into net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [row.id, row.status_code, row.content_type, row.headers, row.content, row.timed_out, row.error_msg],
    );
  };

  const send = (req: QueuedRequest) => {
    const p = perform(req)
      .then(record)
      .catch((e) => log(`request ${req.id}: cannot record response: ${e.message}`))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const drainOnce = async () => {
    const { batch, ttl } = await settings();
    for (;;) {
      // Each batch leaves the queue in one statement, so two drains never send a request twice.
      const { rows } = await ctx.adminPool.query<QueuedRequest>(
        `delete from net.http_request_queue
          where id in (select id from net.http_request_queue order by id limit $1 for update skip locked)
          returning id::text, method::text, url, headers, body, timeout_milliseconds`,
        [batch],
      );
      // Requests run concurrently and are not awaited here: one slow endpoint must not hold the queue.
      for (const r of rows) send(r);
      if (rows.length < batch) break;
    }
    if (Date.now() - lastCleanup > CLEANUP_EVERY_MS) {
      lastCleanup = Date.now();
      await ctx.adminPool.query(`delete from net._http_response where created < now() - $1::interval`, [ttl]);
    }
  };

  const wake = () => {
    if (stopped) return;
    if (draining) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        try {
          await drainOnce();
        } catch (e) {
          // The schema may be missing (a database without 50_net.sql) or the db restarting.
          if (!stopped) log(`drain failed: ${(e as Error).message}`);
        }
      } while (again && !stopped);
    })().finally(() => (draining = undefined));
  };

  const listen = async () => {
    if (stopped) return;
    const client = new pg.Client({
      host: config.host,
      port: config.ports.db,
      database: 'postgres',
      user: 'postgres',
      password: 'postgres',
      application_name: 'pg_net worker',
    });
    client.on('notification', wake);
    client.on('error', (e) => {
      log(`listener lost: ${e.message}; reconnecting`);
      client.end().catch(() => {});
      if (listener === client) listener = undefined;
      setTimeout(() => listen().catch(() => {}), 1000);
    });
    try {
      await client.connect();
      await client.query('listen pg_net_wake');
      listener = client;
    } catch (e) {
      log(`cannot listen: ${(e as Error).message}; retrying`);
      client.end().catch(() => {});
      setTimeout(() => listen().catch(() => {}), 1000);
    }
  };

  await listen();
  const poll = setInterval(wake, POLL_MS);
  wake();

  return {
    async stop() {
      stopped = true;
      clearInterval(poll);
      await draining;
      await Promise.allSettled([...inFlight]);
      await listener?.end().catch(() => {});
    },
  };
}
