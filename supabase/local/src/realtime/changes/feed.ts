// postgres_changes: polls the wal2json slot while anyone subscribes, matches each change against the
// bindings (table, event, filter), checks per subscriber that they could SELECT the row (RLS, as
// the subscriber's role and claims) and pushes `postgres_changes` frames.
import type pg from 'pg';
import { encodeText } from '../protocol.ts';
import type { Member } from '../member.ts';
import { Backoff } from '../backoff.ts';
import { matchesFilter } from './bindings.ts';
import { visibleTo, type TableInfo } from './visibility.ts';
import { WalSlot, type WalChange, type WalColumn } from './wal.ts';

const POLL_MS = 60;
/** How long the slot outlives its last subscriber (avoids recreating it for every short-lived join). */
const IDLE_DROP_MS = 5000;
const ACTION = { I: 'INSERT', U: 'UPDATE', D: 'DELETE' } as const;

export class ChangeFeed {
  /** Subscribers, each with the slot generation its changes are read from. */
  private members = new Map<Member, number>();
  private slot: WalSlot;
  private pool: pg.Pool;
  private log: (m: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private typnames = new Map<number, string>();
  private stopped = false;
  /** Joins between slot creation and registration: the slot must not be dropped under them. */
  private joining = 0;
  private idleSince = 0;

  private backoff = new Backoff();
  private onGap: (members: Member[]) => void;

  /** `onGap` gets the subscribers who may have missed changes while the slot was gone. */
  constructor(pool: pg.Pool, slot: WalSlot, log: (m: string) => void, onGap: (members: Member[]) => void) {
    this.pool = pool;
    this.slot = slot;
    this.log = log;
    this.onGap = onGap;
  }

  /**
   * Registers a member's bindings. Resolves once the slot exists and no poll that predates the
   * registration is still running, so every change committed after the join reply is delivered.
   */
  async add(m: Member): Promise<void> {
    if (!m.pgBindings.length) return;
    this.joining++;
    try {
      await this.slot.create();
      await this.polling;
      this.members.set(m, this.slot.generation);
    } finally {
      this.joining--;
    }
    this.schedule();
  }

  remove(m: Member): void {
    this.members.delete(m);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await this.slot.drop();
  }

  private schedule(wait = POLL_MS): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.poll().finally(() => {
        this.polling = null;
      });
    }, wait);
  }

  /**
   * Makes a new slot after the old one died with its session (a Postgres restart, a terminated
   * backend). Failures back off (100 ms doubling to 5 s) and never give up while anyone subscribes.
   */
  private async reopen(): Promise<boolean> {
    try {
      await this.slot.create();
    } catch (e: any) {
      const wait = this.backoff.delay();
      this.log(`postgres_changes slot unavailable (${e?.message ?? e}); retrying in ${wait} ms`);
      this.schedule(wait);
      return false;
    }
    this.backoff.reset();
    return true;
  }

  /** Subscribers registered under an earlier slot missed the gap: they are told to rejoin and catch up. */
  private releaseStale(): void {
    const stale = [...this.members].filter(([, gen]) => gen !== this.slot.generation).map(([m]) => m);
    if (!stale.length) return;
    for (const m of stale) this.members.delete(m);
    this.log(`postgres_changes slot re-created; ${stale.length} subscriber(s) asked to rejoin`);
    this.onGap(stale);
  }

  private tables(): Set<string> {
    const out = new Set<string>();
    for (const m of this.members.keys()) for (const b of m.pgBindings) for (const t of b.tables) out.add(t);
    return out;
  }

  private async poll(): Promise<void> {
    if (!this.members.size) {
      // Nobody listens: soon drop the slot so Postgres keeps no WAL for us.
      if (!this.idleSince) this.idleSince = Date.now();
      if (!this.joining && Date.now() - this.idleSince >= IDLE_DROP_MS) {
        this.idleSince = 0;
        await this.slot.drop();
        return;
      }
      await this.slot.skip().catch((e) => this.log(`slot advance failed: ${e.message}`));
      this.schedule();
      return;
    }
    this.idleSince = 0;
    if (!this.slot.open && !(await this.reopen())) return;
    this.releaseStale();
    try {
      const t0 = performance.now();
      const changes = await this.slot.take(this.tables());
      const t1 = performance.now();
      if (changes.length) await this.dispatch(changes);
      if (process.env.REALTIME_DEBUG && changes.length)
        this.log(
          `poll: take ${(t1 - t0).toFixed(1)} ms, dispatch ${changes.length} in ${(performance.now() - t1).toFixed(1)} ms`,
        );
    } catch (e: any) {
      this.log(`postgres_changes poll failed: ${e?.message ?? e}`);
    }
    this.schedule();
  }

  private async typname(oid: number): Promise<string> {
    let n = this.typnames.get(oid);
    if (n) return n;
    const r = await this.pool.query<{ typname: string }>('select typname from pg_type where oid = $1', [oid]);
    n = r.rows[0]?.typname ?? 'text';
    this.typnames.set(oid, n);
    return n;
  }

  private async dispatch(changes: WalChange[]): Promise<void> {
    const info = await this.tableInfo(changes);
    for (const ch of changes) {
      const type = ACTION[ch.action];
      const qualified = `${ch.schema}.${ch.table}`;
      const cols = ch.columns ?? ch.identity ?? [];
      const typeOf = new Map<string, string>();
      for (const c of [...cols, ...(ch.identity ?? [])]) typeOf.set(c.name, await this.typname(c.typeoid));
      const record = toRecord(ch.columns);
      const old = toRecord(ch.identity);
      const filterRow = ch.action === 'D' ? old : record;
      // Which member bindings want this change (table, event and filter).
      const wanted = new Map<Member, number[]>();
      for (const m of this.members.keys()) {
        for (const b of m.pgBindings) {
          if (!b.tables.has(qualified)) continue;
          if (b.event !== '*' && b.event !== type) continue;
          if (b.filter && !matchesFilter(b.filter, filterRow[b.filter.column], typeOf.get(b.filter.column) ?? 'text'))
            continue;
          const ids = wanted.get(m) ?? [];
          ids.push(b.id);
          wanted.set(m, ids);
        }
      }
      if (!wanted.size) continue;
      const table = info.get(qualified);
      if (!table) continue;
      const allowed = await visibleTo(this.pool, table, ch, [...wanted.keys()], this.log);
      const data = {
        schema: ch.schema,
        table: ch.table,
        commit_timestamp: isoTimestamp(ch.timestamp),
        type,
        columns: (ch.columns ?? ch.identity ?? []).map((c) => ({ name: c.name, type: typeOf.get(c.name) ?? 'text' })),
        record: ch.action === 'D' ? {} : record,
        old_record: ch.action === 'I' ? {} : old,
        errors: null,
      };
      for (const [m, ids] of wanted) {
        if (!allowed.has(m) || !this.members.has(m)) continue;
        m.conn.sendText(
          encodeText(m.conn.vsn, {
            joinRef: null,
            ref: null,
            topic: m.topic,
            event: 'postgres_changes',
            payload: { ids, data },
          }),
        );
      }
    }
  }

  private async tableInfo(changes: WalChange[]): Promise<Map<string, TableInfo>> {
    const names = [...new Set(changes.map((c) => `${c.schema}.${c.table}`))];
    const r = await this.pool.query<{ schema: string; name: string; rls: boolean; oid: number }>(
      `select n.nspname as schema, c.relname as name, c.relrowsecurity as rls, c.oid::int as oid
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname || '.' || c.relname = any($1::text[])`,
      [names],
    );
    return new Map(r.rows.map((t) => [`${t.schema}.${t.name}`, t]));
  }
}

function toRecord(cols?: WalColumn[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of cols ?? []) out[c.name] = c.value;
  return out;
}

/** wal2json prints `2026-01-02 03:04:05.123456+00`; realtime sends ISO 8601 in UTC. */
function isoTimestamp(ts: string): string {
  const d = new Date(ts.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? ts : d.toISOString();
}
