// The schema cache: tables, columns, keys, foreign-key relationships, functions and role settings,
// read from the catalogs once at start and again on `NOTIFY pgrst, 'reload schema'` (and on DDL,
// through an event trigger that sends that notification, as Supabase installs one for PostgREST).
import type pg from 'pg';

export interface Column {
  name: string;
  type: string;
  /** pg_type.typcategory: 'S' string, 'N' numeric, 'A' array, 'U' user (json/jsonb/tsvector)… */
  category: string;
  typname: string;
  nullable: boolean;
  /** The DEFAULT expression as Postgres prints it (pg_get_expr), used for Prefer: missing=default. */
  default: string | null;
  generated: boolean;
  /** 'a' (GENERATED ALWAYS) or 'd' (BY DEFAULT) for identity columns, whose `default` is their nextval(). */
  identity?: 'a' | 'd' | null;
}

export interface Table {
  schema: string;
  name: string;
  kind: 'table' | 'view' | 'matview' | 'foreign' | 'partitioned';
  columns: Map<string, Column>;
  pk: string[];
  uniques: string[][];
  insertable: boolean;
  /**
   * Computed fields: functions whose one required parameter is this table's row type and that return a
   * single value, usable as columns in select, filters and order (never part of `*`).
   */
  computed?: Map<string, Func>;
}

export type Cardinality = 'm2o' | 'o2m' | 'o2o' | 'm2m';

export interface Relationship {
  cardinality: Cardinality;
  table: Table;
  foreign: Table;
  /** FK constraint name (m2o/o2m/o2o). */
  constraint: string;
  /** (column of `table`, column of `foreign`) pairs. */
  columns: Array<[string, string]>;
  isSelf: boolean;
  /** A computed relationship: this function, called with the parent row, gives the embedded rows. */
  computed?: Func;
  junction?: {
    table: Table;
    constraint1: string;
    constraint2: string;
    /** (junction column, `table` column) pairs. */
    source: Array<[string, string]>;
    /** (junction column, `foreign` column) pairs. */
    target: Array<[string, string]>;
  };
}

export interface FuncParam {
  name: string;
  type: string;
  hasDefault: boolean;
  variadic: boolean;
}

export interface Func {
  schema: string;
  name: string;
  params: FuncParam[];
  returnsSet: boolean;
  /** 'void' | 'scalar' | 'composite' (a table row type or record with OUT columns). */
  returnKind: 'void' | 'scalar' | 'composite';
  returnType: string;
  /** When the function returns rows of a cached table type, embeds can start from that table. */
  returnTable?: Table;
  /** The columns of RETURNS TABLE / OUT parameters, as a table-like shape for name checks. */
  outTable?: Table;
  volatility: 'i' | 's' | 'v';
  /**
   * Callable through /rpc: PostgREST leaves out functions with an unnamed parameter, except a single
   * unnamed json, jsonb, text, xml or bytea one (those still serve as computed fields/relationships).
   */
  rpc: boolean;
  /** In PostgREST's function cache (callable, or taking a table's row: a computed field/relationship); used for PGRST202 hints. */
  cached: boolean;
}

/** The types a single unnamed parameter may have for the function to be callable through /rpc. */
export const UNNAMED_PARAM_TYPES = ['json', 'jsonb', 'text', 'xml', 'bytea'];

export interface SchemaCache {
  tables: Map<string, Table>;
  relationships: Map<string, Relationship[]>;
  functions: Map<string, Func[]>;
  roleSettings: Map<string, Array<[string, string]>>;
  /** Bumped on every reload; part of prepared statement names so stale plans are never reused. */
  generation: number;
}

export const qualified = (schema: string, name: string) => `${schema}.${name}`;

