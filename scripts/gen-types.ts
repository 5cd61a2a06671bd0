// Prints Supabase-style TypeScript types (`Database` with Tables Row/Insert/Update/Relationships,
// Views, Functions, Enums, CompositeTypes) for the exposed schema, read from the live database at
// SUPABASE_DB_URL. Output is sorted and stable so `npm run check` can diff it against the committed
// web/src/lib/database.types.ts.
//   node scripts/gen-types.ts            print to stdout
//   node scripts/gen-types.ts --write    write web/src/lib/database.types.ts
//   node scripts/gen-types.ts --check    exit 1 when the committed file is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const SCHEMAS = ['public'];
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'src', 'lib', 'database.types.ts');

type Column = {
  table: string;
  name: string;
  type: string;
  elem: string | null;
  typtype: string;
  elemtype: string | null;
  nullable: boolean;
  hasDefault: boolean;
  identityAlways: boolean;
  generated: boolean;
};
type Fk = { name: string; table: string; columns: string[]; refTable: string; refColumns: string[]; oneToOne: boolean };
type Fn = {
  name: string;
  argNames: string[];
  argTypes: string[];
  argDefaults: number;
  returns: string;
  retset: boolean;
  rettyptype: string;
  retrelkind: string | null;
  outNames: string[];
  outTypes: string[];
};

const SCALARS: Record<string, string> = {
  bool: 'boolean',
  int2: 'number',
  int4: 'number',
  int8: 'number',
  float4: 'number',
  float8: 'number',
  numeric: 'number',
  json: 'Json',
  jsonb: 'Json',
  text: 'string',
  varchar: 'string',
  bpchar: 'string',
  citext: 'string',
  uuid: 'string',
  date: 'string',
  time: 'string',
  timetz: 'string',
  timestamp: 'string',
  timestamptz: 'string',
  interval: 'string',
  inet: 'string',
  bytea: 'string',
  name: 'string',
  void: 'undefined',
  record: 'Json',
};

function tsType(type: string, typtype: string, enums: Set<string>, schema: string): string {
  if (enums.has(type)) return `Database["${schema}"]["Enums"]["${type}"]`;
  if (typtype === 'e') return 'string';
  return SCALARS[type] ?? 'unknown';
}

function colType(c: Column, enums: Set<string>, schema: string): string {
  const base = c.elem
    ? `${tsType(c.elem, c.elemtype ?? '', enums, schema)}[]`
    : tsType(c.type, c.typtype, enums, schema);
  return c.nullable ? `${base} | null` : base;
}

// Conformance-test fixtures share the test database; their comments name them as fixtures. They are not
// part of the app's schema, so the types (and the drift check) leave them out.
const notFixture = (oid: string, catalog: string) =>
  `coalesce(obj_description(${oid}, '${catalog}'), '') not ilike '%fixture%'`;

const key = (s: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : JSON.stringify(s));
const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

