// Starts and stops a whole local stack: Postgres (created, bootstrapped, migrated and seeded when new),
// the inbox, the gateway with its services, and background workers.
import type { Server } from 'node:http';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { loadConfig, type StackConfig } from './config.ts';
import { createGateway } from './gateway/server.ts';
import type { StackContext } from './gateway/types.ts';
import { Inbox } from './inbox/server.ts';
import { Cluster } from './postgres/cluster.ts';
import { ensurePackages } from './postgres/install.ts';
import { bootstrap, migrate, seed } from './postgres/migrate.ts';
import { guardPoolClients } from './postgres/pool.ts';
import { createServices, startWorkers } from './services.ts';

export interface StackOptions {
  config?: StackConfig;
  /** Start from an empty database (drop everything, bootstrap, migrate, seed). */
  reset?: boolean;
  /** Run supabase/seed.sql on a fresh database (default true). */
  seed?: boolean;
  log?: (line: string) => void;
}

export interface RunningStack {
  config: StackConfig;
  ctx: StackContext;
  inbox: Inbox;
  stop(): Promise<void>;
}

/** Drops and recreates the `postgres` database of a running cluster, keeping cluster-wide roles. */
async function recreateDatabase(cluster: Cluster): Promise<void> {
  const c = await cluster.connect('template1');
  try {
    await c.query('drop database if exists postgres with (force)');
    await c.query('create database postgres');
  } finally {
    await c.end();
  }
}

/** Prepares the database: a new cluster gets the full bootstrap; an existing one only new migrations. */
export async function prepareDatabase(
  config: StackConfig,
  opts: { reset?: boolean; seed?: boolean; log: (s: string) => void },
): Promise<Cluster> {
  const { log } = opts;
  ensurePackages(log);
  const cluster = new Cluster(config);
  let fresh = false;
  if (!cluster.exists) {
    log(`creating a PostgreSQL 15 cluster in ${cluster.dir}`);
    cluster.init();
    cluster.start();
    fresh = true;
  } else {
    cluster.start();
    if (opts.reset) {
      log('resetting the database');
      await recreateDatabase(cluster);
      // Dropping the database ends pg_cron's scheduler for good; a restart brings it back.
      cluster.stop();
      cluster.start();
      fresh = true;
    }
  }
  const client = await cluster.connect();
  try {
    if (fresh) {
      const { rows } = await client.query(`select 1 from pg_roles where rolname = 'authenticator'`);
      await bootstrap(client, log, { rolesExist: rows.length > 0 });
    }
    await migrate(client, log);
    if (fresh && opts.seed !== false) await seed(client, log);
  } catch (e) {
    await client.end();
    throw e;
  }
  await client.end();
  return cluster;
}

export async function startStack(opts: StackOptions = {}): Promise<RunningStack> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? ((line: string) => console.log(`[stack] ${line}`));
  const cluster = await prepareDatabase(config, { reset: opts.reset, seed: opts.seed, log });

  const poolOpts = { host: '127.0.0.1', port: config.ports.db, database: 'postgres' };
  const apiPool = new pg.Pool({
    ...poolOpts,
    max: config.api.dbPool,
    user: 'authenticator',
    password: 'postgres',
    application_name: 'local-rest',
  });
  const adminPool = new pg.Pool({
    ...poolOpts,
    user: 'postgres',
    password: 'postgres',
    application_name: 'local-admin',
    max: 10,
  });
  // A dropped connection (db:reset, a restart) must not take the whole stack down.
  guardPoolClients(apiPool, (m) => log(`api pool: ${m}`));
  guardPoolClients(adminPool, (m) => log(`admin pool: ${m}`));

  const inbox = new Inbox();
  await inbox.start(config.host, config.ports.smtp, config.ports.inbox);
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.ports.smtp,
    secure: false,
    ignoreTLS: true,
  });

  const ctx: StackContext = {
    config,
    apiPool,
    adminPool,
    async sendMail(mail) {
      await transport.sendMail({ from: mail.from ?? 'PawCentral <no-reply@pawcentral.local>', ...mail });
    },
    log: (service, message) => log(`${service}: ${message}`),
  };

  // Where pg_cron jobs reach the edge functions, and with which key (private.setting() in the schema reads
  // these when private.settings has no row): this stack's own gateway, set anew at every start.
  await adminPool.query(
    `alter database postgres set app.settings.functions_url = '${config.apiUrl}/functions/v1'; ` +
      `alter database postgres set app.settings.service_role_key = '${config.serviceRoleKey}'`,
  );

  const mounts = await createServices(ctx);
  const workers = await startWorkers(ctx);
  const gateway: Server = createGateway(ctx, mounts);
  await new Promise<void>((ok, fail) => {
    gateway.once('error', fail);
    gateway.listen(config.ports.api, config.apiHost, () => ok());
  });
  log(`API gateway on ${config.apiUrl} (${mounts.map((m) => m.prefix).join(', ') || 'no services'})`);

  let stopped = false;
  return {
    config,
    ctx,
    inbox,
    async stop() {
      if (stopped) return;
      stopped = true;
      gateway.closeAllConnections?.();
      // gateway.close() resolves only when every socket has ended, upgraded websockets included,
      // and only the services can end those (realtime terminates its clients in close()).
      const gatewayClosed = new Promise<void>((ok) => gateway.close(() => ok()));
      for (const w of workers) await w.stop().catch(() => {});
      for (const m of mounts) await m.service.close?.().catch(() => {});
      await gatewayClosed;
      await inbox.stop();
      transport.close();
      await apiPool.end().catch(() => {});
      await adminPool.end().catch(() => {});
      cluster.stop();
    },
  };
}
