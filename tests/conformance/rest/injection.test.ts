// SQL injection through the query grammar: user text reaches SQL only as quoted identifiers or
// parameters, so hostile selects, casts, aliases, JSON paths, filters, orders and Prefer values either
// parse into harmless names/values or are refused with a 4xx — and never return server settings or
// another tenant's rows.
import { describe, expect, it } from 'vitest';
import { stack } from '../../support/stack.ts';
import { anon, rest } from './helpers.ts';

/** What must never appear in a response: a server setting's row, or the hidden tenant's secrets. */
const LEAK = /max_connections|shared_buffers|HIDDEN-TENANT-SECRET/;

const ATTACKS: string[] = [
  'select=secret::text as secret from pg_settings t0 union all select name',
  'select=secret::text as secret from (select name as secret from pg_settings) t0 union all select secret',
  'select=secret::text as secret from (select secret from conformance.tenant_rows) t0 union all select secret',
  'select=secret::text as secret from conformance.tenant_rows t0 --',
  'select=secret::text)from(select name as secret from pg_settings)t0--',
  'select=x:secret::text;select name from pg_settings',
  'select="secret\\" from pg_settings --":secret',
  'select=secret->>"x\' union select name from pg_settings --"',
  'select=secret,tenant_rows!inner(secret)',
  "secret=eq.x' or '1'='1",
  "secret=in.(x') or true --)",
  "secret=like.*' or 1=1 --",
  'or=(secret.eq.x,tenant.neq.x) or true',
  'or=(tenant.eq.hidden,id.gt.0))) or ((true',
  'order=secret;select name from pg_settings',
  'order=secret->>"a\') union select name from pg_settings --"',
  "secret=fts(english') or true --).x",
  'columns=secret"),(select name from pg_settings',
  'limit=1;select name from pg_settings',
  'offset=0) union select name from pg_settings --',
];

describe('rest: injection through the query grammar', () => {
  it('refuses a cast that carries SQL (the reported pg_settings attack) with PGRST100', async () => {
    const attack = 'name::text as name from pg_settings t0 union all select name';
    const pets = await fetch(`${stack.url}/rest/v1/pets?select=${encodeURIComponent(attack)}`, {
      headers: { apikey: stack.serviceRoleKey, authorization: `Bearer ${stack.serviceRoleKey}` },
    });
    const body = await pets.text();
    expect(pets.status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({ code: 'PGRST100', message: expect.stringContaining('select') });
    expect(body).not.toMatch(LEAK);
  });

  it('still casts to a type name', async () => {
    const { data, error } = await anon().from('tenant_rows').select('id::text, secret::varchar').eq('id', 1);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: '1', secret: 'open-row' }]);
  });

  for (const role of ['anon', 'service_role'] as const) {
    it(`answers hostile query strings with 2xx/4xx and no settings or hidden rows (${role})`, async () => {
      const key = role === 'anon' ? stack.anonKey : stack.serviceRoleKey;
      // fuzz_items has a `name` column like pg_settings, which is what a UNION through a cast needs.
      const shots = [
        ...ATTACKS.map((q) => ['tenant_rows', q]),
        ...ATTACKS.map((q) => ['fuzz_items', q.replaceAll('secret', 'name')]),
      ];
      for (const [table, q] of shots) {
        const [k, ...v] = q.split('=');
        const url = `/${table}?${encodeURIComponent(k)}=${encodeURIComponent(v.join('='))}`;
        const res = await rest(url, { headers: { authorization: `Bearer ${key}` } });
        const body = await res.text();
        expect(res.status, `${table}?${q} → ${body}`).toBeLessThan(500);
        expect(body, `${table}?${q}`).not.toMatch(role === 'anon' ? LEAK : /max_connections|shared_buffers/);
      }
    });
  }

  it('treats hostile Prefer values as unknown preferences', async () => {
    const res = await rest('/tenant_rows', {
      headers: { Prefer: "count=exact'; select name from pg_settings --, return=x) union select 1" },
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toMatch(LEAK);
    expect(JSON.parse(body)).toEqual([{ id: 1, tenant: 'visible', secret: 'open-row' }]);
  });

  it('matches rpc argument names only against the function signature', async () => {
    const res = await rest('/rpc/bump_counters', {
      method: 'POST',
      body: JSON.stringify({ 'counter_tag" text) union select name from pg_settings --': 'x' }),
    });
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('PGRST202');
  });
});
