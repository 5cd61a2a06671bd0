// The schema cache follows the database: NOTIFY pgrst, 'reload schema' (and DDL itself) reloads it.
import { describe, expect, it } from 'vitest';
import { db } from '../../support/stack.ts';
import { anon } from './helpers.ts';

async function eventually<T>(fn: () => PromiseLike<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('rest: schema cache', () => {
  it('serves a table created after start once the schema is reloaded', async () => {
    const name = `reload_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const before = await anon().from(name).select('*');
    expect(before.error!.code).toBe('PGRST205');
    const c = await db();
    try {
      await c.query(`create table conformance.${name} (id int primary key, label text)`);
      await c.query(`grant select on conformance.${name} to anon`);
      await c.query(`insert into conformance.${name} values (1, 'fresh')`);
      await c.query(`notify pgrst, 'reload schema'`);
    } finally {
      await c.end();
    }
    const after = await eventually(
      () => anon().from(name).select('label'),
      (r) => r.error === null,
    );
    expect(after.data).toEqual([{ label: 'fresh' }]);
  });

  it('sees a new foreign key as a relationship after reload', async () => {
    const child = `reload_child_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const c = await db();
    try {
      await c.query(
        `create table conformance.${child} (id int primary key, org_id int references conformance.orgs (id))`,
      );
      await c.query(`grant select on conformance.${child} to anon`);
      await c.query(`insert into conformance.${child} values (1, 2)`);
      await c.query(`notify pgrst, 'reload schema'`);
    } finally {
      await c.end();
    }
    const res = await eventually(
      () => anon().from(child).select('id, orgs(slug)'),
      (r) => r.error === null,
    );
    expect(res.data).toEqual([{ id: 1, orgs: { slug: 'globex' } }]);
  });

  it('picks up DDL without an explicit NOTIFY (DDL event trigger)', async () => {
    const name = `ddl_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const c = await db();
    try {
      await c.query(`create table conformance.${name} (id int primary key)`);
      await c.query(`grant select on conformance.${name} to anon`);
    } finally {
      await c.end();
    }
    const res = await eventually(
      () => anon().from(name).select('id'),
      (r) => r.error === null,
    );
    expect(res.error).toBeNull();
    expect(res.data).toEqual([]);
  });
});
