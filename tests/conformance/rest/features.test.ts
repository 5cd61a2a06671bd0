// PostgREST features beyond plain tables, checked against PostgREST's documented answers: aggregates
// and explain plans (both off unless the authenticator role's pgrst.* setting turns them on, read on
// `NOTIFY pgrst, 'reload config'`), spread of to-many embeds, computed relationships, and functions
// with a single unnamed text/bytea parameter. Fixture: fixtures/rest_features.sql.
// The two settings are global to the stack, so every test that depends on them lives in this file
// (vitest runs a file's tests one after another) and turns them back off at the end.
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '../../support/stack.ts';
import { anon, rest } from './helpers.ts';

async function setFlag(name: 'db_aggregates_enabled' | 'db_plan_enabled', on: boolean): Promise<void> {
  const c = await db();
  try {
    if (on) await c.query(`alter role authenticator set pgrst.${name} = 'true'`);
    else await c.query(`alter role authenticator reset pgrst.${name}`);
    await c.query(`notify pgrst, 'reload config'`);
  } finally {
    await c.end();
  }
}

/** Polls until the stack has re-read its configuration (the probe's status says which way it is). */
async function until(probe: () => Promise<Response>, ok: (r: Response) => boolean): Promise<void> {
  const end = Date.now() + 15_000;
  for (;;) {
    const r = await probe();
    if (ok(r)) return;
    if (Date.now() > end) throw new Error(`configuration not reloaded: last answer ${r.status}`);
    await new Promise((f) => setTimeout(f, 200));
  }
}

const countProbe = () => rest('/sales?select=count()');
const planProbe = () => rest('/sales?select=id', { headers: { Accept: 'application/vnd.pgrst.plan+json' } });

afterAll(async () => {
  await setFlag('db_aggregates_enabled', false);
  await setFlag('db_plan_enabled', false);
});

describe('rest: aggregates', () => {
  it('refuses aggregates with PGRST123 while pgrst.db_aggregates_enabled is off', async () => {
    const r = await countProbe();
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ code: 'PGRST123', message: 'Use of aggregate functions is not allowed' });
  });

  it('aggregates the whole table, grouping by the other selected columns', { timeout: 30_000 }, async () => {
    await setFlag('db_aggregates_enabled', true);
    await until(countProbe, (r) => r.status === 200);
    const all = await anon().from('sales').select('count(), amount.sum(), amount.avg(), qty.min(), qty.max()');
    expect(all.error).toBeNull();
    expect(all.data).toEqual([{ count: 5, sum: 25.5, avg: 5.1, min: 1, max: 5 }]);
    const byRegion = await anon().from('sales').select('region, count(), total:amount.sum()').order('region');
    expect(byRegion.data).toEqual([
      { region: 'east', count: 1, total: 1.0 },
      { region: 'north', count: 2, total: 14.5 },
      { region: 'south', count: 2, total: 10.0 },
    ]);
  });

  it('counts non-null values of a column, applies filters first, and casts input and output', async () => {
    const qty = await anon().from('sales').select('qty.count()').eq('region', 'north');
    expect(qty.data).toEqual([{ count: 1 }]);
    const cast = await rest('/sales?select=tax:meta->>tax::numeric.sum(),avg:amount.avg()::int&product=eq.apples');
    expect(await cast.json()).toEqual([{ tax: 2.05, avg: 7 }]);
  });

  it('aggregates inside an embed, per parent row', async () => {
    const r = await anon()
      .from('products')
      .select('name, sales(region, qty.sum())')
      .eq('name', 'apples')
      .order('region', { referencedTable: 'sales' });
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      {
        name: 'apples',
        sales: [
          { region: 'north', sum: 3 },
          { region: 'south', sum: 6 },
        ],
      },
    ]);
  });

  it('groups by an embedded resource beside aggregates (as PostgREST 14 does)', async () => {
    const r = await anon().from('sales').select('amount.sum(), products(colour)');
    expect(r.error).toBeNull();
    const rows = (r.data as unknown as Array<{ sum: number; products: { colour: string } }>).sort((a, b) =>
      a.products.colour.localeCompare(b.products.colour),
    );
    expect(rows).toEqual([
      { sum: 4, products: { colour: 'green' } },
      { sum: 1, products: { colour: 'purple' } },
      { sum: 20.5, products: { colour: 'red' } },
    ]);
  });

  it('aggregates inside a to-one embed per parent, beside a to-one spread (supabase-js suite shapes)', async () => {
    const r = await anon()
      .from('projects')
      .select('id, orgs(count(), ...org_settings(theme))')
      .in('id', [1, 3])
      .order('id');
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { id: 1, orgs: { count: 1, theme: 'dark' } },
      { id: 3, orgs: { count: 1, theme: null } },
    ]);
    const sum = await anon().from('sales').select('id, products(name.count())').eq('id', 5);
    expect(sum.data).toEqual([{ id: 5, products: { count: 1 } }]);
  });

  it('computes aggregates inside a to-one spread at the level above, as PostgREST hoists them', async () => {
    const r = await anon()
      .from('projects')
      .select('id, orgs(id, ...org_settings(themes:theme.count()))')
      .in('id', [1, 3])
      .order('id');
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { id: 1, orgs: { id: 1, themes: 1 } },
      { id: 3, orgs: { id: 2, themes: 0 } },
    ]);
  });

  it('refuses what it does not compute (aggregates in a to-many spread, count() in a spread) with PGRST127', async () => {
    for (const q of ['/products?select=colour,...sales(amount.sum())', '/projects?select=id,...orgs(count())']) {
      const r = await rest(q);
      expect(r.status, q).toBe(400);
      expect((await r.json()).code, q).toBe('PGRST127');
    }
  });

  it('still refuses SQL in an aggregate cast', async () => {
    const r = await rest(`/sales?select=${encodeURIComponent('amount.sum()::text as x from pg_settings --')}`);
    expect(r.status).toBe(400);
    expect((await r.json()).code).toBe('PGRST100');
  });
});

