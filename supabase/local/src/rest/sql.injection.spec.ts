// Hostile text in every place the query grammar takes user input must reach SQL only as a quoted
// identifier, a quoted literal, or a $n parameter. Each payload carries the marker `pwned`; once quoted
// identifiers and literals are cut out of a statement, the marker must be gone.
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.ts';
import { parseFilterParam, parseQuery } from './parser.ts';
import type { Column, Func, Relationship, SchemaCache, Table } from './schema.ts';
import { Builder, type Statement } from './sql.ts';

const col = (name: string, typname = 'text'): Column => ({
  name,
  type: typname,
  typname,
  category: 'S',
  nullable: true,
  default: null,
  generated: false,
});
const table = (name: string, cols: string[]): Table => ({
  schema: 'api',
  name,
  kind: 'table',
  columns: new Map(cols.map((c) => [c, col(c)])),
  pk: ['id'],
  uniques: [],
  insertable: true,
});

// A column whose own name is hostile: names from the catalog are quoted too.
const EVIL_COLUMN = 'x" from pg_settings pwned --';
const quotedEvil = `"${EVIL_COLUMN.replace(/["\\]/g, '\\$&')}"`;
const pets = table('pets', ['id', 'name', 'meta', 'owner_id', EVIL_COLUMN]);
const owners = table('owners', ['id', 'name']);
const m2o: Relationship = {
  cardinality: 'm2o',
  table: pets,
  foreign: owners,
  constraint: 'pets_owner_id_fkey',
  columns: [['owner_id', 'id']],
  isSelf: false,
};
const o2m: Relationship = { ...m2o, cardinality: 'o2m', table: owners, foreign: pets, columns: [['id', 'owner_id']] };
const fn: Func = {
  schema: 'api',
  name: 'find_pets',
  params: [
    { name: 'q', type: 'text', hasDefault: false, variadic: false },
    { name: EVIL_COLUMN, type: 'text', hasDefault: true, variadic: false },
  ],
  returnsSet: true,
  returnKind: 'composite',
  returnType: 'api.pets',
  returnTable: pets,
  volatility: 's',
  rpc: true,
  cached: true,
};
const cache: SchemaCache = {
  tables: new Map([
    ['api.pets', pets],
    ['api.owners', owners],
  ]),
  relationships: new Map([
    ['api.pets', [m2o]],
    ['api.owners', [o2m]],
  ]),
  functions: new Map([['api.find_pets', [fn]]]),
  roleSettings: new Map(),
  generation: 1,
};

/** The statement with every quoted identifier and string literal removed. */
function bare(sql: string): string {
  return sql.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
}

function builder(qs: URLSearchParams): Builder {
  const q = parseQuery(qs);
  for (const [k, v] of q.rest) {
    const { path, filter } = parseFilterParam(k, v);
    if (!q.nodes.has(path)) q.nodes.set(path, { where: [] });
    q.nodes.get(path)!.where.push({ type: 'filter', filter });
  }
  return new Builder({ cache, schema: 'api', select: q.select, nodes: q.nodes, maxRows: 1000, aggregates: true });
}

type Build = (payload: string) => Statement;
const qs = (pairs: Array<[string, string]>) => new URLSearchParams(pairs);
const out = { format: 'array' as const, count: true };

