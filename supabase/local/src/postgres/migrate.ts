// Brings a fresh database to the project's schema: the platform bootstrap (our SQL in
// supabase/local/sql), then supabase/migrations in order (recorded as the CLI records them), then seed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type pg from 'pg';
import { supabaseDir } from '../config.ts';

const bootstrapDir = join(supabaseDir, 'local', 'sql');
const migrationsDir = join(supabaseDir, 'migrations');

function sqlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(dir, f));
}

async function applyFile(client: pg.Client, file: string): Promise<void> {
  const sql = readFileSync(file, 'utf8');
  try {
    await client.query('begin');
    await client.query(sql);
    await client.query('commit');
  } catch (e: any) {
    await client.query('rollback').catch(() => {});
    const where = e.position ? ` at line ${sql.slice(0, Number(e.position)).split('\n').length}` : '';
    throw new Error(`${basename(file)}${where}: ${e.message}${e.detail ? `\n${e.detail}` : ''}`, { cause: e });
  }
}

/**
 * Applies the platform bootstrap. Files named `00_*` create cluster-wide objects (roles) and are
 * skipped when the roles already exist (a database reset inside a running cluster).
 */
export async function bootstrap(
  client: pg.Client,
  log: (s: string) => void,
  opts: { rolesExist: boolean },
): Promise<void> {
  for (const f of sqlFiles(bootstrapDir)) {
    if (opts.rolesExist && basename(f).startsWith('00_')) continue;
    log(`bootstrap ${basename(f)}`);
    await applyFile(client, f);
  }
}

/** Applies migrations not yet recorded in supabase_migrations.schema_migrations. */
export async function migrate(client: pg.Client, log: (s: string) => void): Promise<number> {
  const { rows } = await client.query('select version from supabase_migrations.schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  let applied = 0;
  for (const f of sqlFiles(migrationsDir)) {
    const m = /^(\d+)_(.*)\.sql$/.exec(basename(f));
    if (!m) throw new Error(`migration file name must be <timestamp>_<name>.sql: ${basename(f)}`);
    const [, version, name] = m;
    if (done.has(version)) continue;
    log(`migrate ${basename(f)}`);
    await applyFile(client, f);
    await client.query(
      'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
      [version, name, [readFileSync(f, 'utf8')]],
    );
    applied++;
  }
  // Schema changed: tell REST to reload its schema cache, as PostgREST listens for.
  if (applied) await client.query(`notify pgrst, 'reload schema'`);
  return applied;
}

export async function seed(client: pg.Client, log: (s: string) => void): Promise<boolean> {
  const file = join(supabaseDir, 'seed.sql');
  if (!existsSync(file)) return false;
  log('seed seed.sql');
  await applyFile(client, file);
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
  await client.query(
    `insert into supabase_migrations.seed_files (path, hash) values ('supabase/seed.sql', $1)
     on conflict (path) do update set hash = excluded.hash`,
    [hash],
  );
  return true;
}
