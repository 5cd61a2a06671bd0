// The /rest/v1 service: PostgREST's HTTP semantics over the stack's database.
//
// The db-pre-request hook (PostgREST's `db-pre-request`) is not a Supabase CLI config key, so it is read
// from the environment variable PGRST_DB_PRE_REQUEST, else from `[api] db_pre_request` in config.toml;
// the value is a function name, optionally schema-qualified (`public.check_request`).
import pg from 'pg';
import type { Service, StackContext } from '../gateway/types.ts';
import { RestHandler } from './handler.ts';
import { loadSchemaCache, type SchemaCache } from './schema.ts';

/**
 * Keeps the schema cache current. A reload is started by `NOTIFY pgrst, 'reload schema'` (from a
 * LISTEN on a dedicated connection); requests arriving meanwhile wait for it, so a request sent after
 * the notification was received never sees the old schema.
 */
class SchemaHolder {
  current!: SchemaCache;
  private pending: Promise<void> | null = null;
  private again = false;
  private generation = 0;
  private readonly ctx: StackContext;
  constructor(ctx: StackContext) {
    this.ctx = ctx;
  }

  get(): SchemaCache | Promise<SchemaCache> {
    return this.pending ? this.pending.then(() => this.current) : this.current;
  }

  reload(): Promise<void> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      do {
        this.again = false;
        try {
          this.current = await loadSchemaCache(this.ctx.adminPool, this.ctx.config.api.schemas, ++this.generation);
        } catch (e: any) {
          this.ctx.log('rest', `schema cache load failed: ${e?.message ?? e}`);
          if (!this.current) throw e;
        }
      } while (this.again);
    })().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }
}

/** Supabase installs event triggers that ask PostgREST to reload after DDL; the stack does the same. */
const DDL_WATCH_SQL = `
create or replace function extensions.pgrst_ddl_watch() returns event_trigger language plpgsql as $$
begin
  -- Temporary objects never reach the API: skip them so sessions that use temp tables cause no reloads.
  if exists (select 1 from pg_event_trigger_ddl_commands() c where c.schema_name is null or c.schema_name not like 'pg\\_temp%') then
    perform pg_notify('pgrst', 'reload schema');
  end if;
end $$;
comment on function extensions.pgrst_ddl_watch() is 'Tells the REST service to reload its schema cache after DDL.';
create or replace function extensions.pgrst_drop_watch() returns event_trigger language plpgsql as $$
begin
  if exists (select 1 from pg_event_trigger_dropped_objects() o where not o.is_temporary) then
    perform pg_notify('pgrst', 'reload schema');
  end if;
end $$;
comment on function extensions.pgrst_drop_watch() is 'Tells the REST service to reload its schema cache after a DROP.';
do $$
begin
  if not exists (select 1 from pg_event_trigger where evtname = 'pgrst_ddl_watch') then
    create event trigger pgrst_ddl_watch on ddl_command_end execute function extensions.pgrst_ddl_watch();
  end if;
  if not exists (select 1 from pg_event_trigger where evtname = 'pgrst_drop_watch') then
    create event trigger pgrst_drop_watch on sql_drop execute function extensions.pgrst_drop_watch();
  end if;
end $$;
`;

function listen(ctx: StackContext, holder: SchemaHolder): { stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: ctx.config.dbUrl, application_name: 'local-rest-listener' });
    client = c;
    c.on('notification', (n) => {
      // 'reload config' re-reads the in-database configuration (authenticator's pgrst.* settings), which lives in the cache.
      const payload = n.payload ?? '';
      if (n.channel === 'pgrst' && ['reload schema', 'reload config', ''].includes(payload)) {
        void holder.reload().catch(() => {});
      }
    });
    const retry = () => {
      if (stopped || client !== c) return;
      client = null;
      timer = setTimeout(() => void connect(), 1000);
    };
    c.on('error', (e) => {
      ctx.log('rest', `schema listener: ${e.message}`);
      retry();
    });
    c.on('end', retry);
    try {
      await c.connect();
      await c.query('listen pgrst');
      // Anything may have changed while we were not listening.
      void holder.reload().catch(() => {});
    } catch (e: any) {
      ctx.log('rest', `schema listener cannot connect: ${e?.message ?? e}`);
      retry();
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}

export async function create(ctx: StackContext): Promise<Service> {
  const holder = new SchemaHolder(ctx);
  try {
    await ctx.adminPool.query(DDL_WATCH_SQL);
  } catch (e: any) {
    ctx.log('rest', `could not install the DDL watch event triggers: ${e?.message ?? e}`);
  }
  await holder.reload();
  const listener = listen(ctx, holder);
  const preRequest = process.env.PGRST_DB_PRE_REQUEST || ctx.config.toml.api?.db_pre_request || undefined;
  const handler = new RestHandler({
    schemas: ctx.config.api.schemas,
    extraSearchPath: ctx.config.api.extraSearchPath,
    maxRows: ctx.config.api.maxRows,
    jwtSecret: ctx.config.jwtSecret,
    preRequest,
    getCache: () => holder.get(),
    pool: ctx.apiPool,
  });
  return {
    handle: (req, res, path, url) => handler.handle(req, res, path, url),
    close: () => listener.stop(),
  };
}