/** Every slot of the grammar where a request's text can land, each building a full statement. */
const SLOTS: Record<string, Build> = {
  cast: (p) => builder(qs([['select', `name::${p}`]])).read(pets, out),
  'aggregate input cast': (p) => builder(qs([['select', `name::${p}.max()`]])).read(pets, out),
  'aggregate output cast': (p) => builder(qs([['select', `name.max()::${p}`]])).read(pets, out),
  'aggregate alias and json path': (p) =>
    builder(
      qs([['select', `"${p.replace(/["\\]/g, '\\$&')}":meta->>"${p.replace(/["\\]/g, '\\$&')}".count(),name`]]),
    ).read(pets, out),
  'to-many spread alias': (p) =>
    builder(qs([['select', `id,...pets("${p.replace(/["\\]/g, '\\$&')}":name)`]])).read(owners, out),
  alias: (p) => builder(qs([['select', `"${p.replace(/["\\]/g, '\\$&')}":name`]])).read(pets, out),
  'bare alias': (p) => builder(qs([['select', `${p.replace(/[,:()"!]/g, ' ')}:name`]])).read(pets, out),
  'json path key': (p) => builder(qs([['select', `meta->"${p.replace(/["\\]/g, '\\$&')}"`]])).read(pets, out),
  'json path in a filter': (p) => builder(qs([[`meta->>${p.replace(/[.]/g, '')}`, 'eq.1']])).read(pets, out),
  'json path in order': (p) => builder(qs([['order', `meta->"${p.replace(/["\\]/g, '\\$&')}".desc`]])).read(pets, out),
  'filter value': (p) => builder(qs([['name', `eq.${p}`]])).read(pets, out),
  'like value': (p) => builder(qs([['name', `ilike.*${p}*`]])).read(pets, out),
  'in list': (p) => builder(qs([['name', `in.("${p.replace(/["\\]/g, '\\$&')}",b)`]])).read(pets, out),
  'quantified list': (p) => builder(qs([['name', `like(any).{"${p.replace(/["\\]/g, '\\$&')}"}`]])).read(pets, out),
  'fts config': (p) => builder(qs([['name', `fts(${p.replace(/[)]/g, '')}).cat`]])).read(pets, out),
  'fts value': (p) => builder(qs([['name', `wfts.${p}`]])).read(pets, out),
  'or tree value': (p) => builder(qs([['or', `(name.eq."${p.replace(/["\\]/g, '\\$&')}",id.gt.1)`]])).read(pets, out),
  'embed alias': (p) => builder(qs([['select', `"${p.replace(/["\\]/g, '\\$&')}":owners(name)`]])).read(pets, out),
  'embed filter value': (p) =>
    builder(
      qs([
        ['select', 'id,owners(name)'],
        ['owners.name', `eq.${p}`],
      ]),
    ).read(pets, out),
  'hostile column (catalog)': (p) =>
    builder(
      qs([
        ['select', quotedEvil],
        [quotedEvil, `eq.${p}`],
        ['order', `${quotedEvil}.desc`],
      ]),
    ).read(pets, out),
  'update body and filter': (p) =>
    builder(qs([['name', `eq.${p}`]])).update(pets, ['name', EVIL_COLUMN], JSON.stringify({ name: p }), out),
  'insert with on_conflict and defaults': (p) =>
    builder(qs([['on_conflict', 'id']])).insert(
      pets,
      {
        columns: ['id', EVIL_COLUMN],
        body: JSON.stringify([{ id: p }]),
        defaultsFor: [EVIL_COLUMN],
        resolution: 'merge-duplicates',
        wantInserted: true,
      },
      out,
    ),
  'delete filter': (p) => builder(qs([['not.or', `(name.eq.${p.replace(/[,()]/g, '')})`]])).delete(pets, out),
  'rpc arguments': (p) =>
    builder(
      qs([
        ['select', 'id'],
        ['name', `neq.${p}`],
      ]),
    ).rpc(fn, { kind: 'named', names: ['q', EVIL_COLUMN], body: JSON.stringify({ q: p }) }, out),
};

const PAYLOADS = [
  'text as pwned from pg_settings t0 union all select name',
  `x'; select pwned from pg_settings; --`,
  'x") union select pwned --',
  'a"b"c pwned',
  '$1 pwned $2',
  '/* pwned */',
  'pwned\\',
  `E'\\x27 pwned`,
  '1e20 pwned',
  'pwned[]',
];

/** Deterministic hostile strings: quotes, comment starts, dollar quotes and unicode around the marker. */
function randomPayloads(seed: number, n: number): string[] {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  const atoms = [
    '"',
    "'",
    '\\',
    '--',
    '/*',
    '*/',
    '$$',
    '$1',
    ';',
    ')',
    '(',
    ',',
    ':',
    '::',
    '->',
    '.',
    ' ',
    'é',
    '\u2028',
  ];
  return Array.from({ length: n }, () => {
    let t = '';
    const len = 1 + Math.floor(next() * 8);
    for (let i = 0; i < len; i++) t += atoms[Math.floor(next() * atoms.length)];
    const at = Math.floor(next() * (t.length + 1));
    return t.slice(0, at) + ' pwned ' + t.slice(at);
  });
}

describe('SQL builder with hostile input', () => {
  const seed = 20261206;
  const all = [...PAYLOADS, ...randomPayloads(seed, 200)];
  for (const [slot, build] of Object.entries(SLOTS)) {
    it(`keeps user text out of the SQL text: ${slot}`, () => {
      let built = 0;
      for (const p of all) {
        let s: Statement;
        try {
          s = build(p);
        } catch (e) {
          // Refusals are fine, as long as they are client errors.
          expect(e, `${slot} <- ${JSON.stringify(p)}`).toBeInstanceOf(ApiError);
          expect((e as ApiError).status).toBeLessThan(500);
          continue;
        }
        built++;
        expect(bare(s.sql), `${slot} <- ${JSON.stringify(p)} (seed ${seed})`).not.toMatch(/pwned|pg_settings/);
        const placeholders = new Set(bare(s.sql).match(/\$\d+/g) ?? []);
        expect(placeholders.size, `${slot}: one value per placeholder`).toBe(s.values.length);
      }
      expect(built, `${slot}: at least one payload got as far as a statement`).toBeGreaterThan(0);
    });
  }

  it('emits a cast as a quoted type name and refuses anything but a type name', () => {
    const s = builder(qs([['select', 'name::text,id::INTEGER,meta::text[]']])).read(pets, out);
    expect(s.sql).toContain('t0."name"::"text" as "name"');
    expect(s.sql).toContain('t0."id"::"int4" as "id"');
    expect(s.sql).toContain('t0."meta"::"text"[] as "meta"');
    for (const bad of ['text as name from pg_settings', 'text;', 'double precision', 'text)', '"text"', '']) {
      expect(() => builder(qs([['select', `name::${bad}`]])), bad).toThrow(/invalid cast type|failed to parse/);
    }
  });
});
