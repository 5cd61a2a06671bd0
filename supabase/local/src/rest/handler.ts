// One HTTP request → one transaction: negotiate profile and media type, authenticate, build the
// statement, run it under the request's role with PostgREST's GUCs, and shape the response.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { BODY_LIMITS, readBody } from '../gateway/http.ts';
import { identify, type Identity } from './auth.ts';
import { ApiError, columnNotFound, fromPgError, notImplemented, tableNotFound } from './errors.ts';
import {
  parseFilterParam,
  parsePrefer,
  parseQuery,
  type NodeParams,
  type Preferences,
  type QueryParams,
} from './parser.ts';
import { qualified, type Func, type SchemaCache, type Table } from './schema.ts';
import { Builder, ident, type BodyFormat, type RpcArgs, type Statement } from './sql.ts';

export interface HandlerOptions {
  schemas: string[];
  extraSearchPath: string[];
  maxRows: number | null;
  jwtSecret: string;
  preRequest?: string;
  getCache(): SchemaCache | Promise<SchemaCache>;
  pool: pg.Pool;
}

interface Media {
  format: BodyFormat;
  stripNulls: boolean;
  contentType: string;
  /** `Accept: application/vnd.pgrst.plan…` (when `pgrst.db_plan_enabled`): answer the EXPLAIN output instead. */
  plan?: { json: boolean; options: string[] };
}

/** Request media types whose raw body goes to a function's single unnamed parameter of this type. */
const RAW_BODY_TYPES: Record<string, string> = {
  'text/plain': 'text',
  'text/xml': 'xml',
  'application/octet-stream': 'bytea',
};

const PLAN_OPTIONS = ['analyze', 'verbose', 'settings', 'buffers', 'wal'];

const JSON_CT = 'application/json; charset=utf-8';

/** Chooses the response media type from Accept, as PostgREST does for the types it can produce here. */
export function negotiate(accept: string | undefined, planEnabled = false): Media {
  if (!accept) return { format: 'array', stripNulls: false, contentType: JSON_CT };
  const offered = accept
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const raw of offered) {
    const [type, ...paramsList] = raw.split(';').map((x) => x.trim());
    const params = paramsList.join(';').replace(/\s/g, '');
    const stripped = /nulls=stripped/.test(params);
    const lower = type.toLowerCase();
    if (planEnabled && /^application\/vnd\.pgrst\.plan(\+json|\+text)?$/.test(lower)) {
      // `for="<media type>"` names the result whose plan is wanted; `options=analyze|verbose|…`.
      const forType = /for="?([^";]+)"?/i.exec(paramsList.join(';'))?.[1]?.trim() ?? 'application/json';
      const inner = negotiate(forType);
      const opts = /options=([a-z|]+)/i.exec(params)?.[1]?.toLowerCase().split('|') ?? [];
      const bad = opts.find((o) => !PLAN_OPTIONS.includes(o));
      if (bad) throw new ApiError(406, 'PGRST107', `None of these media types are available: ${raw}`);
      const json = lower.endsWith('+json');
      return {
        ...inner,
        plan: { json, options: opts },
        contentType: `application/vnd.pgrst.plan+${json ? 'json' : 'text'}; for="${forType}"; charset=utf-8`,
      };
    }
    switch (lower) {
      case 'application/json':
      case 'application/*':
      case '*/*':
        return { format: 'array', stripNulls: false, contentType: JSON_CT };
      case 'application/vnd.pgrst.array+json':
      case 'application/vnd.pgrst.array':
        return {
          format: 'array',
          stripNulls: stripped,
          contentType: stripped ? 'application/vnd.pgrst.array+json;nulls=stripped; charset=utf-8' : JSON_CT,
        };
      case 'application/vnd.pgrst.object+json':
      case 'application/vnd.pgrst.object':
        return {
          format: 'object',
          stripNulls: stripped,
          contentType: `application/vnd.pgrst.object+json${stripped ? ';nulls=stripped' : ''}; charset=utf-8`,
        };
      case 'text/csv':
        return { format: 'csv', stripNulls: false, contentType: 'text/csv; charset=utf-8' };
      case 'application/geo+json':
        return { format: 'geojson', stripNulls: false, contentType: 'application/geo+json; charset=utf-8' };
    }
  }
  throw new ApiError(406, 'PGRST107', `None of these media types are available: ${offered.join(', ')}`);
}

