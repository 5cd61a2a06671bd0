import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { parseFilterParam, parseQuery, type QueryParams } from './parser.ts';
import type { Column, Relationship, SchemaCache, Table } from './schema.ts';
import { Builder } from './sql.ts';

const col = (name: string, type = 'text', typname = type): Column => ({
  name,
  type,
  typname,
  category: 'S',
  nullable: true,
  default: null,
  generated: false,
});
const table = (name: string, cols: string[], pk = ['id']): Table => ({
  schema: 'api',
  name,
  kind: 'table',
  columns: new Map(cols.map((c) => [c, col(c)])),
  pk,
  uniques: [],
  insertable: true,
});

const orgs = table('orgs', ['id', 'slug']);
const projects = table('projects', ['id', 'org_id', 'name']);
orgs.columns.set('search', col('search', 'tsvector'));
const m2o: Relationship = {
  cardinality: 'm2o',
  table: projects,
  foreign: orgs,
  constraint: 'projects_org_id_fkey',
  columns: [['org_id', 'id']],
  isSelf: false,
};
const o2m: Relationship = {
  cardinality: 'o2m',
  table: orgs,
  foreign: projects,
  constraint: 'projects_org_id_fkey',
  columns: [['id', 'org_id']],
  isSelf: false,
};
const cache: SchemaCache = {
  tables: new Map([
    ['api.orgs', orgs],
    ['api.projects', projects],
  ]),
  relationships: new Map([
    ['api.projects', [m2o]],
    ['api.orgs', [o2m]],
  ]),
  functions: new Map(),
  roleSettings: new Map(),
  generation: 1,
};

function query(qs: string): QueryParams {
  const q = parseQuery(new URLSearchParams(qs));
  for (const [k, v] of q.rest) {
    const { path, filter } = parseFilterParam(k, v);
    if (!q.nodes.has(path)) q.nodes.set(path, { where: [] });
    q.nodes.get(path)!.where.push({ type: 'filter', filter });
  }
  return q;
}

const read = (t: Table, qs: string, count = false, maxRows: number | null = null) => {
  const q = query(qs);
  return new Builder({ cache, schema: 'api', select: q.select, nodes: q.nodes, maxRows }).read(t, {
    format: 'array',
    count,
  });
};

