// Auth's database access: every unit of work is one transaction run as supabase_auth_admin, the role
// GoTrue connects as, so triggers apps put on auth.users see the same current_user as on Supabase.
import type pg from 'pg';

export type Db = pg.PoolClient;

export async function tx<T>(pool: pg.Pool, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await pool.connect();
  try {
    await db.query('begin');
    await db.query('set local role supabase_auth_admin');
    await db.query(`set local search_path = auth, extensions`);
    const out = await work(db);
    await db.query('commit');
    return out;
  } catch (e) {
    await db.query('rollback').catch(() => {});
    throw e;
  } finally {
    db.release();
  }
}

/** Appends an account event to auth.audit_log_entries (GoTrue's payload shape). */
export async function audit(
  db: Db,
  ip: string,
  action: string,
  actor: { id: string; email?: string | null },
  logType = 'account',
  traits: Record<string, unknown> = {},
): Promise<void> {
  const payload = {
    actor_id: actor.id,
    actor_username: actor.email ?? '',
    actor_via_sso: false,
    action,
    log_type: logType,
    ...(Object.keys(traits).length ? { traits } : {}),
  };
  await db.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
     values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), $1, now(), $2)`,
    [JSON.stringify(payload), ip.slice(0, 64)],
  );
}
