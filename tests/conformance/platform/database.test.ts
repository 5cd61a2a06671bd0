import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { db } from '../../support/stack.ts';

let client: pg.Client;
beforeAll(async () => {
  client = await db();
});
afterAll(async () => {
  await client.end();
});

describe('database bootstrap', () => {
  it('records every migration as the Supabase CLI does', async () => {
    const files = readdirSync('supabase/migrations')
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.split('_')[0])
      .sort();
    const { rows } = await client.query(
      'select version, name from supabase_migrations.schema_migrations order by version',
    );
    expect(rows.map((r) => r.version)).toEqual(files);
  });

  it("creates the platform roles with Supabase's attributes", async () => {
    const { rows } = await client.query(
      `select rolname, rolcanlogin, rolinherit, rolbypassrls from pg_roles
       where rolname in ('anon','authenticated','service_role','authenticator') order by rolname`,
    );
    expect(rows).toEqual([
      { rolname: 'anon', rolcanlogin: false, rolinherit: false, rolbypassrls: false },
      { rolname: 'authenticated', rolcanlogin: false, rolinherit: false, rolbypassrls: false },
      { rolname: 'authenticator', rolcanlogin: true, rolinherit: false, rolbypassrls: false },
      { rolname: 'service_role', rolcanlogin: false, rolinherit: false, rolbypassrls: true },
    ]);
    const { rows: m } = await client.query(
      `select r.rolname from pg_auth_members am join pg_roles r on r.oid = am.roleid
       join pg_roles u on u.oid = am.member where u.rolname = 'authenticator' order by 1`,
    );
    expect(m.map((x) => x.rolname)).toEqual(['anon', 'authenticated', 'service_role']);
  });

  it('runs with logical WAL and pg_cron preloaded', async () => {
    const { rows } = await client.query(
      `select current_setting('wal_level') as wal, current_setting('shared_preload_libraries') as libs`,
    );
    expect(rows[0].wal).toBe('logical');
    expect(rows[0].libs).toContain('pg_cron');
  });

  it('has the extensions Supabase projects rely on', async () => {
    const { rows } = await client.query(`select extname from pg_extension`);
    const names = rows.map((r) => r.extname);
    for (const e of ['pgcrypto', 'uuid-ossp', 'pg_cron', 'postgis', 'pg_trgm']) expect(names).toContain(e);
  });

  it('answers auth.uid(), auth.role(), auth.email() and auth.jwt() from the request claims', async () => {
    await client.query('begin');
    try {
      await client.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: '00000000-0000-0000-0000-00000000abcd', role: 'authenticated', email: 'a@b.test' }),
      ]);
      const { rows } = await client.query(
        `select auth.uid()::text as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'email' as jwt_email`,
      );
      expect(rows[0]).toEqual({
        uid: '00000000-0000-0000-0000-00000000abcd',
        role: 'authenticated',
        email: 'a@b.test',
        jwt_email: 'a@b.test',
      });
    } finally {
      await client.query('rollback');
    }
  });

  it("gives the API roles no rights on the auth schema's tables", async () => {
    const { rows } = await client.query(
      `select has_table_privilege('anon', 'auth.users', 'select') as anon, has_table_privilege('authenticated', 'auth.users', 'select') as authed`,
    );
    expect(rows[0]).toEqual({ anon: false, authed: false });
  });
});