const TABLES_SQL = `
select n.nspname as schema, c.relname as name, c.relkind as kind,
  coalesce((select json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'category', t.typcategory, 'typname', t.typname,
      'nullable', not a.attnotnull, 'default', coalesce(pg_get_expr(d.adbin, d.adrelid), case when a.attidentity <> ''
        then format('nextval(%L::regclass)', pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname)) end),
      'generated', a.attgenerated <> '' or a.attidentity = 'a', 'identity', nullif(a.attidentity, ''))
      order by a.attnum)
    from pg_attribute a
    join pg_type t on t.oid = a.atttypid
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]') as columns,
  (c.relkind in ('r', 'p', 'f') or pg_relation_is_updatable(c.oid::regclass, true) & 8 = 8) as insertable
from pg_class c
join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'v', 'm', 'f', 'p')
  and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'
`;

const CONSTRAINTS_SQL = `
select c.conname as name, c.contype as type, ns.nspname as schema, cl.relname as table,
  fns.nspname as fschema, fcl.relname as ftable,
  (select array_agg(a.attname::text order by k.ord) from unnest(c.conkey) with ordinality k(num, ord)
     join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.num) as cols,
  (select array_agg(a.attname::text order by k.ord) from unnest(c.confkey) with ordinality k(num, ord)
     join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.num) as fcols
from pg_constraint c
join pg_class cl on cl.oid = c.conrelid
join pg_namespace ns on ns.oid = cl.relnamespace
left join pg_class fcl on fcl.oid = c.confrelid
left join pg_namespace fns on fns.oid = fcl.relnamespace
where c.contype in ('p', 'u', 'f') and ns.nspname not in ('pg_catalog', 'information_schema')
order by c.conname
`;

