// Delivers realtime.send / realtime.broadcast_changes: the AFTER INSERT trigger on realtime.messages
// NOTIFYs the row id at commit; we LISTEN on a dedicated connection, read the rows in batches and
// broadcast them to the topic's room (private rows only to private channels, whose members were
// authorised at join).
import pg from 'pg';
import { Backoff } from './backoff.ts';
import type { Hub } from './hub.ts';

export class DbBroadcasts {
  private client: pg.Client | null = null;
  private pending: string[] = [];
  private draining = false;
  private opts: pg.ClientConfig;
  private pool: pg.Pool;
  private hub: Hub;
  private log: (m: string) => void;
  private stopped = false;
  private sweeper: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private backoff = new Backoff();
  private onGap: () => void;

  /** `onGap` runs after the connection came back: messages may have been missed in between. */
  constructor(opts: pg.ClientConfig, pool: pg.Pool, hub: Hub, log: (m: string) => void, onGap: () => void) {
    this.opts = opts;
    this.pool = pool;
    this.hub = hub;
    this.log = log;
    this.onGap = onGap;
  }

  /** The first connection: failing here fails the stack's start, as any other service would. */
  async start(): Promise<void> {
    await this.connect();
    // Delivered messages are kept a while (Supabase keeps about three days), then swept.
    this.sweeper ??= setInterval(() => {
      this.pool
        .query(`delete from realtime.messages where inserted_at < now() - interval '3 days'`)
        .catch((e) => this.log(`sweep failed: ${e.message}`));
    }, 10 * 60_000).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => {});
    this.client = null;
  }

  private async connect(): Promise<void> {
    const c = new pg.Client({ ...this.opts, application_name: 'local-realtime-listen' });
    // pg reports one loss as 'error' and/or 'end'; either means NOTIFYs are no longer heard.
    const lost = (why: string) => this.lost(c, why);
    c.on('error', (e) => lost(e.message));
    c.on('end', () => lost('connection ended'));
    c.on('notification', (n) => {
      if (n.channel !== 'realtime_messages' || !n.payload) return;
      this.pending.push(n.payload);
      if (!this.draining) void this.drain();
    });
    try {
      await c.connect();
      await c.query('listen realtime_messages');
    } catch (e) {
      // Never became this.client, so lost() ignores its events.
      await c.end().catch(() => {});
      throw e;
    }
    if (this.stopped) return void (await c.end().catch(() => {}));
    this.client = c;
  }

  private lost(c: pg.Client, why: string): void {
    if (this.client !== c || this.stopped) return;
    this.client = null;
    c.end().catch(() => {});
    this.log(`listen connection lost (${why}); reconnecting`);
    this.reconnectSoon();
  }

  /**
   * Retries forever with backoff. NOTIFYs sent while nobody listened are gone, so once listening
   * again every joined channel is told to rejoin (and its page to catch up).
   */
  private reconnectSoon(wait = this.backoff.delay()): void {
    this.retry = setTimeout(async () => {
      this.retry = null;
      if (this.stopped) return;
      try {
        await this.connect();
      } catch (e: any) {
        const next = this.backoff.delay();
        this.log(`listen reconnect failed (${e?.message ?? e}); next try in ${next} ms`);
        return this.reconnectSoon(next);
      }
      this.backoff.reset();
      this.log('listen connection restored; asking joined channels to rejoin');
      this.onGap();
    }, wait);
  }

  /**
   * Fans out pending notifications in commit order. Most carry the whole message; for those that
   * only carry an id (too large for NOTIFY) the rows are read in one query.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.pending.length).map(parseNotification);
        const ids = batch.filter((b): b is string => typeof b === 'string');
        const rows = new Map<string, Row>();
        if (ids.length) {
          const r = await this.pool.query<Row>(
            'select id, topic, event, payload, private from realtime.messages where id = any($1::uuid[])',
            [ids],
          );
          for (const row of r.rows) rows.set(row.id, row);
        }
        for (const b of batch) {
          const row = typeof b === 'string' ? rows.get(b) : b;
          if (!row) continue;
          this.hub.broadcast(
            { isPrivate: row.private, subTopic: row.topic },
            { event: row.event ?? '', payload: row.payload, meta: { id: row.id } },
          );
        }
      }
    } catch (e: any) {
      this.log(`broadcast from database failed: ${e?.message ?? e}`);
    } finally {
      this.draining = false;
    }
  }
}

interface Row {
  id: string;
  topic: string;
  event: string | null;
  payload: unknown;
  private: boolean;
}

/** A whole message (JSON object) or just the id of a row to read. */
function parseNotification(text: string): Row | string {
  return text.startsWith('{') ? (JSON.parse(text) as Row) : text;
}