async function load(client: pg.Client, schema: string) {
  const { rows: enumRows } = await client.query(
    `select t.typname::text as name, array_agg(e.enumlabel::text order by e.enumsortorder)::text[] as labels
     from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
     where n.nspname = $1 group by t.typname order by t.typname`,
    [schema],
  );
  const { rows: tables } = await client.query(
    `select c.relname as name, c.relkind as kind from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm') and ${notFixture('c.oid', 'pg_class')} order by c.relname`,
    [schema],
  );
  const { rows: columns } = await client.query<Column>(
    `select c.relname as "table", a.attname as name, t.typname as type, t.typtype as typtype,
            et.typname as elem, et.typtype as elemtype, not a.attnotnull as nullable,
            a.atthasdef as "hasDefault", a.attidentity = 'a' as "identityAlways",
            a.attidentity <> '' and a.attidentity <> 'a' or a.attgenerated <> '' as generated
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     join pg_type t on t.oid = a.atttypid left join pg_type et on et.oid = t.typelem and t.typcategory = 'A'
     where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm') and a.attnum > 0 and not a.attisdropped
     order by c.relname, a.attname`,
    [schema],
  );
  const { rows: fks } = await client.query<Fk>(
    `select con.conname as name, c.relname as "table", rc.relname as "refTable",
            array(select a.attname from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
            array(select a.attname from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i)::text[] as "refColumns",
            exists (select 1 from pg_constraint u where u.conrelid = con.conrelid and u.contype in ('p', 'u')
                    and (select array_agg(x order by x) from unnest(u.conkey) x) = (select array_agg(x order by x) from unnest(con.conkey) x)) as "oneToOne"
     from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
     join pg_class rc on rc.oid = con.confrelid join pg_namespace rn on rn.oid = rc.relnamespace
     where con.contype = 'f' and n.nspname = $1 and rn.nspname = $1
     order by c.relname, con.conname`,
    [schema],
  );
  const { rows: fns } = await client.query<Fn>(
    `select p.proname as name, coalesce(p.proargnames, '{}')::text[] as "argNames",
            array(select t.typname from unnest(p.proargtypes) with ordinality k(o, i) join pg_type t on t.oid = k.o order by k.i)::text[] as "argTypes",
            p.pronargdefaults as "argDefaults", rt.typname as returns, p.proretset as retset, rt.typtype as rettyptype,
            (select rc.relkind from pg_class rc where rc.oid = rt.typrelid) as retrelkind,
            coalesce(array(select p.proargnames[i] from generate_subscripts(p.proargmodes, 1) i where p.proargmodes[i] in ('o', 't') order by i), '{}')::text[] as "outNames",
            coalesce(array(select t.typname from generate_subscripts(p.proargmodes, 1) i join pg_type t on t.oid = p.proallargtypes[i] where p.proargmodes[i] in ('o', 't') order by i), '{}')::text[] as "outTypes"
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_type rt on rt.oid = p.prorettype
     where n.nspname = $1 and p.prokind = 'f' and rt.typname not in ('trigger', 'event_trigger') and ${notFixture('p.oid', 'pg_proc')}
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
     order by p.proname, p.oid`,
    [schema],
  );
  return {
    enums: enumRows as { name: string; labels: string[] }[],
    tables: tables as { name: string; kind: string }[],
    columns,
    fks,
    fns,
  };
}

