// The logical slot postgres_changes reads from: a *temporary* wal2json slot owned by one dedicated
// connection, so Postgres drops it by itself if this process dies; stop() drops it explicitly.
// It exists only while someone subscribes, so no WAL is retained for nobody.
import pg from 'pg';

export interface WalColumn {
  name: string;
  type: string;
  typeoid: number;
  value?: unknown;
}

export interface WalChange {
  action: 'I' | 'U' | 'D';
  timestamp: string;
  schema: string;
  table: string;
  columns?: WalColumn[];
  identity?: WalColumn[];
  pk?: Array<Omit<WalColumn, 'value'>>;
}

/** wal2json's add-tables syntax: comma-separated `schema.table`, with separators backslash-escaped. */
export function addTablesOption(tables: Iterable<string>): string {
  return [...tables]
    .map((qualified) => {
      const at = qualified.indexOf('.');
      const esc = (s: string) => s.replace(/([\\,.* ])/g, '\\$1');
      return `${esc(qualified.slice(0, at))}.${esc(qualified.slice(at + 1))}`;
    })
    .join(',');
}

export class WalSlot {
  readonly name: string;
  private client: pg.Client | null = null;
  /** Concurrent joins share one creation. */
  private creating: Promise<void> | null = null;
  private opts: pg.ClientConfig;

  constructor(opts: pg.ClientConfig, name: string) {
    this.opts = opts;
    this.name = name;
  }

  get open(): boolean {
    return this.client !== null;
  }

  /**
   * Counts the slots made so far. A new slot starts at the current WAL position, so a subscriber
   * registered under an older one may have missed what happened while no slot existed.
   */
  generation = 0;

  async create(): Promise<void> {
    if (this.client) return;
    this.creating ??= this.open_().finally(() => {
      this.creating = null;
    });
    return this.creating;
  }

  private async open_(): Promise<void> {
    const c = new pg.Client({ ...this.opts, application_name: 'local-realtime-slot' });
    // The session (and with it the temporary slot) is gone; the next poll recreates both.
    const gone = () => {
      if (this.client !== c) return;
      this.client = null;
      c.end().catch(() => {});
    };
    c.on('error', gone);
    c.on('end', gone);
    await c.connect().catch(async (e) => {
      await c.end().catch(() => {});
      throw e;
    });
    try {
      await c.query(`select pg_create_logical_replication_slot($1, 'wal2json', true)`, [this.name]);
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
    this.client = c;
    this.generation++;
  }

  /** Consumes every change decoded since the last call, limited to `tables`. */
  async take(tables: Set<string>): Promise<WalChange[]> {
    if (!this.client || !tables.size) return [];
    const r = await this.client.query<{ data: string }>(
      `select data from pg_logical_slot_get_changes($1, null, null,
         'format-version', '2', 'include-pk', 'true', 'include-timestamp', 'true',
         'include-type-oids', 'true', 'include-transaction', 'false',
         'actions', 'insert,update,delete', 'add-tables', $2)`,
      [this.name, addTablesOption(tables)],
    );
    const out: WalChange[] = [];
    for (const row of r.rows) {
      const change = JSON.parse(row.data) as WalChange;
      if (change.action === 'I' || change.action === 'U' || change.action === 'D') out.push(change);
    }
    return out;
  }

  /** Skips everything decoded so far (while nobody listens, nothing is owed to anyone). */
  async skip(): Promise<void> {
    if (!this.client) return;
    await this.client.query('select pg_replication_slot_advance($1, pg_current_wal_lsn())', [this.name]);
  }

  async drop(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (!c) return;
    await c.query('select pg_drop_replication_slot($1)', [this.name]).catch(() => {});
    await c.end().catch(() => {});
  }
}
