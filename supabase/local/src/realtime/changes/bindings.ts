// postgres_changes bindings as the client asks for them at join ({event, schema, table, filter}),
// checked against publication supabase_realtime, and the row filters realtime accepts.
import type pg from 'pg';

export type ChangeEvent = '*' | 'INSERT' | 'UPDATE' | 'DELETE';
export type FilterOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'in';

export interface RowFilter {
  column: string;
  op: FilterOp;
  values: string[];
}

export interface PgBinding {
  id: number;
  event: ChangeEvent;
  /** The binding exactly as requested, echoed in the join reply (the client matches it positionally). */
  requested: Record<string, unknown>;
  /** Qualified `schema.table` names the binding covers (wildcards resolved at join). */
  tables: Set<string>;
  filter?: RowFilter;
}

export class BindingError extends Error {}

const OPS = new Set<FilterOp>(['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'in']);

/** Parses `column=op.value` (`in.(a,b,"c,d")` for lists). */
export function parseFilter(text: string): RowFilter {
  const eq = text.indexOf('=');
  const dot = text.indexOf('.', eq + 1);
  if (eq <= 0 || dot < 0) throw new BindingError(`invalid filter: ${text}`);
  const column = text.slice(0, eq).trim();
  const op = text.slice(eq + 1, dot) as FilterOp;
  const raw = text.slice(dot + 1);
  if (!OPS.has(op))
    throw new BindingError(
      `invalid filter operator "${op}" in ${text} (realtime accepts eq, neq, lt, lte, gt, gte, in)`,
    );
  if (op !== 'in') return { column, op, values: [raw] };
  const m = /^\((.*)\)$/s.exec(raw.trim());
  if (!m) throw new BindingError(`invalid "in" filter, expected in.(a,b,…): ${text}`);
  return { column, op, values: splitList(m[1]) };
}

function splitList(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\\' && quoted && i + 1 < s.length) cur += s[++i];
    else if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || out.length) out.push(cur.trim());
  return out;
}

const NUMERIC_TYPES = new Set(['int2', 'int4', 'int8', 'float4', 'float8', 'numeric', 'oid']);
const TIME_TYPES = new Set(['timestamp', 'timestamptz', 'date']);

/** Does a row value (as wal2json renders it) satisfy the filter? `typname` decides how to compare. */
export function matchesFilter(f: RowFilter, value: unknown, typname: string): boolean {
  if (value === undefined) return false;
  if (value === null) return f.op === 'neq' ? true : false;
  const cmp = (want: string): number => {
    if (NUMERIC_TYPES.has(typname)) return Number(value) - Number(want);
    if (TIME_TYPES.has(typname)) return parseTime(String(value)) - parseTime(want);
    if (typname === 'bool') return String(value) === want ? 0 : 1;
    const a = String(value);
    return a === want ? 0 : a < want ? -1 : 1;
  };
  switch (f.op) {
    case 'eq':
      return cmp(f.values[0]) === 0;
    case 'neq':
      return cmp(f.values[0]) !== 0;
    case 'lt':
      return cmp(f.values[0]) < 0;
    case 'lte':
      return cmp(f.values[0]) <= 0;
    case 'gt':
      return cmp(f.values[0]) > 0;
    case 'gte':
      return cmp(f.values[0]) >= 0;
    case 'in':
      return f.values.some((v) => cmp(v) === 0);
  }
}

/** Postgres prints `2026-01-02 03:04:05+00`; JavaScript wants `T` and a `+00:00` offset. */
function parseTime(text: string): number {
  return Date.parse(
    text
      .trim()
      .replace(' ', 'T')
      .replace(/([+-]\d\d)$/, '$1:00'),
  );
}

let nextId = 1;

/** Binding ids are unique per process; the client only matches them within its channel. */
export function nextBindingId(): number {
  return nextId++;
}

/**
 * Resolves the join's postgres_changes list. Tables must be in publication supabase_realtime and
 * filter columns must exist, otherwise the whole list is refused (as Supabase does).
 */
export async function resolveBindings(
  db: pg.Pool | pg.Client,
  requested: Array<Record<string, any>>,
): Promise<PgBinding[]> {
  if (!requested.length) return [];
  const pub = await db.query<{ schemaname: string; tablename: string }>(
    `select schemaname, tablename from pg_publication_tables where pubname = 'supabase_realtime'`,
  );
  const published = pub.rows.map((r) => ({ schema: r.schemaname, table: r.tablename }));
  const out: PgBinding[] = [];
  for (const req of requested) {
    // Column selection is not implemented here; refusing beats silently sending every column.
    if (req.select !== undefined)
      throw new BindingError(
        'postgres_changes column selection ("select") is not supported by the local realtime service',
      );
    const event = String(req.event ?? '*').toUpperCase() as ChangeEvent;
    if (!['*', 'INSERT', 'UPDATE', 'DELETE'].includes(event)) throw new BindingError(`invalid event "${req.event}"`);
    const schema = String(req.schema ?? 'public');
    const table = req.table == null || req.table === '' ? '*' : String(req.table);
    const tables = published.filter(
      (p) => (schema === '*' || p.schema === schema) && (table === '*' || p.table === table),
    );
    if (!tables.length) {
      throw new BindingError(
        `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [event: ${event}, schema: ${schema}, table: ${table}, filters: ${req.filter ?? '[]'}]`,
      );
    }
    let filter: RowFilter | undefined;
    if (req.filter) {
      if (table === '*' || schema === '*') throw new BindingError('filters need a specific schema and table');
      filter = parseFilter(String(req.filter));
      const col = await db.query(
        `select 1 from pg_attribute where attrelid = format('%I.%I', $1::text, $2::text)::regclass and attname = $3 and attnum > 0 and not attisdropped`,
        [schema, table, filter.column],
      );
      if (!col.rowCount) throw new BindingError(`invalid column for filter ${filter.column}`);
    }
    out.push({
      id: nextBindingId(),
      event,
      requested: req,
      tables: new Set(tables.map((t) => `${t.schema}.${t.table}`)),
      filter,
    });
  }
  return out;
}