describe('rest: explain plans', () => {
  it('answers the plan media type with 406 PGRST107 while pgrst.db_plan_enabled is off', async () => {
    const r = await planProbe();
    expect(r.status).toBe(406);
    expect((await r.json()).code).toBe('PGRST107');
  });

  it('answers the EXPLAIN of the request in JSON or text once enabled', { timeout: 30_000 }, async () => {
    await setFlag('db_plan_enabled', true);
    await until(planProbe, (r) => r.status === 200);
    const json = await rest('/sales?select=id,region&region=eq.north', {
      headers: { Accept: 'application/vnd.pgrst.plan+json; for="application/json"' },
    });
    expect(json.headers.get('content-type')).toBe(
      'application/vnd.pgrst.plan+json; for="application/json"; charset=utf-8',
    );
    const plan = await json.json();
    expect(plan[0].Plan['Node Type']).toBeTypeOf('string');
    expect(JSON.stringify(plan)).toContain('sales');
    const analyzed = await anon().from('sales').select('id').eq('region', 'south').explain({ analyze: true });
    expect(String(analyzed.data)).toMatch(/actual time=/);
    expect(String(analyzed.data)).toMatch(/Seq Scan on sales|Index Scan/);
    const bad = await rest('/sales', { headers: { Accept: 'application/vnd.pgrst.plan+json; options=drop' } });
    expect(bad.status).toBe(406);
  });
});

