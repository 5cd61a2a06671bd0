// Scratch databases for schema diffs: one built from supabase/migrations, one from the declarative schema
// (supabase/schemas, in the order `[db.migrations] schema_paths` of config.toml gives), each on top of the
// local stack's platform bootstrap. `diffDatabases` compares them with @pgkit/migra plus a catalog
// comparison for what migra does not inspect (see CATALOG below). Used by scripts/db-diff.ts and by the
// "schema drift" suite of tests/run.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { run as migra } from '@pgkit/migra';
import pg from 'pg';
import { parse } from 'smol-toml';
import { repoRoot, supabaseDir } from '../supabase/local/src/config.ts';

const bootstrapDir = join(supabaseDir, 'local', 'sql');

/** supabase/migrations/*.sql in apply order. */
export function migrationFiles(): string[] {
  return sqlIn(join(supabaseDir, 'migrations'));
}

/** The declarative schema files in the order the Supabase CLI applies them (schema_paths globs, each sorted). */
export function schemaFiles(): string[] {
  const config = parse(readFileSync(join(supabaseDir, 'config.toml'), 'utf8')) as {
    db?: { migrations?: { schema_paths?: string[] } };
  };
  const patterns = config.db?.migrations?.schema_paths ?? ['./schemas/*.sql'];
  const files = patterns.flatMap((p) => {
    const abs = join(supabaseDir, p);
    if (basename(abs) === '*.sql') return sqlIn(dirname(abs));
    if (basename(abs).includes('*')) throw new Error(`schema_paths: only "<folder>/*.sql" or a file: ${p}`);
    return [abs];
  });
  return [...new Set(files)];
}

function sqlIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(dir, f));
}

// pg_cron can only be created in the database named by cron.database_name (the stack's `postgres`). A
// scratch database gets a stand-in `cron` schema with the two functions the schema calls, so jobs are
// recorded in cron.job and compared like any other object.
const CRON_STAND_IN = `
create schema if not exists cron;
create table if not exists cron.job (
  jobid bigserial primary key, schedule text not null, command text not null, jobname text unique
);
create or replace function cron.schedule(job_name text, schedule text, command text) returns bigint
language sql as $$
  insert into cron.job (jobname, schedule, command) values (job_name, schedule, command)
  on conflict (jobname) do update set schedule = excluded.schedule, command = excluded.command
  returning jobid
$$;
create or replace function cron.unschedule(job_name text) returns boolean
language sql as $$ with d as (delete from cron.job where jobname = job_name returning 1) select exists (select 1 from d) $$;
`;

function forScratch(sql: string, database: string): string {
  return sql
    .replace(/create extension if not exists pg_cron\s*;/gi, () => CRON_STAND_IN)
    .replace(/alter database postgres /gi, `alter database ${database} `);
}

async function applyFile(client: pg.Client, file: string, database: string): Promise<void> {
  const sql = forScratch(readFileSync(file, 'utf8'), database);
  try {
    await client.query('begin');
    await client.query(sql);
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    const err = e as { message: string; position?: string; detail?: string };
    const where = err.position ? ` at line ${sql.slice(0, Number(err.position)).split('\n').length}` : '';
    throw new Error(`${relative(repoRoot, file)}${where}: ${err.message}${err.detail ? `\n${err.detail}` : ''}`, {
      cause: e,
    });
  }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** (Re)creates `database` on the cluster of `adminUrl`: platform bootstrap, then `files` in order. */
export async function buildScratch(adminUrl: string, database: string, files: string[]): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`bad scratch database name: ${database}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database} template template0`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(adminUrl, database);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set client_min_messages = warning');
    // 00_* creates cluster-wide roles, which the cluster already has.
    for (const f of sqlIn(bootstrapDir).filter((f) => !basename(f).startsWith('00_')))
      await applyFile(client, f, database);
    // As a new connection to a bootstrapped database starts (10_schemas.sql sets it on the database).
    await client.query('set search_path = "$user", public, extensions');
    for (const f of files) await applyFile(client, f, database);
  } finally {
    await client.end();
  }
  return url;
}

