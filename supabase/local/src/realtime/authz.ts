// Private channels are authorised by the app's RLS policies on realtime.messages, evaluated as the
// user: the same GUCs PostgREST sets (role, request.jwt.claims, …) plus realtime.topic. Every probe
// runs in a transaction that is rolled back, so nothing is ever written.
import type pg from 'pg';
import type { Claims } from './claims.ts';

export type Extension = 'broadcast' | 'presence';

const SET_USER = `select set_config('role', $1, true),
  set_config('realtime.topic', $2, true),
  set_config('request.jwt.claims', $3, true),
  set_config('request.jwt.claim.sub', $4, true),
  set_config('request.jwt.claim.role', $1, true),
  set_config('request.headers', '{}', true)`;

function userParams(subTopic: string, claims: Claims): unknown[] {
  return [claims.role, subTopic, JSON.stringify(claims), String(claims.sub ?? '')];
}

async function inRolledBackTx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    return await fn(c);
  } finally {
    await c.query('rollback').catch(() => {});
    c.release();
  }
}

/**
 * Read check at join: the service (as postgres) inserts one probe row per extension, then, as the
 * user, looks for them. What the user's SELECT policies let them see is what they may receive.
 */
export async function readAccess(pool: pg.Pool, subTopic: string, claims: Claims): Promise<Record<Extension, boolean>> {
  return inRolledBackTx(pool, async (c) => {
    const probes = await c.query<{ id: string }>(
      `insert into realtime.messages (topic, extension, payload, event, private)
       select $1, e, '{}'::jsonb, 'authorization_probe', true from unnest(array['broadcast', 'presence']) as e
       returning id`,
      [subTopic],
    );
    await c.query(SET_USER, userParams(subTopic, claims));
    const seen = await c.query<{ extension: Extension }>(
      'select extension from realtime.messages where id = any($1::uuid[])',
      [probes.rows.map((r) => r.id)],
    );
    const found = new Set(seen.rows.map((r) => r.extension));
    return { broadcast: found.has('broadcast'), presence: found.has('presence') };
  });
}

/** Write check (first broadcast or track): can the user insert such a message under RLS? */
export async function writeAccess(
  pool: pg.Pool,
  subTopic: string,
  claims: Claims,
  extension: Extension,
): Promise<boolean> {
  return inRolledBackTx(pool, async (c) => {
    await c.query(SET_USER, userParams(subTopic, claims));
    await c.query('savepoint write_probe');
    try {
      await c.query(
        `insert into realtime.messages (topic, extension, payload, event, private) values ($1, $2, '{}'::jsonb, 'authorization_probe', true)`,
        [subTopic, extension],
      );
      return true;
    } catch (e: any) {
      // 42501: RLS or privilege refused the insert; anything else is a real fault worth surfacing.
      if (e?.code === '42501') return false;
      throw e;
    }
  });
}