describe('Builder.read', () => {
  it('selects quoted columns and passes every value as a parameter', () => {
    const s = read(projects, "select=id,title:name&name=eq.x'; drop table y&limit=3");
    expect(s.sql).toContain(
      'select t0."id" as "id", t0."name" as "title" from "api"."projects" as t0 where t0."name" = $1 limit $2',
    );
    expect(s.sql).not.toContain('drop table');
    expect(s.values).toEqual(["x'; drop table y", 3]);
  });

  it('embeds to-one as row_to_json and to-many as json_agg in lateral joins', () => {
    const s = read(orgs, 'select=slug,projects(name,orgs(slug))');
    expect(s.sql).toContain(`left join lateral (select json_agg(pgrst_r) as v from (select t1."name" as "name"`);
    expect(s.sql).toContain(`select row_to_json(pgrst_r) as v from "api"."orgs" as t`);
    expect(s.sql).toMatch(/coalesce\("t0_projects_\d+"\.v, '\[\]'::json\) as "projects"/);
  });

  it('turns !inner into a not-null condition that the count also uses', () => {
    const s = read(projects, 'select=id,orgs!inner(slug)&orgs.slug=eq.acme', true);
    expect(s.sql).toMatch(/where "t0_orgs_\d+"\.v is not null order|where "t0_orgs_\d+"\.v is not null\)/);
    expect(s.sql).toContain('(select count(*) from "api"."projects" as t0 left join lateral');
  });

  it('scopes filters, order and paging to the named embed', () => {
    const s = read(
      orgs,
      'select=id,projects(id)&projects.name=like.A*&projects.order=id.desc.nullslast&projects.limit=2',
    );
    expect(s.sql).toMatch(
      /where t1\."org_id" = t0\."id" and t1\."name" like \$\d order by t1\."id" desc nulls last limit \$\d/,
    );
    expect(s.values).toContain('A%');
  });

  it('builds or/and trees and negations', () => {
    const s = read(projects, 'or=(id.eq.1,and(name.is.null,org_id.not.in.(1,2)))');
    expect(s.sql).toContain('where (t0."id" = $1 or (t0."name" is null and not (t0."org_id" = any($2))))');
    expect(s.values).toEqual(['1', ['1', '2']]);
  });

  it('uses to_tsvector for text columns and the column itself for tsvector', () => {
    expect(read(orgs, 'slug=fts(english).acme').sql).toContain(
      'to_tsvector($1::regconfig, t0."slug") @@ to_tsquery($1::regconfig, $2)',
    );
    expect(read(orgs, 'search=wfts.acme').sql).toContain('t0."search" @@ websearch_to_tsquery($1)');
  });

  it('applies max_rows as the root limit', () => {
    expect(read(orgs, 'limit=5000', false, 1000).values).toEqual([1000]);
    expect(read(orgs, '', false, 1000).values).toEqual([1000]);
  });

  it('reads JSON paths with text parameters and integer indexes', () => {
    const s = read(orgs, 'select=slug->a->>0');
    expect(s.sql).toContain('(t0."slug"->$1::text->>0) as "0"');
  });

  it('refuses unknown columns, embeds, and filters on embeds that are not in select', () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as ApiError).code;
      }
    };
    expect(err(() => read(orgs, 'select=nope'))).toBe('42703');
    expect(err(() => read(orgs, 'select=id,tasks(id)'))).toBe('PGRST200');
    expect(err(() => read(orgs, 'select=id&projects.id=eq.1'))).toBe('PGRST108');
    expect(err(() => read(orgs, 'select=id,projects(id)&projects=eq.1'))).toBe('PGRST120');
    expect(err(() => read(orgs, 'select=id,projects(id)&order=projects(id)'))).toBe('PGRST118');
  });
});

describe('Builder mutations', () => {
  const b = (qs = '') => {
    const q = query(qs);
    return new Builder({ cache, schema: 'api', select: q.select, nodes: q.nodes, maxRows: null });
  };

  it('inserts from json_populate_recordset and upserts on the conflict keys', () => {
    const s = b().insert(
      projects,
      { columns: ['id', 'name'], body: '[]', defaultsFor: [], resolution: 'merge-duplicates', wantInserted: false },
      { format: 'none' },
    );
    expect(s.sql).toBe(
      'insert into "api"."projects" as t0 ("id", "name") select pgrst_r."id", pgrst_r."name" from json_populate_recordset(null::"api"."projects", $1::json) as pgrst_r on conflict ("id") do update set "name" = excluded."name"',
    );
  });

  it('uses column defaults for missing keys', () => {
    const t = table('t', ['id', 'note']);
    t.columns.get('note')!.default = `'none'::text`;
    const s = b().insert(
      t,
      { columns: ['id', 'note'], body: '[]', defaultsFor: ['note'], wantInserted: false },
      { format: 'none' },
    );
    expect(s.sql).toContain(`case when pgrst_j::jsonb ? 'note' then pgrst_r."note" else pgrst_d.d0 end`);
    // Evaluated once per body row (an identity advances per row, as in PostgREST).
    expect(s.sql).toContain(`lateral (select 'none'::text as d0 where pgrst_j is not null) as pgrst_d`);
  });

  it('updates and deletes with the root filters and returns the representation', () => {
    const u = b('id=eq.4&select=id,orgs(slug)').update(projects, ['name'], '{}', { format: 'array' });
    expect(u.sql).toContain(
      'update "api"."projects" as t0 set "name" = pgrst_r."name" from json_populate_record(null::"api"."projects", $1::json) as pgrst_r where t0."id" = $2 returning t0 as pgrst_row',
    );
    expect(u.sql).toContain('from pgrst_mut as t0 left join lateral');
    const d = b('id=gt.4').delete(projects, { format: 'none' });
    expect(d.sql).toBe('delete from "api"."projects" as t0 where t0."id" > $1');
  });
});