export async function dropScratch(adminUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`).finally(() => admin.end());
}

// What migra (schemainspect) does not inspect, read from the catalogs as one sorted line per fact. Each
// query returns (key, statement to create the fact, statement to remove it). Comments, function and
// column privileges, schema privileges, privileges on materialized views and sequences, default
// privileges, realtime publication membership, pg_cron jobs and storage buckets (rows the platform reads
// as configuration).
const APP_NAMESPACES = `n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast', 'cron')
  and n.nspname not like 'pg_temp%' and n.nspname not like 'pg_toast_temp%'`;

const CATALOG: Record<string, string> = {
  comments: `
    select format('comment %s %s = %s', o.type, o.identity, d.description) as key,
      format('comment on %s %s is %L;', replace(replace(o.type, 'table column', 'column'), 'table constraint', 'constraint'),
        o.identity, d.description) as add,
      format('comment on %s %s is null;', replace(replace(o.type, 'table column', 'column'), 'table constraint', 'constraint'),
        o.identity) as remove,
      a.type as addr_type, a.object_names as addr_names, a.object_args as addr_args
    from pg_description d
    cross join lateral pg_identify_object(d.classoid, d.objoid, d.objsubid) o
    cross join lateral pg_identify_object_as_address(d.classoid, d.objoid, d.objsubid) a
    where o.schema is not null and o.schema not in ('pg_catalog', 'information_schema', 'cron')
      and not exists (select 1 from pg_depend x where x.classid = d.classoid and x.objid = d.objoid and x.deptype = 'e')
      or (d.classoid = 'pg_namespace'::regclass and o.identity not in ('pg_catalog', 'information_schema', 'public', 'cron')
        and not exists (select 1 from pg_depend x where x.classid = d.classoid and x.objid = d.objoid and x.deptype = 'e'))`,
  function_privileges: `
    select format('function %s: %s %s', p.oid::regprocedure, coalesce(nullif(r.rolname, ''), 'public'), a.privilege_type) as key,
      format('revoke all on function %s from public, anon, authenticated, service_role;', p.oid::regprocedure) as reset,
      format('grant %s on function %s to %s;', a.privilege_type, p.oid::regprocedure,
        case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end) as add,
      format('revoke %s on function %s from %s;', a.privilege_type, p.oid::regprocedure,
        case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end) as remove
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    cross join lateral aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
    left join pg_roles r on r.oid = a.grantee
    where ${APP_NAMESPACES} and a.grantee <> p.proowner
      and not exists (select 1 from pg_depend x where x.classid = 'pg_proc'::regclass and x.objid = p.oid and x.deptype = 'e')
    union all
    select format('function %s exists', p.oid::regprocedure),
      format('revoke all on function %s from public, anon, authenticated, service_role;', p.oid::regprocedure), '', ''
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where ${APP_NAMESPACES}
      and not exists (select 1 from pg_depend x where x.classid = 'pg_proc'::regclass and x.objid = p.oid and x.deptype = 'e')`,
  column_privileges: `
    select format('column %s.%I: %s %s', c.oid::regclass, att.attname, r.rolname, a.privilege_type) as key,
      format('grant %s (%I) on %s to %I;', a.privilege_type, att.attname, c.oid::regclass, r.rolname) as add,
      format('revoke %s (%I) on %s from %I;', a.privilege_type, att.attname, c.oid::regclass, r.rolname) as remove
    from pg_attribute att join pg_class c on c.oid = att.attrelid join pg_namespace n on n.oid = c.relnamespace
    cross join lateral aclexplode(att.attacl) a
    join pg_roles r on r.oid = a.grantee
    where ${APP_NAMESPACES} and att.attacl is not null and not att.attisdropped`,
  relation_privileges: `
    select format('%s %s: %s %s', c.relkind, c.oid::regclass, r.rolname, a.privilege_type) as key,
      format('revoke all on %s from public, anon, authenticated, service_role;', c.oid::regclass) as reset,
      format('grant %s on %s to %I;', a.privilege_type, c.oid::regclass, r.rolname) as add,
      format('revoke %s on %s from %I;', a.privilege_type, c.oid::regclass, r.rolname) as remove
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join lateral aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
    join pg_roles r on r.oid = a.grantee
    where ${APP_NAMESPACES} and c.relkind in ('m', 'S') and a.grantee <> c.relowner
    union all
    select format('%s %s exists', c.relkind, c.oid::regclass),
      format('revoke all on %s from public, anon, authenticated, service_role;', c.oid::regclass), '', ''
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${APP_NAMESPACES} and c.relkind in ('m', 'S')`,
  schema_privileges: `
    select format('schema %I: %s %s', n.nspname, coalesce(r.rolname, 'public'), a.privilege_type) as key,
      format('grant %s on schema %I to %s;', a.privilege_type, n.nspname, coalesce(quote_ident(r.rolname), 'public')) as add,
      format('revoke %s on schema %I from %s;', a.privilege_type, n.nspname, coalesce(quote_ident(r.rolname), 'public')) as remove
    from pg_namespace n
    cross join lateral aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
    left join pg_roles r on r.oid = a.grantee
    where ${APP_NAMESPACES} and a.grantee <> n.nspowner`,
  default_privileges: `
    select format('default %s in %s for %s: %s %s', o.rolname, coalesce(n.nspname, '*'), d.defaclobjtype,
        coalesce(r.rolname, 'public'), a.privilege_type) as key,
      format('alter default privileges for role %I%s grant %s on %s to %s;', o.rolname,
        coalesce(' in schema ' || quote_ident(n.nspname), ''), a.privilege_type, k.word, coalesce(quote_ident(r.rolname), 'public')) as add,
      format('alter default privileges for role %I%s revoke %s on %s from %s;', o.rolname,
        coalesce(' in schema ' || quote_ident(n.nspname), ''), a.privilege_type, k.word, coalesce(quote_ident(r.rolname), 'public')) as remove
    from pg_default_acl d join pg_roles o on o.oid = d.defaclrole
    left join pg_namespace n on n.oid = d.defaclnamespace
    join (values ('r', 'tables'), ('S', 'sequences'), ('f', 'functions'), ('T', 'types'), ('n', 'schemas')) k(t, word)
      on k.t = d.defaclobjtype::text
    cross join lateral aclexplode(d.defaclacl) a
    left join pg_roles r on r.oid = a.grantee`,
  publication_tables: `
    select format('publication %I: %I.%I', pubname, schemaname, tablename) as key,
      format('alter publication %I add table %I.%I;', pubname, schemaname, tablename) as add,
      format('alter publication %I drop table %I.%I;', pubname, schemaname, tablename) as remove
    from pg_publication_tables`,
  cron_jobs: `
    select format('cron job %s: %s %s', jobname, schedule, command) as key,
      format('select cron.schedule(%L, %L, %L);', jobname, schedule, command) as add,
      format('select cron.unschedule(%L);', jobname) as remove
    from cron.job`,
  storage_buckets: `
    select format('bucket %s: public=%s limit=%s types=%s', id, public, file_size_limit, allowed_mime_types) as key,
      format('insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values (%L, %L, %s, %s, %L)'
        ' on conflict (id) do update set public = excluded.public, file_size_limit = excluded.file_size_limit,'
        ' allowed_mime_types = excluded.allowed_mime_types;',
        id, name, public::text, coalesce(file_size_limit::text, 'null'), allowed_mime_types) as add,
      format('delete from storage.buckets where id = %L;', id) as remove
    from storage.buckets`,
};

// `reset` (privileges on one object): when the object's grants differ, revoke everything and grant the
// target's list, so a newly created object loses the grants it was born with too.
type Fact = {
  key: string;
  add: string;
  remove: string;
  reset?: string;
  addr_type?: string;
  addr_names?: string[];
  addr_args?: string[];
};

async function catalogFacts(url: string): Promise<Map<string, Map<string, Fact>>> {
  const client = new pg.Client({ connectionString: inspectable(url) });
  await client.connect();
  try {
    const out = new Map<string, Map<string, Fact>>();
    for (const [kind, sql] of Object.entries(CATALOG)) {
      const { rows } = await client.query<Fact>(sql);
      out.set(kind, new Map(rows.map((r) => [r.key, r])));
    }
    return out;
  } finally {
    await client.end();
  }
}

export interface SchemaDiff {
  /** migra's statements turning `from` into `target`. */
  migra: string;
  /** Catalog facts migra does not see: statements turning `from` into `target`, and a readable +/- list. */
  defaults: string[];
  catalog: string[];
  catalogReport: string[];
}

/** What turns the database at `fromUrl` into the one at `targetUrl`. */
export async function diffDatabases(fromUrl: string, targetUrl: string): Promise<SchemaDiff> {
  // An empty search_path makes migra name every type with its schema (extensions.citext, not citext).
  const m = await migra(inspectable(fromUrl), inspectable(targetUrl), {
    unsafe: true,
    withPrivileges: true,
    excludeSchema: ['cron'],
  });
  const [from, target] = await Promise.all([catalogFacts(fromUrl), catalogFacts(targetUrl)]);
  const defaults: string[] = [];
  const rest: string[] = [];
  const catalogReport: string[] = [];
  for (const [kind, targetFacts] of target) {
    const fromFacts = from.get(kind)!;
    const gone = [...fromFacts.values()].filter((f) => !targetFacts.has(f.key));
    const added = [...targetFacts.values()].filter((f) => !fromFacts.has(f.key));
    catalogReport.push(...gone.map((f) => `- ${f.key}`), ...added.map((f) => `+ ${f.key}`));
    const catalog = kind === 'default_privileges' ? defaults : rest;
    if (kind === 'comments') {
      // A changed comment is one statement: the new text replaces the old; a dropped object takes its comment.
      const kept = new Set(added.map((f) => f.remove));
      const cleared = await stillThere(
        targetUrl,
        gone.filter((f) => !kept.has(f.remove)),
      );
      catalog.push(...cleared.map((f) => f.remove), ...added.map((f) => f.add));
    } else if ([...targetFacts.values(), ...fromFacts.values()].some((f) => f.reset)) {
      // Objects the target no longer has were dropped with their grants.
      const live = new Set([...targetFacts.values()].map((f) => f.reset));
      const resets = new Set([...gone, ...added].map((f) => f.reset!).filter((r) => live.has(r)));
      const grants = [...targetFacts.values()].filter((f) => f.add && resets.has(f.reset!)).map((f) => f.add);
      catalog.push(...resets, ...grants);
    } else {
      catalog.push(...gone.map((f) => f.remove), ...added.map((f) => f.add));
    }
  }
  return { migra: m.sql.trim(), defaults, catalog: rest, catalogReport };
}

/** The facts whose object (by its catalog address) exists in the database at `url`. */
async function stillThere(url: string, facts: Fact[]): Promise<Fact[]> {
  if (facts.length === 0) return [];
  const client = new pg.Client({ connectionString: inspectable(url) });
  await client.connect();
  try {
    const kept: Fact[] = [];
    for (const f of facts) {
      const found = await client
        .query('select pg_get_object_address($1, $2, $3)', [f.addr_type, f.addr_names, f.addr_args])
        .then(
          () => true,
          () => false,
        );
      if (found) kept.push(f);
    }
    return kept;
  } finally {
    await client.end();
  }
}

function inspectable(url: string): string {
  const u = new URL(url);
  u.searchParams.set('options', '-c search_path=pg_catalog');
  return u.toString();
}

export function isEmpty(d: SchemaDiff): boolean {
  return d.migra === '' && d.defaults.length === 0 && d.catalog.length === 0;
}

/**
 * The diff as one SQL script: new schemas, then default privileges (so objects are born with the right
 * grants), then migra's statements, then the catalog facts migra does not see.
 */
export function renderDiff(d: SchemaDiff): string {
  const statements = d.migra ? d.migra.split(/\n{2,}/) : [];
  const schemas = statements.filter((s) => /^create schema /.test(s));
  const others = statements.filter((s) => !/^create schema /.test(s));
  const parts = [schemas.join('\n'), d.defaults.join('\n'), others.join('\n\n'), d.catalog.join('\n')];
  return parts.filter(Boolean).join('\n\n') + '\n';
}