function profile(req: IncomingMessage, schemas: string[]): string {
  const read = req.method === 'GET' || req.method === 'HEAD';
  const h = (read ? req.headers['accept-profile'] : req.headers['content-profile']) as string | undefined;
  if (h === undefined || h === '') return schemas[0];
  if (!schemas.includes(h)) {
    throw new ApiError(
      406,
      'PGRST106',
      `Invalid schema: ${h}`,
      null,
      `Only the following schemas are exposed: ${schemas.join(', ')}`,
    );
  }
  return h;
}

interface Outcome {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Plan {
  statement: Statement;
  readOnly: boolean;
  /** For `count=planned`: a statement whose EXPLAIN gives the planner's row estimate. */
  estimate?: Statement;
  /** Decides the response from the statement's single row (or rowCount for bare DML). */
  respond(row: Record<string, any> | undefined, rowCount: number, estimate?: number, rows?: any[]): Outcome;
}

/**
 * The plan of the statement a request would run, as PostgREST answers `Accept: application/vnd.pgrst.plan`:
 * EXPLAIN in JSON or text with the options asked for. The statement runs only under `analyze`, in the
 * request's transaction as usual (a write is committed unless `Prefer: tx=rollback`, as in PostgREST).
 */
function explainPlan(plan: Plan, media: Media): Plan {
  const opts = [`format ${media.plan!.json ? 'json' : 'text'}`, ...media.plan!.options];
  return {
    statement: { sql: `explain (${opts.join(', ')}) ${plan.statement.sql}`, values: plan.statement.values },
    readOnly: plan.readOnly,
    respond: (row, _n, _e, rows) => ({
      status: 200,
      headers: { 'content-type': media.contentType },
      body: media.plan!.json
        ? JSON.stringify(row?.['QUERY PLAN'] ?? [])
        : (rows ?? []).map((r) => r['QUERY PLAN']).join('\n'),
    }),
  };
}

export class RestHandler {
  private readonly o: HandlerOptions;
  private readonly names = new Map<string, string>();
  private readonly shapes = new Map<string, number>();
  private readonly preRequestSql?: string;
  constructor(o: HandlerOptions) {
    this.o = o;
    if (o.preRequest) this.preRequestSql = `select ${o.preRequest.split('.').map(ident).join('.')}()`;
  }

