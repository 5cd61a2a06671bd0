// Check-in with the database alone (issue 15): pgbench runs public.check_in_by_tag as the bench's staff
// member (role authenticated with the same JWT claims PostgREST would set, in one transaction per call),
// every call a first scan of a pet booked today, so the figure sits beside the end-to-end one through the
// gateway and PostgREST. The pool is the same as the HTTP bench's and is reset the same way.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import { resetPool, type Target } from './checkin.ts';

const DEVICE = 'bench-domain';

export interface DbOnly {
  perSecond: number;
  latencyMs: number;
  calls: number;
  checkedIn: number;
}

/** pgbench's check-ins per second at `clients` connections, or null when pgbench is not installed. */
export async function measureDbOnly(
  db: pg.Client,
  dbUrl: string,
  pool: Target[],
  claims: unknown,
  clients: number,
): Promise<DbOnly | null> {
  await db.query(`drop table if exists bench_domain.pgbench_pool; drop sequence if exists bench_domain.pgbench_seq;
    create table bench_domain.pgbench_pool (n int primary key, uid text not null);
    create sequence bench_domain.pgbench_seq;
    grant usage on schema bench_domain to authenticated;
    grant select on bench_domain.pgbench_pool to authenticated;
    grant usage on sequence bench_domain.pgbench_seq to authenticated;`);
  await db.query(
    'insert into bench_domain.pgbench_pool select n, uid from unnest($1::text[]) with ordinality u (uid, n)',
    [pool.map((t) => t.uid)],
  );
  await resetPool(db);
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  const script = join(dir, 'check_in.sql');
  const quoted = JSON.stringify(claims).replace(/'/g, "''");
  writeFileSync(
    script,
    [
      'begin;',
      `select set_config('request.jwt.claims', '${quoted}', true), set_config('role', 'authenticated', true);`,
      // the next pet of the pool: nextval once per call (in a WHERE clause it would run per row scanned)
      `select public.check_in_by_tag(p.uid, extensions.gen_random_uuid(), '${DEVICE}') from (select nextval('bench_domain.pgbench_seq') as n) s join bench_domain.pgbench_pool p on p.n = s.n;`,
      'commit;',
      '',
    ].join('\n'),
  );
  const perClient = Math.floor(pool.length / clients);
  if (perClient < 10) return null;
  let out: string;
  try {
    const r = await promisify(execFile)(
      'pgbench',
      ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-t', String(perClient), '-f', script, dbUrl],
      { timeout: 300_000 },
    );
    out = r.stdout + r.stderr;
  } catch (e: any) {
    if (e?.code === 'ENOENT') return null;
    throw new Error(`pgbench failed: ${e?.stderr ?? e}`, { cause: e });
  }
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const lat = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  const checkedIn = Number(
    (await db.query(`select count(*) from public.tag_scans where device_id = $1 and action = 'check_in'`, [DEVICE]))
      .rows[0].count,
  );
  await resetPool(db);
  return { perSecond: tps, latencyMs: lat, calls: perClient * clients, checkedIn };
}
