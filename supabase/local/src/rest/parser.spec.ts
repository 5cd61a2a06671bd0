import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import {
  parseFilterParam,
  parseLogic,
  parseOrder,
  parsePrefer,
  parseQuery,
  parseSelect,
  splitTopLevel,
} from './parser.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ApiError ? e.code : String(e);
  }
  return 'no error';
};

describe('parseSelect', () => {
  it('reads columns, aliases, casts and JSON paths', () => {
    expect(parseSelect('id,heading:title,n::text,meta->a->>b,x:meta->0')).toEqual([
      { type: 'field', field: { name: 'id', path: [] }, alias: undefined, cast: undefined },
      { type: 'field', field: { name: 'title', path: [] }, alias: 'heading', cast: undefined },
      { type: 'field', field: { name: 'n', path: [] }, alias: undefined, cast: 'text' },
      {
        type: 'field',
        field: {
          name: 'meta',
          path: [
            { op: '->', key: 'a' },
            { op: '->>', key: 'b' },
          ],
        },
        alias: undefined,
        cast: undefined,
      },
      { type: 'field', field: { name: 'meta', path: [{ op: '->', key: '0' }] }, alias: 'x', cast: undefined },
    ]);
  });

  it('reads embeds with alias, hint, join type and nesting', () => {
    const [star, embed] = parseSelect('*,org:orgs!projects_org_id_fkey!inner(name,tasks!left(id))');
    expect(star).toEqual({ type: 'star' });
    expect(embed).toMatchObject({
      type: 'embed',
      name: 'orgs',
      alias: 'org',
      hint: 'projects_org_id_fkey',
      join: 'inner',
      select: [{ type: 'field' }, { type: 'embed', name: 'tasks', join: 'left', select: [{ type: 'field' }] }],
    });
  });

  it('reads quoted column names', () => {
    expect(parseSelect('"my col","a,b"')).toMatchObject([
      { type: 'field', field: { name: 'my col' } },
      { type: 'field', field: { name: 'a,b' } },
    ]);
  });

  it('reads spreads, aggregates with their casts, and refuses bad casts with PostgREST codes', () => {
    expect(parseSelect('...orgs(name)')).toMatchObject([{ type: 'embed', name: 'orgs', spread: true }]);
    expect(code(() => parseSelect('...orgs'))).toBe('PGRST100');
    expect(parseSelect('count()')).toEqual([{ type: 'aggregate', fn: 'count', alias: undefined, outCast: undefined }]);
    expect(parseSelect('total:amount::numeric.sum()::int,region')).toMatchObject([
      { type: 'aggregate', fn: 'sum', alias: 'total', field: { name: 'amount' }, cast: 'numeric', outCast: 'int4' },
      { type: 'field', field: { name: 'region' } },
    ]);
    expect(parseSelect('meta->>tax.max()')).toMatchObject([
      { type: 'aggregate', fn: 'max', field: { name: 'meta', path: [{ op: '->>', key: 'tax' }] } },
    ]);
    expect(code(() => parseSelect('amount.sum()::text as x from pg_settings'))).toBe('PGRST100');
    expect(code(() => parseSelect('amount::text;drop.sum()'))).toBe('PGRST100');
    expect(code(() => parseSelect('id::text;drop'))).toBe('PGRST100');
  });
});

describe('filters', () => {
  it('reads operator, negation and value (values may contain dots)', () => {
    expect(parseFilterParam('price', 'not.gte.10.5')).toEqual({
      path: '',
      filter: { field: { name: 'price', path: [] }, negate: true, op: 'gte', value: { kind: 'scalar', text: '10.5' } },
    });
  });

  it('scopes a dotted key to an embed path', () => {
    expect(parseFilterParam('projects.tasks.status', 'eq.done')).toMatchObject({
      path: 'projects.tasks',
      filter: { field: { name: 'status' } },
    });
    expect(parseFilterParam('meta->>a', 'eq.1')).toMatchObject({
      path: '',
      filter: { field: { name: 'meta', path: [{ op: '->>', key: 'a' }] } },
    });
  });

  it('reads in lists with quoted values', () => {
    expect(parseFilterParam('id', 'in.(1,"a,b","c\\"d")').filter.value).toEqual({
      kind: 'list',
      items: ['1', 'a,b', 'c"d'],
    });
    expect(parseFilterParam('id', 'in.()').filter.value).toEqual({ kind: 'list', items: [] });
  });

  it('reads is, fts with a config, and like(any)', () => {
    expect(parseFilterParam('x', 'is.null').filter.value).toEqual({ kind: 'is', value: 'null' });
    expect(parseFilterParam('x', 'wfts(english).cat & dog').filter).toMatchObject({
      op: 'wfts',
      value: { kind: 'fts', config: 'english', text: 'cat & dog' },
    });
    expect(parseFilterParam('x', 'like(any).{a*,b*}').filter.value).toEqual({
      kind: 'quant',
      quantifier: 'any',
      items: ['a*', 'b*'],
    });
  });

  it('rejects unknown operators and bad is values with PGRST100', () => {
    expect(code(() => parseFilterParam('x', 'equals.1'))).toBe('PGRST100');
    expect(code(() => parseFilterParam('x', 'is.maybe'))).toBe('PGRST100');
    expect(code(() => parseFilterParam('x', 'in.1,2'))).toBe('PGRST100');
  });
});