  async handle(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    let out: Outcome;
    try {
      out = await this.run(req, path, url);
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      if (!err) throw e;
      out = {
        status: err.status,
        headers: { 'content-type': JSON_CT, ...err.headers },
        body: JSON.stringify(err.body()),
      };
    }
    const body = req.method === 'HEAD' ? '' : out.body;
    res.writeHead(out.status, { ...out.headers, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  }

  private async run(req: IncomingMessage, path: string, url: URL): Promise<Outcome> {
    const method = req.method ?? 'GET';
    const schema = profile(req, this.o.schemas);
    const id = identify(req, this.o.jwtSecret);
    const cacheOrPromise = this.o.getCache();
    const cache = cacheOrPromise instanceof Promise ? await cacheOrPromise : cacheOrPromise;
    const prefer = parsePrefer(req.headers.prefer);
    const media = negotiate(req.headers.accept, pgrstFlag(cache, 'db_plan_enabled'));
    const query = parseQuery(url.searchParams);
    let segments: string[];
    try {
      segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw new ApiError(404, 'PGRST125', 'Invalid path specified in request URL');
    }
    let plan: Plan;
    if (segments.length === 0) {
      throw new ApiError(404, 'PGRST126', 'Root endpoint metadata is disabled');
    } else if (segments.length === 2 && segments[0] === 'rpc') {
      const body = method === 'POST' ? await readBody(req, BODY_LIMITS.rest) : undefined;
      const contentType = String(req.headers['content-type'] ?? '')
        .split(';')[0]
        .trim()
        .toLowerCase();
      plan = this.planRpc(cache, schema, segments[1], method, query, prefer, media, body, contentType);
    } else if (segments.length === 1) {
      const table = cache.tables.get(qualified(schema, segments[0]));
      if (!table) throw tableNotFound(schema, segments[0]);
      const body =
        method === 'POST' || method === 'PATCH' || method === 'PUT' ? await readBody(req, BODY_LIMITS.rest) : undefined;
      plan = this.planTable(cache, schema, table, method, query, prefer, media, body);
    } else {
      throw new ApiError(404, 'PGRST125', 'Invalid path specified in request URL');
    }
    if (media.plan) plan = explainPlan(plan, media);
    const out = await this.execute(req, path, id, schema, plan, prefer);
    if (this.o.schemas.length > 1) out.headers['content-profile'] = schema;
    return out;
  }

  private readInput(cache: SchemaCache, schema: string, q: QueryParams) {
    return {
      cache,
      schema,
      select: q.select,
      nodes: q.nodes,
      maxRows: this.o.maxRows,
      aggregates: pgrstFlag(cache, 'db_aggregates_enabled'),
    };
  }

  // ------------------------------------------------------------------ tables

  private planTable(
    cache: SchemaCache,
    schema: string,
    table: Table,
    method: string,
    q: QueryParams,
    prefer: Preferences,
    media: Media,
    raw?: Buffer,
  ): Plan {
    addFilters(q);
    const builder = new Builder({ ...this.readInput(cache, schema, q) });
    const count = prefer.count !== undefined;
    const applied = preferenceApplied(prefer, method);
    if (method === 'GET' || method === 'HEAD') {
      const planned = prefer.count === 'planned';
      const statement = builder.read(table, {
        format: method === 'HEAD' ? 'none' : media.format,
        stripNulls: media.stripNulls,
        count: count && !planned,
      });
      const estimate = planned ? new Builder({ ...this.readInput(cache, schema, q) }).countSource(table) : undefined;
      const offset = q.nodes.get('')!.offset ?? 0;
      return {
        statement,
        readOnly: true,
        estimate,
        respond: (row, _n, estimated) =>
          readResponse(estimated === undefined ? row! : { ...row, total: estimated }, media, offset, count, applied),
      };
    }
    const root = q.nodes.get('')!;
    if (method === 'PATCH' || method === 'DELETE') {
      if (root.limit !== undefined || root.offset !== undefined) {
        throw notImplemented('limit/offset on PATCH and DELETE are not supported by this server');
      }
    }
    const representation = prefer.return === 'representation';
    const format: BodyFormat = representation ? media.format : 'none';
    const out = { format, stripNulls: media.stripNulls };
    if (method === 'POST') {
      const rows = parseJsonBody(raw!);
      const list = Array.isArray(rows) ? rows : [rows];
      if (list.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
        throw new ApiError(400, 'PGRST102', 'All object keys must match');
      }
      let columns = q.columns;
      if (!columns) {
        const first = Object.keys(list[0] ?? {});
        for (const r of list) {
          const keys = Object.keys(r);
          if (keys.length !== first.length || keys.some((k) => !first.includes(k)))
            throw new ApiError(400, 'PGRST102', 'All object keys must match');
        }
        columns = first;
      }
      let defaultsFor: string[] = [];
      if (prefer.missing === 'default') {
        // A column no row gives a value for is left out, so Postgres applies its DEFAULT or identity itself;
        // the others take their DEFAULT expression (an identity's nextval()) row by row.
        const given = columns;
        for (const c of given) if (!table.columns.has(c)) throw columnNotFound(table.name, c);
        columns = given.filter((c) => list.some((r) => c in r));
        defaultsFor = columns.filter((c) => list.some((r) => !(c in r)));
      }
      const resolution = prefer.resolution;
      const wantInserted = resolution === 'merge-duplicates' && representation;
      const statement = builder.insert(
        table,
        {
          columns,
          body: JSON.stringify(list),
          defaultsFor,
          resolution,
          onConflict: q.onConflict,
          wantInserted,
        },
        out,
      );
      return {
        statement,
        readOnly: false,
        respond: (row, rowCount) => {
          const n = row ? Number(row.page_total) : rowCount;
          const status = wantInserted && Number(row!.inserted) === 0 ? 200 : 201;
          const headers: Record<string, string> = { 'content-range': `*/${count ? n : '*'}`, ...applied };
          if (!representation) return { status, headers, body: '' };
          return singularCheck(
            { status, headers: { ...headers, 'content-type': media.contentType }, body: row!.body },
            media,
            n,
          );
        },
      };
    }
    if (method === 'PATCH' || method === 'DELETE') {
      let statement: Statement;
      if (method === 'PATCH') {
        const body = parseJsonBody(raw!);
        if (body === null || typeof body !== 'object' || Array.isArray(body))
          throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
        const columns = q.columns ?? Object.keys(body);
        if (columns.length === 0) {
          // Nothing to set: PostgREST answers as if no row matched.
          return {
            statement: { sql: 'select 1 where false', values: [] },
            readOnly: true,
            respond: (): Outcome =>
              representation
                ? {
                    status: 200,
                    headers: { 'content-type': media.contentType, 'content-range': '*/*' },
                    body: media.format === 'object' ? '' : '[]',
                  }
                : { status: 204, headers: { 'content-range': '*/*' } as Record<string, string>, body: '' },
          };
        }
        statement = builder.update(table, columns, JSON.stringify(body), out);
      } else statement = builder.delete(table, out);
      return {
        statement,
        readOnly: false,
        respond: (row, rowCount) => {
          const n = row ? Number(row.page_total) : rowCount;
          if (prefer.handling === 'strict' && prefer.maxAffected !== undefined) checkMaxAffected(n, prefer.maxAffected);
          const headers: Record<string, string> = {
            'content-range': `${n ? `0-${n - 1}` : '*'}/${count ? n : '*'}`,
            ...applied,
          };
          if (!representation) return { status: 204, headers, body: '' };
          return singularCheck(
            { status: 200, headers: { ...headers, 'content-type': media.contentType }, body: row!.body },
            media,
            n,
          );
        },
      };
    }
    if (method === 'PUT')
      throw notImplemented(
        'PUT upserts are not supported by this server; use POST with Prefer: resolution=merge-duplicates',
      );
    throw new ApiError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
  }

  // ------------------------------------------------------------------ rpc

  private planRpc(
    cache: SchemaCache,
    schema: string,
    name: string,
    method: string,
    q: QueryParams,
    prefer: Preferences,
    media: Media,
    raw?: Buffer,
    contentType = '',
  ): Plan {
    if (!['GET', 'HEAD', 'POST'].includes(method))
      throw new ApiError(405, 'PGRST101', `Cannot use the ${method} method on RPC`);
    const cached = (cache.functions.get(qualified(schema, name)) ?? []).filter((f) => f.cached);
    const candidates = cached.filter((f) => f.rpc);
    // A single unnamed text, xml or bytea parameter takes the raw body of that media type (PostgREST's
    // text/plain, text/xml and application/octet-stream handlers); json/jsonb take any JSON body.
    const rawType = method === 'POST' ? RAW_BODY_TYPES[contentType] : undefined;
    if (rawType) {
      const fits = candidates.filter(
        (f) => f.params.length === 1 && f.params[0].name === '' && f.params[0].type === rawType,
      );
      if (fits.length > 1) throw ambiguousRpc(fits);
      if (fits.length === 1) {
        const fn = fits[0];
        const body = rawType === 'bytea' ? raw! : raw!.toString('utf8');
        if (typeof body === 'string' && body.includes('\0'))
          throw new ApiError(400, '22021', 'invalid byte sequence for encoding "UTF8": 0x00');
        return this.rpcPlan(cache, schema, fn, { kind: 'single', body }, method, q, prefer, media);
      }
    }
    let body: unknown = {};
    if (method === 'POST') {
      const text = raw!.toString('utf8');
      body = text.trim() === '' ? {} : parseJsonBody(raw!);
    }
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    // GET: a parameter naming an argument of some overload is an argument; the rest are filters.
    const argNames = new Set(candidates.flatMap((f) => f.params.map((p) => p.name)));
    const given: Record<string, unknown> = {};
    if (method === 'POST') {
      if (isObject) Object.assign(given, body);
    } else {
      for (const [k, v] of q.rest) if (argNames.has(k)) given[k] = v;
      q.rest = q.rest.filter(([k]) => !argNames.has(k));
    }
    const keys = Object.keys(given);
    const single = candidates.filter(
      (f) => method === 'POST' && f.params.length === 1 && f.params[0].name === '' && /^jsonb?$/.test(f.params[0].type),
    );
    // An unnamed parameter is named "" (PostgREST): `{"": value}` passes it.
    const named = candidates.filter((f) => {
      if (!isObject && method === 'POST') return false;
      return (
        keys.every((k) => f.params.some((p) => p.name === k)) &&
        f.params.every((p) => p.hasDefault || keys.includes(p.name))
      );
    });
    let fn: Func;
    let args: RpcArgs;
    // As PostgREST: every overload the arguments fit is a candidate (no preference for an exact
    // parameter count, which Postgres itself would then refuse as 42725); several → PGRST203.
    if (named.length > 1 || (!named.length && single.length > 1)) throw ambiguousRpc(named.length ? named : single);
    if (named.length && named[0].params.length === 1 && named[0].params[0].name === '' && keys.length === 1) {
      // The single unnamed parameter given as `{"": value}`: passed positionally.
      fn = named[0];
      const v = given[''];
      args = {
        kind: 'single',
        body: fn.params[0].type === 'text' || fn.params[0].type === 'xml' ? String(v) : JSON.stringify(v),
      };
      if (fn.params[0].type === 'bytea') args = { kind: 'single', body: Buffer.from(String(v)) };
    } else if (named.length) {
      fn = named[0];
      const values: Record<string, unknown> = {};
      for (const k of keys) {
        const v = given[k];
        const p = fn.params.find((x) => x.name === k)!;
        // json_to_record reads JSON: GET arguments are text, and json/jsonb arguments passed as text are parsed.
        values[k] = method !== 'POST' && /^jsonb?$/.test(p.type) && typeof v === 'string' ? safeJson(v) : v;
      }
      args = { kind: 'named', names: keys, body: JSON.stringify(values) };
    } else if (single.length === 1) {
      fn = single[0];
      args = { kind: 'single', body: JSON.stringify(body) };
    } else {
      const func = `${schema}.${name}`;
      const list = keys.join(', ');
      throw new ApiError(
        404,
        'PGRST202',
        `Could not find the function ${func}${keys.length ? `(${list})` : ' without parameters'} in the schema cache`,
        `Searched for the function ${func}${keys.length ? ` with parameter${keys.length > 1 ? 's' : ''} ${list}` : ' without parameters'}${method === 'POST' ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
        noRpcHint(cache, schema, name, keys, cached),
      );
    }
    return this.rpcPlan(cache, schema, fn, args, method, q, prefer, media);
  }

  private rpcPlan(
    cache: SchemaCache,
    schema: string,
    fn: Func,
    args: RpcArgs,
    method: string,
    q: QueryParams,
    prefer: Preferences,
    media: Media,
  ): Plan {
    addFilters(q);
    const builder = new Builder({ ...this.readInput(cache, schema, q) });
    const count = prefer.count !== undefined;
    const minimal = prefer.return === 'minimal';
    const statement = builder.rpc(fn, args, { format: media.format, stripNulls: media.stripNulls, count });
    const readOnly = method !== 'POST' || fn.volatility !== 'v';
    const offset = q.nodes.get('')!.offset ?? 0;
    const applied = preferenceApplied(prefer, method);
    return {
      statement,
      readOnly,
      respond: (row) => {
        if (prefer.handling === 'strict' && prefer.maxAffected !== undefined && row) {
          // For an rpc the affected rows are the rows the function returned (PostgREST 13).
          checkMaxAffected(Number(row.page_total), prefer.maxAffected);
        }
        if (fn.returnKind === 'void') return { status: 204, headers: { ...applied }, body: '' };
        if (fn.returnKind === 'scalar' && (media.format === 'csv' || media.format === 'geojson')) {
          throw new ApiError(
            406,
            'PGRST107',
            `None of these media types are available: ${media.contentType.split(';')[0]}`,
          );
        }
        const r = readResponse(row!, media, offset, count, applied);
        if (minimal) return { status: 204, headers: { 'content-range': r.headers['content-range'] }, body: '' };
        if (!fn.returnsSet && media.format !== 'object') r.status = 200;
        return r;
      },
    };
  }

  // ------------------------------------------------------------------ transaction

  /**
   * A prepared-statement name for SQL shapes seen often (planning is skipped on later runs); rare
   * shapes stay unnamed so a long-running stack does not pile up statements on every connection.
   */
  private statementName(sql: string): string | undefined {
    const seen = (this.shapes.get(sql) ?? 0) + 1;
    if (seen < 3) {
      if (this.shapes.size >= 10_000) this.shapes.clear();
      this.shapes.set(sql, seen);
      return undefined;
    }
    let name = this.names.get(sql);
    if (!name) {
      if (this.names.size >= 1000) return undefined;
      name = 'pgrst_' + createHash('sha1').update(sql).digest('hex').slice(0, 24);
      this.names.set(sql, name);
    }
    return name;
  }

  /**
   * Runs the plan in one transaction. The client is switched to node-pg's pipeline mode so BEGIN, the
   * GUC statement, the pre-request hook and the main statement go out together (one round trip); a
   * read-only request pipelines its COMMIT too, a write awaits the result first so it can still roll back.
   */
  private async execute(
    req: IncomingMessage,
    path: string,
    id: Identity,
    schema: string,
    plan: Plan,
    prefer: Preferences,
  ): Promise<Outcome> {
    const cacheOrPromise = this.o.getCache();
    const cache = cacheOrPromise instanceof Promise ? await cacheOrPromise : cacheOrPromise;
    const client = await this.o.pool.connect().catch((e: Error) => {
      throw new ApiError(503, 'PGRST001', 'Database client error. Retrying the connection.', e.message);
    });
    const authed = id.role !== 'anon';
    const pc = client as pg.PoolClient & { pipeline?: boolean };
    pc.pipeline = true;
    let broken = false;
    const pending: Array<Promise<unknown>> = [];
    const send = <T>(p: Promise<T>): Promise<T> => {
      p.catch(() => {});
      pending.push(p);
      return p;
    };
    // One write for the whole pipeline: syscalls are the dominant cost per request here.
    const stream = (client as unknown as { connection: { stream: { cork?(): void; uncork?(): void } } }).connection
      .stream;
    const gucSql = this.gucSql(cache, id.role);
    const gucValues = this.gucValues(req, path, id, schema, cache);
    const mainQuery = {
      name: this.statementName(plan.statement.sql),
      text: plan.statement.sql,
      values: plan.statement.values,
    };
    const early = plan.readOnly && prefer.tx !== 'rollback';
    try {
      stream.cork?.();
      send(client.query(plan.readOnly ? 'begin isolation level read committed read only' : 'begin'));
      send(client.query({ name: gucSql.name, text: gucSql.text, values: gucValues }));
      if (this.preRequestSql) send(client.query(this.preRequestSql));
      const estimate = plan.estimate
        ? send(client.query({ text: `explain (format json) ${plan.estimate.sql}`, values: plan.estimate.values }))
        : undefined;
      const main = send(client.query(mainQuery));
      const end = early ? send(client.query('commit')) : undefined;
      stream.uncork?.();
      const settled = await Promise.allSettled(pending);
      const failure = settled.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
      if (failure) {
        if (!early)
          await client.query('rollback').catch(() => {
            broken = true;
          });
        const e = failure.reason;
        if (e && typeof e.code === 'string' && e.severity) throw fromPgError(e, authed);
        broken = true;
        throw e;
      }
      const r = await main;
      const row = r.rows[0];
      let outcome: Outcome;
      try {
        outcome = plan.respond(row, r.rowCount ?? 0, estimate ? planRows((await estimate).rows[0]) : undefined, r.rows);
        applyGucs(outcome, row);
      } catch (e) {
        if (!end)
          await client.query('rollback').catch(() => {
            broken = true;
          });
        throw e;
      }
      if (!end) {
        try {
          await client.query(prefer.tx === 'rollback' ? 'rollback' : 'commit');
        } catch (e: any) {
          // Deferred constraints fail at COMMIT.
          if (e && typeof e.code === 'string' && e.severity) throw fromPgError(e, authed);
          broken = true;
          throw e;
        }
      }
      return outcome;
    } catch (e) {
      // Anything but an answer we built or a server error leaves the connection in an unknown state.
      if (!(e instanceof ApiError)) broken = true;
      // A connection lost mid-request (the database restarting) is PostgREST's 503, never a raw 500.
      if (connectionLost(e)) {
        throw new ApiError(
          503,
          'PGRST001',
          'Database client error. Retrying the connection.',
          (e as Error)?.message ?? null,
        );
      }
      throw e;
    } finally {
      stream.uncork?.();
      pc.pipeline = false;
      client.release(broken);
    }
  }

  private gucSqlCache = new Map<string, { text: string; name: string }>();

  /** The set_config statement for a role (its own settings included), prepared once per connection. */
  private gucSql(cache: SchemaCache, role: string): { text: string; name: string } {
    const key = `${cache.generation}:${role}`;
    let stmt = this.gucSqlCache.get(key);
    if (stmt) return stmt;
    const names = [
      'search_path',
      'role',
      'request.jwt.claims',
      'request.method',
      'request.path',
      'request.headers',
      'request.cookies',
      'request.jwt.claim.sub',
      'request.jwt.claim.role',
      'request.jwt.claim.email',
    ];
    for (const [k] of cache.roleSettings.get(role) ?? []) names.push(k);
    const text = 'select ' + names.map((n, i) => `set_config('${n.replace(/'/g, "''")}', $${i + 1}, true)`).join(', ');
    stmt = { text, name: 'pgrst_gucs_' + createHash('sha1').update(text).digest('hex').slice(0, 16) };
    if (this.gucSqlCache.size > 200) this.gucSqlCache.clear();
    this.gucSqlCache.set(key, stmt);
    return stmt;
  }

  private gucValues(req: IncomingMessage, path: string, id: Identity, schema: string, cache: SchemaCache): string[] {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const cookies: Record<string, string> = {};
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    const claims = id.claims;
    const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
    // As PostgREST: the profile's schema, then extra_search_path as configured (a repeat is harmless).
    const searchPath = [schema, ...this.o.extraSearchPath].map(ident).join(', ');
    const values = [
      searchPath,
      id.role,
      JSON.stringify({ ...claims, role: id.role }),
      req.method ?? 'GET',
      path,
      JSON.stringify(headers),
      JSON.stringify(cookies),
      str(claims.sub),
      id.role,
      str(claims.email),
    ];
    for (const [, v] of cache.roleSettings.get(id.role) ?? []) values.push(v);
    return values;
  }
}

// ------------------------------------------------------------------ helpers

/** The planner's estimate of the rows a statement returns, from its EXPLAIN (FORMAT JSON) output. */
function planRows(row: Record<string, any> | undefined): number | undefined {
  const plan = row?.['QUERY PLAN']?.[0]?.Plan;
  return typeof plan?.['Plan Rows'] === 'number' ? plan['Plan Rows'] : undefined;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** How deep a request body may nest; deeper JSON would exhaust the stack of the parser or of Postgres. */
export const MAX_JSON_DEPTH = 512;

/** Whether `text` nests arrays/objects deeper than `max`, found by one pass that skips strings. */
export function jsonTooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (jsonTooDeep(text, MAX_JSON_DEPTH)) {
    throw new ApiError(400, 'PGRST102', 'Empty or invalid json', `The body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'PGRST102', 'Empty or invalid json');
  }
}

/** Moves the non-keyword parameters into node filters (rpc arguments were already taken out). */
function addFilters(q: QueryParams): void {
  for (const [key, value] of q.rest) {
    const { path, filter } = parseFilterParam(key, value);
    let n: NodeParams | undefined = q.nodes.get(path);
    if (!n) q.nodes.set(path, (n = { where: [] }));
    n.where.push({ type: 'filter', filter });
  }
  q.rest = [];
}

/** PGRST203, listing the candidates ordered by their parameter lists (as PostgREST 13/14 answer). */
function ambiguousRpc(candidates: Func[]): ApiError {
  const args = (f: Func) => f.params.map((p) => `${p.name} => ${p.type}`).join(', ');
  const sigs = candidates
    .map((f) => ({ args: args(f), f }))
    .sort((a, b) => (a.args < b.args ? -1 : a.args > b.args ? 1 : 0));
  return new ApiError(
    300,
    'PGRST203',
    `Could not choose the best candidate function between: ${sigs.map(({ f, args }) => `${f.schema}.${f.name}(${args})`).join(', ')}`,
    null,
    'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
  );
}

function checkMaxAffected(affected: number, max: number): void {
  if (affected > max) {
    throw new ApiError(
      400,
      'PGRST124',
      'Query result exceeds max-affected preference constraint',
      `The query affects ${affected} rows`,
    );
  }
}

function preferenceApplied(p: Preferences, method: string): Record<string, string> {
  const applied = p.applied.filter((t) => {
    if (t.startsWith('count=')) return true;
    if (method === 'GET' || method === 'HEAD') return false;
    return /^(return|resolution|missing|tx|handling|max-affected)=/.test(t);
  });
  return applied.length ? { 'preference-applied': applied.join(', ') } : {};
}

function readResponse(
  row: Record<string, any>,
  media: Media,
  offset: number,
  count: boolean,
  applied: Record<string, string>,
): Outcome {
  const n = Number(row.page_total);
  const total = row.total === null || row.total === undefined ? null : Number(row.total);
  const range = n > 0 ? `${offset}-${offset + n - 1}` : '*';
  const headers: Record<string, string> = {
    'content-type': media.contentType,
    'content-range': `${range}/${count && total !== null ? total : '*'}`,
    ...applied,
  };
  if (count && total !== null && offset > 0 && offset > total) {
    const err = new ApiError(
      416,
      'PGRST103',
      'Requested range not satisfiable',
      `An offset of ${offset} was requested, but there are only ${total} rows.`,
    );
    return {
      status: 416,
      headers: { 'content-type': JSON_CT, 'content-range': `*/${total}` },
      body: JSON.stringify(err.body()),
    };
  }
  const status = count && total !== null && n < total ? 206 : 200;
  return singularCheck({ status, headers, body: row.body }, media, n);
}

function singularCheck(out: Outcome, media: Media, rows: number): Outcome {
  if (media.format === 'object' && rows !== 1)
    throw new ApiError(
      406,
      'PGRST116',
      'Cannot coerce the result to a single JSON object',
      `The result contains ${rows} rows`,
    );
  return out;
}

/** Honours `response.headers` (a JSON array of one-key objects) and `response.status` set by SQL. */
function applyGucs(out: Outcome, row: Record<string, any> | undefined): void {
  if (!row) return;
  if (row.response_headers) {
    let list: unknown;
    try {
      list = JSON.parse(row.response_headers);
    } catch {
      list = null;
    }
    if (
      !Array.isArray(list) ||
      list.some(
        (o) => !o || typeof o !== 'object' || Object.keys(o).length !== 1 || typeof Object.values(o)[0] !== 'string',
      )
    ) {
      throw new ApiError(
        500,
        'PGRST111',
        'response.headers guc must be a JSON array composed of objects with a single key and a string value',
      );
    }
    for (const o of list as Array<Record<string, string>>) {
      const [k, v] = Object.entries(o)[0];
      out.headers[k.toLowerCase()] = v;
    }
  }
  if (row.response_status) {
    const s = Number(row.response_status);
    if (!Number.isInteger(s) || s < 100 || s > 599)
      throw new ApiError(500, 'PGRST112', 'response.status guc must be a valid status code');
    out.status = s;
  }
}

/** Whether an error means the database connection went away under the request (not a query's own error). */
function connectionLost(e: unknown): boolean {
  const err = e as { code?: string; message?: string; severity?: string } | undefined;
  if (!err) return false;
  // FATAL ends the session itself (57P01 when the server shuts down under it); ERROR belongs to the query.
  if (err.severity) return err.severity === 'FATAL' || err.severity === 'PANIC';
  if (err.code === 'ECONNRESET' || err.code === 'ECONNREFUSED' || err.code === 'EPIPE') return true;
  return /not queryable|Connection terminated/i.test(err.message ?? '');
}

/**
 * A boolean PostgREST setting, read as PostgREST reads its in-database configuration: the environment
 * (`PGRST_DB_AGGREGATES_ENABLED`) first, else the authenticator role's `pgrst.<name>` setting
 * (`alter role authenticator set pgrst.db_aggregates_enabled = 'true'`, picked up on schema reload).
 */
export function pgrstFlag(cache: SchemaCache, name: string): boolean {
  const env = process.env[`PGRST_${name.toUpperCase()}`];
  const value = env ?? cache.roleSettings.get('authenticator')?.find(([k]) => k === `pgrst.${name}`)?.[1];
  return value !== undefined && ['true', 'on', '1', 'yes'].includes(value.trim().toLowerCase());
}

/**
 * PGRST202's hint, as PostgREST gives it: no function of that name → the closest name in the schema;
 * overloads of that name → the closest parameter list. Closeness is a fuzzy-set match (2- and
 * 3-grams, cosine ≥ 0.33, best by normalized Levenshtein), null when nothing is close.
 */
function noRpcHint(cache: SchemaCache, schema: string, name: string, keys: string[], overloads: Func[]): string | null {
  const prefix = 'Perhaps you meant to call the function ';
  if (overloads.length) {
    const lists = overloads.map((f) => f.params.map((p) => p.name).join(', '));
    const best = fuzzyBest(lists, keys.join(', '));
    return best === undefined ? null : `${prefix}${schema}.${name}(${best})`;
  }
  const names: string[] = [];
  for (const [key, fns] of cache.functions) {
    if (fns.some((f) => f.cached && f.schema === schema)) names.push(key.slice(key.indexOf('.') + 1));
  }
  const best = fuzzyBest(names, name);
  return best === undefined ? null : `${prefix}${schema}.${best}`;
}

function grams(s: string): Map<string, number> {
  const padded = `-${s.toLowerCase()}-`;
  const out = new Map<string, number>();
  for (const n of [2, 3]) {
    for (let i = 0; i + n <= padded.length; i++) {
      const g = padded.slice(i, i + n);
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, n] of a) {
    na += n * n;
    dot += n * (b.get(g) ?? 0);
  }
  for (const n of b.values()) nb += n * n;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

export function fuzzyBest(choices: string[], wanted: string): string | undefined {
  if (!wanted) return undefined;
  const g = grams(wanted);
  let best: string | undefined;
  let bestScore = -1;
  for (const c of choices) {
    if (cosine(g, grams(c)) < 0.33) continue;
    const score = 1 - levenshtein(c.toLowerCase(), wanted.toLowerCase()) / Math.max(c.length, wanted.length, 1);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return bestScore >= 0.33 ? best : undefined;
}
