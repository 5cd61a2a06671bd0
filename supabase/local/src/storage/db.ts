// Database access the way storage does it: one transaction per action on the API pool, switched to
// the caller's role with the request settings policies read (auth.uid(), auth.jwt(), …).
import type { IncomingMessage } from 'node:http';
import type pg from 'pg';
import { fromPgError } from './errors.ts';
import type { Identity } from './identity.ts';

export type Tx = pg.PoolClient;

export interface RequestInfo {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
}

export class StorageDb {
  readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  /**
   * Runs `fn` in a transaction as `who`. `rollback` is for permission probes: storage checks that an
   * INSERT would pass RLS before it accepts the bytes, then throws the probe row away.
   */
  async as<T>(
    who: Identity,
    req: RequestInfo | undefined,
    fn: (tx: Tx) => Promise<T>,
    opts: { rollback?: boolean; operation?: string } = {},
  ): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('begin');
      await client.query(
        `select set_config('role', $1, true),
                set_config('request.jwt.claim.role', $1, true),
                set_config('request.jwt.claims', $2, true),
                set_config('request.jwt.claim.sub', $3, true),
                set_config('request.jwt', $4, true),
                set_config('request.method', $5, true),
                set_config('request.path', $6, true),
                set_config('request.headers', $7, true),
                set_config('storage.operation', $8, true)`,
        [
          who.role,
          JSON.stringify(who.claims),
          typeof who.claims.sub === 'string' ? who.claims.sub : '',
          who.token,
          req?.method ?? '',
          req?.path ?? '',
          JSON.stringify(req ? publicHeaders(req.headers) : {}),
          opts.operation ?? '',
        ],
      );
      const out = await fn(client);
      await client.query(opts.rollback ? 'rollback' : 'commit');
      return out;
    } catch (err) {
      await client.query('rollback').catch(() => {
        broken = true;
      });
      throw fromPgError(err);
    } finally {
      client.release(broken);
    }
  }
}

/** Request headers as PostgREST exposes them to SQL, minus the credentials. */
function publicHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'authorization' || k === 'apikey' || k === 'cookie' || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}
