// The per-subscriber check Supabase makes before sending a change: the subscriber's role must be
// allowed to SELECT the table, and for INSERT/UPDATE on a table with RLS the *current* row must be
// visible to them, probed as their role and JWT claims. realtime.visible_to (40_realtime.sql) runs
// all those probes in one round trip. DELETE bypasses RLS (the row is gone) and only carries the
// old identity columns.
import type pg from 'pg';
import type { Member } from '../member.ts';
import type { WalChange } from './wal.ts';

export interface TableInfo {
  schema: string;
  name: string;
  rls: boolean;
  oid: number;
}

export async function visibleTo(
  pool: pg.Pool,
  table: TableInfo,
  ch: WalChange,
  members: Member[],
  log: (m: string) => void,
): Promise<Set<Member>> {
  // Subscribers with identical claims share one verdict.
  const groups = new Map<string, Member[]>();
  for (const m of members) {
    const key = JSON.stringify(m.claims);
    const list = groups.get(key) ?? [];
    list.push(m);
    groups.set(key, list);
  }
  const keys = [...groups.keys()];
  const out = new Set<Member>();
  const needsProbe = table.rls && ch.action !== 'D';
  if (!needsProbe) {
    const roles = [...new Set(members.map((m) => m.claims.role))];
    const priv = await pool.query<{ rolname: string }>(
      `select rolname from pg_roles where rolname = any($1::text[]) and has_table_privilege(rolname, $2::oid, 'select')`,
      [roles, table.oid],
    );
    const canSelect = new Set(priv.rows.map((r) => r.rolname));
    for (const m of members) if (canSelect.has(m.claims.role)) out.add(m);
    return out;
  }
  const probe = pkProbe(table, ch);
  if (!probe) {
    log(`postgres_changes: ${table.schema}.${table.name} has RLS but no primary key; its changes are not sent`);
    return out;
  }
  const r = await pool.query<{ verdicts: boolean[] }>(
    'select realtime.visible_to($1::oid::regclass, $2, $3::text[], $4::jsonb[]) as verdicts',
    [table.oid, probe.predicate, probe.values, keys],
  );
  const verdicts = r.rows[0]?.verdicts ?? [];
  keys.forEach((k, i) => {
    if (verdicts[i]) for (const m of groups.get(k)!) out.add(m);
  });
  return out;
}

/** `"id" = ($1)[1]::bigint and …` over the change's primary key, with the values as text. */
function pkProbe(table: TableInfo, ch: WalChange): { predicate: string; values: Array<string | null> } | null {
  if (!ch.pk?.length || !ch.columns) return null;
  const byName = new Map(ch.columns.map((col) => [col.name, col]));
  const conds: string[] = [];
  const values: Array<string | null> = [];
  for (const k of ch.pk) {
    const col = byName.get(k.name);
    if (!col) return null;
    values.push(
      col.value === null || col.value === undefined
        ? null
        : typeof col.value === 'object'
          ? JSON.stringify(col.value)
          : String(col.value),
    );
    // The type text comes from the catalog via wal2json (format_type), never from a client.
    conds.push(`${quoteIdent(k.name)} = ($1)[${values.length}]::${k.type}`);
  }
  return { predicate: conds.join(' and '), values };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