function render(schema: string, m: Awaited<ReturnType<typeof load>>): string {
  const enums = new Set(m.enums.map((e) => e.name));
  const tableNames = new Set(m.tables.map((t) => t.name));
  const out: string[] = [];
  const colsOf = (t: string) => m.columns.filter((c) => c.table === t);
  const rel = (t: string) => {
    const list = m.fks.filter((f) => f.table === t).sort(byName);
    if (!list.length) return '[]';
    return `[\n${list.map((f) => `          {\n            foreignKeyName: ${JSON.stringify(f.name)}\n            columns: ${JSON.stringify(f.columns)}\n            isOneToOne: ${f.oneToOne}\n            referencedRelation: ${JSON.stringify(f.refTable)}\n            referencedColumns: ${JSON.stringify(f.refColumns)}\n          },`).join('\n')}\n        ]`;
  };
  const block = (kinds: string[], withWrites: boolean) => {
    const list = m.tables.filter((t) => kinds.includes(t.kind));
    if (!list.length) return '{\n      [_ in never]: never\n    }';
    const parts = list.map((t) => {
      const cols = colsOf(t.name);
      const row = cols.map((c) => `          ${key(c.name)}: ${colType(c, enums, schema)}`).join('\n');
      const ins = cols
        .map((c) => {
          if (c.identityAlways || c.generated) return `          ${key(c.name)}?: never`;
          const optional = c.nullable || c.hasDefault;
          return `          ${key(c.name)}${optional ? '?' : ''}: ${colType(c, enums, schema)}`;
        })
        .join('\n');
      const upd = cols
        .map((c) =>
          c.identityAlways || c.generated
            ? `          ${key(c.name)}?: never`
            : `          ${key(c.name)}?: ${colType(c, enums, schema)}`,
        )
        .join('\n');
      const writes = withWrites ? `\n        Insert: {\n${ins}\n        }\n        Update: {\n${upd}\n        }` : '';
      return `      ${key(t.name)}: {\n        Row: {\n${row}\n        }${writes}\n        Relationships: ${rel(t.name)}\n      }`;
    });
    return `{\n${parts.join('\n')}\n    }`;
  };
  const fnType = (type: string, typtype: string, retrelkind: string | null) => {
    if (retrelkind && tableNames.has(type)) return `Database["${schema}"]["Tables"]["${type}"]["Row"]`;
    if (type.startsWith('_')) return `${tsType(type.slice(1), '', enums, schema)}[]`;
    return tsType(type, typtype, enums, schema);
  };
  const fns = m.fns.map((f) => {
    const firstDefault = f.argTypes.length - f.argDefaults;
    const args = f.argTypes.map(
      (t, i) => `          ${key(f.argNames[i] || `arg${i}`)}${i >= firstDefault ? '?' : ''}: ${fnType(t, '', null)}`,
    );
    const argsBlock = args.length ? `{\n${args.join('\n')}\n        }` : 'never';
    let ret: string;
    if (f.outNames.length) {
      ret = `{\n${f.outNames.map((n, i) => `          ${key(n)}: ${fnType(f.outTypes[i], '', null)}`).join('\n')}\n        }${f.retset ? '[]' : ''}`;
    } else {
      ret = `${fnType(f.returns, f.rettyptype, f.retrelkind)}${f.retset ? '[]' : ''}`;
    }
    return `      ${key(f.name)}: {\n        Args: ${argsBlock}\n        Returns: ${ret}\n      }`;
  });
  const enumBlock = m.enums.length
    ? `{\n${m.enums.map((e) => `      ${key(e.name)}:\n${e.labels.map((l) => `        | ${JSON.stringify(l)}`).join('\n')}`).join('\n')}\n    }`
    : '{\n      [_ in never]: never\n    }';
  out.push(`  ${schema}: {`);
  out.push(`    Tables: ${block(['r', 'p'], true)}`);
  out.push(`    Views: ${block(['v', 'm'], false)}`);
  out.push(`    Functions: ${fns.length ? `{\n${fns.join('\n')}\n    }` : '{\n      [_ in never]: never\n    }'}`);
  out.push(`    Enums: ${enumBlock}`);
  out.push('    CompositeTypes: {\n      [_ in never]: never\n    }');
  out.push('  }');
  return out.join('\n');
}

const HEADER = `// Generated by scripts/gen-types.ts from the live schema. Do not edit by hand: change a migration,
// then run \`node scripts/gen-types.ts --write\`.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];
`;

const FOOTER = `
type PublicSchema = Database["public"];

export type Tables<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Row"];
export type TablesInsert<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Insert"];
export type TablesUpdate<T extends keyof PublicSchema["Tables"]> = PublicSchema["Tables"][T]["Update"];
export type Enums<T extends keyof PublicSchema["Enums"]> = PublicSchema["Enums"][T];
`;

async function generate(): Promise<string> {
  const url = process.env.SUPABASE_DB_URL;
  if (!url) throw new Error('SUPABASE_DB_URL is not set (see `node supabase/local/src/cli.ts env`)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const parts: string[] = [];
    for (const schema of SCHEMAS) parts.push(render(schema, await load(client, schema)));
    const constants = [];
    for (const schema of SCHEMAS) {
      const { enums } = await load(client, schema);
      constants.push(
        `  ${schema}: {\n    Enums: {\n${enums.map((e) => `      ${key(e.name)}: ${JSON.stringify(e.labels)},`).join('\n')}\n    },\n  },`,
      );
    }
    return `${HEADER}\nexport type Database = {\n${parts.join('\n')}\n};\n${FOOTER}\nexport const Constants = {\n${constants.join('\n')}\n} as const;\n`;
  } finally {
    await client.end();
  }
}

const text = await generate();
if (process.argv.includes('--write')) {
  writeFileSync(target, text);
} else if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== text) {
    console.error('web/src/lib/database.types.ts is stale: run `node scripts/gen-types.ts --write`');
    process.exit(1);
  }
} else {
  process.stdout.write(text);
}