describe('logic trees', () => {
  it('parses nested and/or with negation and commas inside values', () => {
    const t = parseLogic('or', false, '(a.eq.1,not.and(b.in.(1,2),c.is.null),d.eq."x,y")');
    expect(t).toMatchObject({
      type: 'or',
      negate: false,
      children: [
        { type: 'filter', filter: { field: { name: 'a' }, op: 'eq' } },
        {
          type: 'and',
          negate: true,
          children: [{ filter: { op: 'in', value: { items: ['1', '2'] } } }, { filter: { op: 'is' } }],
        },
        { type: 'filter', filter: { value: { kind: 'scalar', text: '"x,y"' } } },
      ],
    });
  });

  it('splits only at top-level commas', () => {
    expect(splitTopLevel('a,b(c,d),{e,f},"g,h"')).toEqual(['a', 'b(c,d)', '{e,f}', '"g,h"']);
  });

  it('rejects a tree without parentheses', () => {
    expect(code(() => parseLogic('or', false, 'a.eq.1'))).toBe('PGRST100');
  });
});

describe('parseOrder', () => {
  it('reads direction, nulls placement and related columns', () => {
    expect(parseOrder('a.desc.nullslast,b,orgs(slug).asc')).toEqual([
      { field: { name: 'a', path: [] }, relation: undefined, dir: 'desc', nulls: 'last' },
      { field: { name: 'b', path: [] }, relation: undefined },
      { field: { name: 'slug', path: [] }, relation: 'orgs', dir: 'asc' },
    ]);
    expect(code(() => parseOrder('a.up'))).toBe('PGRST100');
  });
});

describe('parseQuery', () => {
  it('separates keywords, embed-scoped parameters and the rest', () => {
    const q = parseQuery(
      new URLSearchParams(
        'select=id&id=eq.1&tasks.order=id.desc&tasks.limit=2&tasks.offset=1&or=(a.eq.1)&tasks.not.or=(b.eq.2)&limit=5&columns="a","b"&on_conflict=key',
      ),
    );
    expect(q.select).toHaveLength(1);
    expect(q.columns).toEqual(['a', 'b']);
    expect(q.onConflict).toEqual(['key']);
    expect(q.rest).toEqual([['id', 'eq.1']]);
    expect(q.nodes.get('')).toMatchObject({ limit: 5, where: [{ type: 'or', negate: false }] });
    expect(q.nodes.get('tasks')).toMatchObject({
      limit: 2,
      offset: 1,
      order: [{ dir: 'desc' }],
      where: [{ type: 'or', negate: true }],
    });
  });

  it('rejects a non-numeric limit', () => {
    expect(code(() => parseQuery(new URLSearchParams('limit=ten')))).toBe('PGRST100');
  });
});

describe('parsePrefer', () => {
  it('reads the tokens supabase-js sends in one header', () => {
    const p = parsePrefer('return=representation,count=exact, resolution=merge-duplicates,missing=default,tx=rollback');
    expect(p).toMatchObject({
      return: 'representation',
      count: 'exact',
      resolution: 'merge-duplicates',
      missing: 'default',
      tx: 'rollback',
    });
  });

  it('rejects invalid preferences only under handling=strict', () => {
    expect(parsePrefer('bogus=1').invalid).toEqual(['bogus=1']);
    expect(code(() => parsePrefer('handling=strict, bogus=1'))).toBe('PGRST122');
  });
});
