// One PostgreSQL 15 cluster per stack, kept under the stack's data folder: created with initdb,
// configured as Supabase's (logical WAL for realtime, pg_cron preloaded), listening on 127.0.0.1 only.
import { spawnSync, type SpawnOptions } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { StackConfig } from '../config.ts';
import { PG_BIN } from './install.ts';

const isRoot = process.getuid?.() === 0;

/** Postgres refuses to run as root; as root we run it as the `postgres` system user. */
function pgUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error('running as root needs the "postgres" system user (installed with postgresql-15)');
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  if (statSync(path).isDirectory()) for (const e of readdirSync(path)) chownTree(join(path, e), owner);
}

function run(bin: string, args: string[], opts: SpawnOptions = {}): string {
  const owner = pgUser();
  const r = spawnSync(join(PG_BIN, bin), args, { encoding: 'utf8', ...owner, ...opts } as any);
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  return String(r.stdout ?? '');
}

/**
 * PostgreSQL 15.20 added `output_plugin_libraries`, which lets only pgoutput and test_decoding decode
 * replication slots unless told otherwise; realtime's postgres_changes reads a wal2json slot. Older
 * minors do not know the setting and would refuse to start with it, so it is written only when known.
 */
const OUTPUT_PLUGINS = "output_plugin_libraries = 'pgoutput, test_decoding, wal2json'";

function knowsOutputPluginSetting(): boolean {
  const r = spawnSync(join(PG_BIN, 'postgres'), ['--describe-config'], { encoding: 'utf8', ...pgUser() } as any);
  return r.status === 0 && /^output_plugin_libraries\t/m.test(String(r.stdout));
}

export class Cluster {
  readonly dir: string;
  readonly config: StackConfig;
  constructor(config: StackConfig) {
    this.config = config;
    this.dir = join(config.dataDir, 'pg');
  }

  get exists(): boolean {
    return existsSync(join(this.dir, 'PG_VERSION'));
  }

  /** Creates the cluster files (initdb) and writes our settings. */
  init(): void {
    mkdirSync(this.config.dataDir, { recursive: true });
    const owner = pgUser();
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const pwfile = join(this.config.dataDir, '.pgpass-init');
    writeFileSync(pwfile, 'postgres\n', { mode: 0o600 });
    if (owner) {
      chownTree(this.config.dataDir, owner);
    }
    run('initdb', [
      '-D',
      this.dir,
      '-U',
      'postgres',
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '-A',
      'scram-sha-256',
      '--auth-local=trust',
    ]);
    rmSync(pwfile, { force: true });
    const fast = this.config.fast ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : [];
    writeFileSync(
      join(this.dir, 'postgresql.auto.conf'),
      [
        '# Written by supabase/local: the settings a Supabase database runs with.',
        `port = ${this.config.ports.db}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${this.dir}'`,
        'max_connections = 300',
        'shared_buffers = 256MB',
        'work_mem = 16MB',
        'maintenance_work_mem = 256MB',
        'wal_level = logical',
        'max_replication_slots = 20',
        'max_wal_senders = 20',
        "shared_preload_libraries = 'pg_cron, pg_stat_statements'",
        "cron.database_name = 'postgres'",
        'cron.use_background_workers = on',
        'max_worker_processes = 32',
        ...(knowsOutputPluginSetting() ? [OUTPUT_PLUGINS] : []),
        "timezone = 'UTC'",
        "log_timezone = 'UTC'",
        'logging_collector = off',
        'log_min_messages = warning',
        ...fast,
        '',
      ].join('\n'),
    );
    if (owner) chownTree(this.dir, owner);
  }

  /** Starts the server and waits until it accepts connections. */
  start(): void {
    const logFile = join(this.config.dataDir, 'postgres.log');
    if (isRoot) {
      writeFileSync(logFile, '', { flag: 'a' });
      const owner = pgUser()!;
      chownSync(logFile, owner.uid, owner.gid);
    }
    if (this.running()) return;
    this.allowWal2json();
    run('pg_ctl', ['-D', this.dir, '-l', logFile, '-w', '-t', '60', 'start']);
  }

  /** A cluster made before the Postgres minor that added the plugin allow-list gets the setting now. */
  private allowWal2json(): void {
    const conf = join(this.dir, 'postgresql.auto.conf');
    if (!existsSync(conf) || readFileSync(conf, 'utf8').includes('output_plugin_libraries')) return;
    if (knowsOutputPluginSetting()) writeFileSync(conf, `${OUTPUT_PLUGINS}\n`, { flag: 'a' });
  }

  running(): boolean {
    const pid = join(this.dir, 'postmaster.pid');
    if (!existsSync(pid)) return false;
    const r = spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', this.dir, 'status'], { ...pgUser() } as any);
    return r.status === 0;
  }

  stop(): void {
    if (!this.exists || !this.running()) return;
    run('pg_ctl', ['-D', this.dir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  destroy(): void {
    this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A client logged in as the superuser; the caller ends it. */
  async connect(database = 'postgres'): Promise<pg.Client> {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: this.config.ports.db,
      user: 'postgres',
      password: 'postgres',
      database,
    });
    await client.connect();
    return client;
  }

  logTail(lines = 40): string {
    const f = join(this.config.dataDir, 'postgres.log');
    return existsSync(f) ? readFileSync(f, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }
}