describe('rest: the new grammar under a seeded fuzz, both settings on', () => {
  it(
    'answers 300 random aggregate, spread, plan and raw-body requests without a 5xx or a hang',
    { timeout: 60_000 },
    async () => {
      let a = 20261206;
      const r = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
      const cols = ['id', 'region', 'product', 'amount', 'qty', 'meta->>tax', 'meta->tax', 'nope', '"a b"', 'x;y'];
      const casts = ['', '::numeric', '::int', '::text', '::nope', '::text as x from pg_settings', '::int[]'];
      const item = (): string => {
        const roll = r();
        if (roll < 0.15) return pick(['count()', 'count()::int', 'count()::text;', 'n:count()']);
        if (roll < 0.6)
          return `${pick(['', 'x:', '"q":'])}${pick(cols)}${pick(casts)}.${pick(['sum', 'avg', 'min', 'max', 'count', 'nope'])}()${pick(casts)}`;
        if (roll < 0.8)
          return `${pick(['', '...'])}${pick(['products', 'sales', 'projects', 'open_tasks', 'lead'])}(${pick(cols)}${r() < 0.5 ? `,${pick(cols)}.sum()` : ''})`;
        return pick(cols);
      };
      const shots = Array.from({ length: 300 }, () => (): Promise<Response> => {
        const table = pick(['sales', 'products', 'projects', 'orgs']);
        const roll = r();
        if (roll < 0.15)
          return rest(`/rpc/${pick(['shout', 'byte_count', 'whole_body', 'echo'])}`, {
            method: 'POST',
            body: pick(['hi', '', '\u0000', '{"a":1}', 'null', '\u00ff\u00fe']),
            headers: {
              'Content-Type': pick(['text/plain', 'application/octet-stream', 'text/xml', 'application/json']),
            },
          });
        const select = Array.from({ length: 1 + Math.floor(r() * 3) }, item).join(',');
        const accept = pick([
          'application/json',
          'application/vnd.pgrst.plan',
          'application/vnd.pgrst.plan+json; for="application/json"; options=analyze|verbose|buffers',
          'application/vnd.pgrst.plan+text; for="text/csv"',
          'application/vnd.pgrst.plan; options=drop',
          'text/csv',
        ]);
        const order = r() < 0.3 ? `&order=${pick(cols)}.${pick(['asc', 'desc'])}` : '';
        return rest(`/${table}?select=${encodeURIComponent(select)}${order}`, { headers: { Accept: accept } });
      });
      const failures: string[] = [];
      for (let i = 0; i < shots.length; i += 10) {
        const batch = await Promise.all(
          shots
            .slice(i, i + 10)
            .map((shoot) => Promise.race([shoot(), new Promise<'hang'>((f) => setTimeout(() => f('hang'), 10_000))])),
        );
        for (const res of batch) {
          if (res === 'hang') failures.push('hang');
          else if (res.status >= 500) failures.push(`${res.status} ${res.url} ${(await res.text()).slice(0, 200)}`);
          else if (/max_connections|shared_buffers/.test(await res.text())) failures.push(`leak ${res.url}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );
});

describe('rest: spread of to-many embeds', () => {
  it('turns each column of a to-many spread into a correlated array, empty when there are no rows', async () => {
    const r = await anon()
      .from('orgs')
      .select('slug, ...projects(project_names:name, project_ids:id)')
      .in('id', [1, 3])
      .order('id')
      .order('id', { referencedTable: 'projects' });
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { slug: 'acme', project_names: ['Rocket', 'Anvil'], project_ids: [1, 2] },
      { slug: 'empty', project_names: [], project_ids: [] },
    ]);
  });

  it('filters parents by a to-many spread with !inner and spreads many-to-many', async () => {
    const inner = await rest('/orgs?select=slug,...projects!inner(name)&order=id');
    expect((await inner.json()).map((o: { slug: string }) => o.slug)).toEqual(['acme', 'globex']);
    const tags = await rest('/tasks?select=id,...tags(tag_names:name)&id=in.(1,3)&order=id&tags.order=name');
    expect(await tags.json()).toEqual([
      { id: 1, tag_names: ['green', 'red'] },
      { id: 3, tag_names: [] },
    ]);
  });
});

describe('rest: computed relationships', () => {
  it('embeds the rows a function of the parent row returns, to-many and to-one', async () => {
    const r = await anon().from('projects').select('name, open_tasks(title), lead(name)').in('id', [1, 3]).order('id');
    expect(r.error).toBeNull();
    expect(r.data).toEqual([
      { name: 'Rocket', open_tasks: [{ title: 'Buy fuel' }, { title: 'Launch' }], lead: { name: 'Ada' } },
      { name: 'Laser', open_tasks: [{ title: 'Focus beam' }], lead: { name: 'Cy' } },
    ]);
  });

  it('filters the embed and the parent through a computed relationship', async () => {
    const r = await rest('/projects?select=name,open_tasks!inner(title)&open_tasks.status=eq.todo&order=id');
    expect(await r.json()).toEqual([
      { name: 'Rocket', open_tasks: [{ title: 'Launch' }] },
      { name: 'Anvil', open_tasks: [{ title: 'Forge anvil' }] },
    ]);
  });
});

describe('rest: rpc with a single unnamed parameter', () => {
  it('passes a text/plain body to an unnamed text parameter', async () => {
    const r = await rest('/rpc/shout', {
      method: 'POST',
      body: 'hello, world',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toBe('HELLO, WORLD!');
  });

  it('passes an application/octet-stream body to an unnamed bytea parameter, byte for byte', async () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 254, 0, 10]);
    const r = await rest('/rpc/byte_count', {
      method: 'POST',
      body: bytes,
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toBe(7);
  });

  it('answers a text/plain body with a NUL byte with 400, not 500', async () => {
    const r = await rest('/rpc/shout', { method: 'POST', body: 'a\u0000b', headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(400);
  });
});