const FUNCTIONS_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile as volatility, p.proretset as returns_set,
  p.pronargs as nargs, p.pronargdefaults as ndefaults, p.proargnames as argnames, p.proargmodes::text[] as argmodes,
  (select array_agg(format_type(t, null) order by o) from unnest(p.proargtypes) with ordinality u(t, o)) as argtypes,
  (select array_agg(format_type(t, null) order by o) from unnest(p.proallargtypes) with ordinality u(t, o)) as allargtypes,
  format_type(p.prorettype, null) as return_type, rt.typtype as return_typtype, rt.typname as return_typname,
  rtn.nspname as return_rel_schema, rtc.relname as return_rel_name,
  (select an.nspname from pg_type at join pg_class ac on ac.oid = at.typrelid join pg_namespace an on an.oid = ac.relnamespace
    where at.oid = p.proargtypes[0]) as arg_rel_schema,
  (select ac.relname from pg_type at join pg_class ac on ac.oid = at.typrelid where at.oid = p.proargtypes[0]) as arg_rel_name,
  p.provariadic <> 0 as variadic, p.prorows as rows,
  exists (select 1 from unnest(p.proargmodes::text[]) m where m in ('o', 't')) as has_out
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_class rtc on rtc.oid = rt.typrelid
left join pg_namespace rtn on rtn.oid = rtc.relnamespace
where p.prokind = 'f' and n.nspname = any($1)
order by p.oid
`;

const ROLE_SETTINGS_SQL = `
select r.rolname as role, s.setconfig as config
from pg_db_role_setting s
join pg_roles r on r.oid = s.setrole
where s.setdatabase in (0, (select oid from pg_database where datname = current_database()))
order by s.setdatabase
`;

// Where each view column comes from: the rewrite rule's target entries carry the origin table and
// column (resorigtbl/resorigcol). Subquery entries print before the top-level target list, so the last
// entry per column number wins.
const VIEW_COLUMNS_SQL = `
select schema, view, column_name, base_schema, base_table, base_column from (
  select n.nspname as schema, c.relname as view, va.attname::text as column_name,
    bn.nspname as base_schema, bc.relname as base_table, ba.attname::text as base_column,
    row_number() over (partition by c.oid, m.e[1] order by m.ord desc) as pick
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_rewrite r on r.ev_class = c.oid
  cross join lateral regexp_matches(r.ev_action::text,
    ':resno (\\d+) :resname \\S+ :ressortgroupref \\d+ :resorigtbl (\\d+) :resorigcol (\\d+)', 'g') with ordinality as m(e, ord)
  join pg_attribute va on va.attrelid = c.oid and va.attnum = m.e[1]::int
  join pg_class bc on bc.oid = m.e[2]::oid
  join pg_namespace bn on bn.oid = bc.relnamespace
  join pg_attribute ba on ba.attrelid = bc.oid and ba.attnum = m.e[3]::int
  where c.relkind in ('v', 'm') and n.nspname not in ('pg_catalog', 'information_schema')
) s where pick = 1
`;

const KIND: Record<string, Table['kind']> = { r: 'table', v: 'view', m: 'matview', f: 'foreign', p: 'partitioned' };

export async function loadSchemaCache(
  db: pg.Pool | pg.Client,
  exposed: string[],
  generation: number,
): Promise<SchemaCache> {
  const [tablesRes, consRes, funcsRes, rolesRes, viewsRes] = await Promise.all([
    db.query(TABLES_SQL),
    db.query(CONSTRAINTS_SQL),
    db.query(FUNCTIONS_SQL, [exposed]),
    db.query(ROLE_SETTINGS_SQL),
    db.query(VIEW_COLUMNS_SQL),
  ]);
  const tables = new Map<string, Table>();
  for (const r of tablesRes.rows) {
    const columns = new Map<string, Column>();
    for (const c of r.columns as Column[]) columns.set(c.name, c);
    tables.set(qualified(r.schema, r.name), {
      schema: r.schema,
      name: r.name,
      kind: KIND[r.kind],
      columns,
      pk: [],
      uniques: [],
      insertable: r.insertable,
    });
  }
  const fks: Array<{ name: string; table: Table; foreign: Table; cols: string[]; fcols: string[] }> = [];
  for (const c of consRes.rows) {
    const t = tables.get(qualified(c.schema, c.table));
    if (!t) continue;
    if (c.type === 'p') t.pk = c.cols;
    else if (c.type === 'u') t.uniques.push(c.cols);
    else {
      const f = tables.get(qualified(c.fschema, c.ftable));
      if (f) fks.push({ name: c.name, table: t, foreign: f, cols: c.cols, fcols: c.fcols });
    }
  }
  fks.push(...viewForeignKeys(tables, fks, viewsRes.rows));
  const relationships = buildRelationships(tables, fks);

  const functions = new Map<string, Func[]>();
  for (const p of funcsRes.rows) {
    const names: string[] = p.argnames ?? [];
    const modes: string[] = p.argmodes ?? [];
    const types: string[] = p.argtypes ?? [];
    // proargnames/proargmodes cover all arguments (OUT included); proargtypes only the input ones.
    const inputNames = modes.length
      ? names.filter((_, i) => ['i', 'b', 'v'].includes(modes[i]))
      : names.slice(0, p.nargs);
    const params: FuncParam[] = types.map((type, i) => ({
      name: inputNames[i] ?? '',
      type,
      hasDefault: i >= p.nargs - p.ndefaults,
      variadic: p.variadic && i === p.nargs - 1,
    }));
    let returnKind: Func['returnKind'] = 'scalar';
    if (p.return_type === 'void') returnKind = 'void';
    else if (p.return_typtype === 'c' || (p.return_type === 'record' && p.has_out)) returnKind = 'composite';
    const returnTable = p.return_rel_name ? tables.get(qualified(p.return_rel_schema, p.return_rel_name)) : undefined;
    let outTable: Table | undefined;
    if (modes.some((m) => m === 'o' || m === 't' || m === 'b') && returnKind === 'composite') {
      const all: string[] = p.allargtypes ?? [];
      const columns = new Map<string, Column>();
      modes.forEach((m, i) => {
        if (m === 'o' || m === 't' || m === 'b') {
          columns.set(names[i], {
            name: names[i],
            type: all[i],
            typname: all[i],
            category: '',
            nullable: true,
            default: null,
            generated: false,
          });
        }
      });
      outTable = { schema: p.schema, name: p.name, kind: 'view', columns, pk: [], uniques: [], insertable: false };
    }
    const fn: Func = {
      outTable,
      schema: p.schema,
      name: p.name,
      params,
      returnsSet: p.returns_set,
      returnKind,
      returnType: p.return_type,
      returnTable,
      volatility: p.volatility,
      rpc: params.every((x) => x.name !== '') || (params.length === 1 && UNNAMED_PARAM_TYPES.includes(params[0].type)),
      cached: false,
    };
    fn.cached = fn.rpc || Boolean(p.arg_rel_name);
    const key = qualified(p.schema, p.name);
    functions.set(key, [...(functions.get(key) ?? []), fn]);
    const rowOf = p.arg_rel_name ? tables.get(qualified(p.arg_rel_schema, p.arg_rel_name)) : undefined;
    if (rowOf && p.nargs - p.ndefaults === 1 && returnTable && returnKind === 'composite') {
      // A computed relationship: the function maps a row of one table to rows (SETOF, to-many) or one
      // row (to-one) of another, and embeds under its own name.
      const key = qualified(rowOf.schema, rowOf.name);
      relationships.set(key, [
        ...(relationships.get(key) ?? []),
        {
          // `SETOF … ROWS 1` is to-one, as in PostgREST.
          cardinality: p.returns_set && Number(p.rows) !== 1 ? 'o2m' : 'm2o',
          table: rowOf,
          foreign: returnTable,
          constraint: p.name,
          columns: [],
          isSelf: false,
          computed: fn,
        },
      ]);
    } else if (
      rowOf &&
      p.nargs - p.ndefaults === 1 &&
      !p.returns_set &&
      returnKind !== 'void' &&
      !rowOf.columns.has(p.name)
    ) {
      (rowOf.computed ??= new Map()).set(p.name, fn);
    }
  }

  const roleSettings = new Map<string, Array<[string, string]>>();
  for (const r of rolesRes.rows) {
    const list = roleSettings.get(r.role) ?? [];
    for (const kv of r.config as string[]) {
      const eq = kv.indexOf('=');
      const k = kv.slice(0, eq);
      // Per-database settings come last in the query and win over cluster-wide ones.
      const i = list.findIndex(([name]) => name === k);
      if (i >= 0) list.splice(i, 1);
      list.push([k, kv.slice(eq + 1)]);
    }
    roleSettings.set(r.role, list);
  }
  return { tables, relationships, functions, roleSettings, generation };
}

type Fk = { name: string; table: Table; foreign: Table; cols: string[]; fcols: string[] };

/**
 * Foreign keys seen through views: when every column of a foreign key (on either side) is exposed
 * unchanged by a view, the view takes part in the relationship in place of its base table.
 */
function viewForeignKeys(tables: Map<string, Table>, fks: Fk[], rows: Array<Record<string, string>>): Fk[] {
  // base table → views over it, each with base column → view column
  const byBase = new Map<Table, Array<{ view: Table; cols: Map<string, string> }>>();
  const views = new Map<Table, Map<string, string>>();
  for (const r of rows) {
    const view = tables.get(qualified(r.schema, r.view));
    const base = tables.get(qualified(r.base_schema, r.base_table));
    if (!view || !base) continue;
    let m = views.get(view);
    if (!m) views.set(view, (m = new Map()));
    const key = `${qualified(base.schema, base.name)}\u0000${r.base_column}`;
    if (!m.has(key)) m.set(key, r.column_name);
  }
  for (const [view, m] of views) {
    const perBase = new Map<Table, Map<string, string>>();
    for (const [key, viewCol] of m) {
      const [baseKey, baseCol] = key.split('\u0000');
      const base = tables.get(baseKey)!;
      let cols = perBase.get(base);
      if (!cols) perBase.set(base, (cols = new Map()));
      if (!cols.has(baseCol)) cols.set(baseCol, viewCol);
    }
    for (const [base, cols] of perBase) byBase.set(base, [...(byBase.get(base) ?? []), { view, cols }]);
  }
  const out: Fk[] = [];
  const mapAll = (cols: string[], m: Map<string, string>) =>
    cols.every((c) => m.has(c)) ? cols.map((c) => m.get(c)!) : undefined;
  for (const fk of fks) {
    const froms = [
      { table: fk.table, cols: fk.cols },
      ...(byBase.get(fk.table) ?? []).flatMap((v) => {
        const cols = mapAll(fk.cols, v.cols);
        return cols ? [{ table: v.view, cols }] : [];
      }),
    ];
    const tos = [
      { table: fk.foreign, cols: fk.fcols },
      ...(byBase.get(fk.foreign) ?? []).flatMap((v) => {
        const cols = mapAll(fk.fcols, v.cols);
        return cols ? [{ table: v.view, cols }] : [];
      }),
    ];
    for (const f of froms) {
      for (const t of tos) {
        if (f.table === fk.table && t.table === fk.foreign) continue;
        out.push({ name: fk.name, table: f.table, foreign: t.table, cols: f.cols, fcols: t.cols });
      }
    }
  }
  return out;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const covers = (key: string[], cols: string[]) => cols.every((c) => key.includes(c));

function buildRelationships(
  tables: Map<string, Table>,
  fks: Array<{ name: string; table: Table; foreign: Table; cols: string[]; fcols: string[] }>,
): Map<string, Relationship[]> {
  const out = new Map<string, Relationship[]>();
  const add = (r: Relationship) => {
    const k = qualified(r.table.schema, r.table.name);
    out.set(k, [...(out.get(k) ?? []), r]);
  };
  for (const fk of fks) {
    const pairs = fk.cols.map((c, i): [string, string] => [c, fk.fcols[i]]);
    const unique = sameSet(fk.cols, fk.table.pk) || fk.table.uniques.some((u) => sameSet(u, fk.cols));
    const isSelf = fk.table === fk.foreign;
    add({
      cardinality: unique ? 'o2o' : 'm2o',
      table: fk.table,
      foreign: fk.foreign,
      constraint: fk.name,
      columns: pairs,
      isSelf,
    });
    add({
      cardinality: unique ? 'o2o' : 'o2m',
      table: fk.foreign,
      foreign: fk.table,
      constraint: fk.name,
      columns: pairs.map(([a, b]): [string, string] => [b, a]),
      isSelf,
    });
  }
  // Many-to-many, as PostgREST finds it: a junction with two many-to-one foreign keys whose columns
  // are all part of the junction's primary key.
  const byTable = new Map<Table, typeof fks>();
  for (const fk of fks) byTable.set(fk.table, [...(byTable.get(fk.table) ?? []), fk]);
  const toOneOnly = (fk: (typeof fks)[number]) =>
    !(sameSet(fk.cols, fk.table.pk) || fk.table.uniques.some((u) => sameSet(u, fk.cols)));
  for (const [junction, list] of byTable) {
    if (!junction.pk.length) continue;
    for (const a of list) {
      for (const b of list) {
        if (a === b || a.name === b.name || !toOneOnly(a) || !toOneOnly(b)) continue;
        if (!covers(junction.pk, [...a.cols, ...b.cols])) continue;
        add({
          cardinality: 'm2m',
          table: a.foreign,
          foreign: b.foreign,
          constraint: a.name,
          // A self many-to-many counts as a self relationship, which PostgREST's rules cannot embed by name.
          columns: [],
          isSelf: a.foreign === b.foreign,
          junction: {
            table: junction,
            constraint1: a.name,
            constraint2: b.name,
            source: a.cols.map((c, i): [string, string] => [c, a.fcols[i]]),
            target: b.cols.map((c, i): [string, string] => [c, b.fcols[i]]),
          },
        });
      }
    }
  }
  void tables;
  return out;
}
