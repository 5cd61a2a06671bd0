// Parses PostgREST's query-string grammar (select, filters, or/and trees, order, limit/offset, columns,
// on_conflict) and the Prefer header into plain data. No schema knowledge here: names are checked later.
import { ApiError, parseError } from './errors.ts';

export interface JsonStep {
  /** `->` keeps JSON, `->>` yields text. */
  op: '->' | '->>';
  key: string;
}

export interface Field {
  name: string;
  path: JsonStep[];
}

export type SelectItem =
  | { type: 'star' }
  | { type: 'field'; field: Field; alias?: string; cast?: string }
  | {
      /** `col.sum()`, `count()`: allowed only when aggregates are enabled (`pgrst.db_aggregates_enabled`). */
      type: 'aggregate';
      fn: AggregateFn;
      /** The aggregated value; none for a bare `count()`. */
      field?: Field;
      alias?: string;
      /** Cast of the input (`col::numeric.sum()`). */
      cast?: string;
      /** Cast of the result (`col.avg()::int`). */
      outCast?: string;
      /** A bare `count` inside an embed (PostgREST's older embedded count): allowed with aggregates off. */
      legacy?: boolean;
    }
  | {
      type: 'embed';
      name: string;
      alias?: string;
      hint?: string;
      join?: 'inner' | 'left';
      select: SelectItem[];
      spread?: boolean;
    };

export const AGGREGATE_FNS = ['count', 'sum', 'avg', 'max', 'min'] as const;
export type AggregateFn = (typeof AGGREGATE_FNS)[number];

export const FILTER_OPS = {
  eq: '=',
  neq: '<>',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  like: 'like',
  ilike: 'ilike',
  match: '~',
  imatch: '~*',
  is: 'is',
  isdistinct: 'is distinct from',
  in: 'in',
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  // nxr: does not extend to the right of (&<); nxl: does not extend to the left of (&>).
  nxl: '&>',
  nxr: '&<',
  adj: '-|-',
  fts: '@@',
  plfts: '@@',
  phfts: '@@',
  wfts: '@@',
} as const;
export type FilterOp = keyof typeof FILTER_OPS;

export type FilterValue =
  | { kind: 'scalar'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'is'; value: 'null' | 'true' | 'false' | 'unknown' }
  | { kind: 'fts'; config?: string; text: string }
  | { kind: 'quant'; quantifier: 'any' | 'all'; items: string[] };

export interface Filter {
  field: Field;
  negate: boolean;
  op: FilterOp;
  value: FilterValue;
}

export type LogicTree =
  { type: 'filter'; filter: Filter } | { type: 'and' | 'or'; negate: boolean; children: LogicTree[] };

export interface OrderTerm {
  field: Field;
  /** `rel(col)`: order by a column of an embedded to-one resource. */
  relation?: string;
  dir?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

/** Conditions, order and paging of one node of the embed tree; key '' is the root. */
export interface NodeParams {
  where: LogicTree[];
  order?: OrderTerm[];
  limit?: number;
  offset?: number;
}

export interface QueryParams {
  select?: SelectItem[];
  nodes: Map<string, NodeParams>;
  columns?: string[];
  onConflict?: string[];
  /** Parameters that are not PostgREST keywords, in order (rpc GET arguments, or filters). */
  rest: Array<[string, string]>;
}

/**
 * How deep `or`/`and` trees and `select` embeds may nest. PostgREST has no such limits, but no real
 * request comes near them, and without them a crafted query exhausts the stack (a 500) or, for embeds,
 * makes the planner run into the statement timeout; past them the request gets a 400.
 */
export const MAX_LOGIC_DEPTH = 64;
export const MAX_EMBED_DEPTH = 16;

const IDENT_STOP = new Set([',', '(', ')', ':', '!', '.', '-', '>']);

/** Splits on `sep` at depth 0, honouring double quotes (with backslash escapes), () and {}. */
export function splitTopLevel(s: string, sep = ','): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      cur += ch;
      if (ch === '\\' && i + 1 < s.length) cur += s[++i];
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '(' || ch === '{' || ch === '[') depth++;
    else if (ch === ')' || ch === '}' || ch === ']') depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** A name reaches SQL as a quoted identifier, which cannot hold NUL (Postgres would drop the connection). */
export function refuseNul(name: string, what: string): void {
  if (name.includes('\0')) throw parseError(`failed to parse ${what}`, `a name cannot contain the NUL character`);
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return s.slice(1, -1).replace(/\\(.)/g, '$1');
  return s;
}

/** Parses `name`, `"quoted name"`, `name->a->>b` into a field. Returns the rest of the input. */
export function parseField(input: string): { field: Field; rest: string } {
  let i = 0;
  const readName = (): string => {
    if (input[i] === '"') {
      let j = i + 1;
      let s = '';
      while (j < input.length && input[j] !== '"') {
        if (input[j] === '\\' && j + 1 < input.length) j++;
        s += input[j++];
      }
      if (j >= input.length) throw parseError('failed to parse field', `unterminated quote in "${input}"`);
      i = j + 1;
      return s;
    }
    const start = i;
    while (i < input.length && !IDENT_STOP.has(input[i])) i++;
    return input.slice(start, i);
  };
  const name = readName();
  if (!name) throw parseError(`failed to parse field`, `expected a column name at "${input}"`);
  refuseNul(name, 'field');
  const path: JsonStep[] = [];
  while (input.startsWith('->', i)) {
    const op = input.startsWith('->>', i) ? '->>' : '->';
    i += op.length;
    const key = readName();
    if (!key) throw parseError('failed to parse json path', `expected a key after ${op} in "${input}"`);
    if (/^-?\d+$/.test(key) && Math.abs(Number(key)) > 2 ** 31 - 1)
      throw parseError('failed to parse json path', `the array index ${key} is out of range`);
    path.push({ op, key });
  }
  return { field: { name, path }, rest: input.slice(i) };
}

// ---------------------------------------------------------------- select

export function parseSelect(raw: string): SelectItem[] {
  const fail = (why: string) => parseError(`failed to parse select parameter (${raw})`, why);
  const parseList = (s: string, depth: number): SelectItem[] => {
    if (s.trim() === '') return [];
    if (depth > MAX_EMBED_DEPTH) throw fail(`embedded resources nest deeper than ${MAX_EMBED_DEPTH} levels`);
    return splitTopLevel(s).map((part) => parseItem(part.trim(), depth));
  };
  const parseItem = (s: string, depth: number): SelectItem => {
    if (s === '') throw fail('unexpected empty item');
    if (s === '*') return { type: 'star' };
    let spread = false;
    if (s.startsWith('...')) {
      spread = true;
      s = s.slice(3);
      if (!/^[^:(]+\(.*\)$/s.test(s))
        throw fail(`a spread needs an embed without alias, e.g. ...rel(col), got "...${s}"`);
    }
    let alias: string | undefined;
    const aliasMatch = /^("(?:[^"\\]|\\.)*"|[^:(!"]+):(?!:)/.exec(s);
    if (aliasMatch) {
      alias = unquote(aliasMatch[1]);
      refuseNul(alias, 'select parameter');
      s = s.slice(aliasMatch[0].length);
    }
    // `count()` / `count()::int`: a row count without a column.
    const bare = /^count\(\)(?:::(.*))?$/.exec(s);
    if (bare && !spread) {
      const outCast = bare[1] === undefined ? undefined : parseCastType(bare[1], fail);
      return { type: 'aggregate', fn: 'count', alias, outCast };
    }
    const paren = s.indexOf('(');
    const aggregateCall = /^[^(]*\.(count|sum|avg|max|min)\(\)(?:::[^()]*)?$/.test(s);
    if (paren >= 0 && s.endsWith(')') && !s.startsWith('"') && !aggregateCall) {
      const head = s.slice(0, paren);
      const inner = s.slice(paren + 1, -1);
      const parts = head.split('!');
      const name = parts[0];
      if (!name || !/^[^.,:>-]+$/.test(name)) throw fail(`unexpected embed name "${head}"`);
      let hint: string | undefined;
      let join: 'inner' | 'left' | undefined;
      for (const p of parts.slice(1)) {
        if (p === 'inner' || p === 'left') join = p;
        else if (p && hint === undefined) hint = p;
        else throw fail(`unexpected "!${p}" in "${head}"`);
      }
      refuseNul(head, 'select parameter');
      const select = parseList(inner, depth + 1);
      return { type: 'embed', name, alias, hint, join, select, ...(spread ? { spread } : {}) };
    }
    const { field, rest } = parseField(s);
    let cast: string | undefined;
    let r = rest;
    // `col[::in].agg()[::out]`
    const agg = /^(?:::([^.]*))?\.(count|sum|avg|max|min)\(\)(?:::(.*))?$/.exec(r);
    if (agg) {
      return {
        type: 'aggregate',
        fn: agg[2] as AggregateFn,
        field,
        alias,
        cast: agg[1] === undefined ? undefined : parseCastType(agg[1], fail),
        outCast: agg[3] === undefined ? undefined : parseCastType(agg[3], fail),
      };
    }
    if (r.startsWith('.')) throw fail(`unexpected "${r}"`);
    if (r.startsWith('::')) {
      cast = parseCastType(r.slice(2), fail);
      r = '';
    }
    if (r !== '') throw fail(`unexpected "${r}"`);
    return { type: 'field', field, alias, cast };
  };
  return parseList(raw, 0);
}

// SQL spells some built-in types with keywords (`int`, `boolean`) that are not catalog names; a cast is
// emitted as a quoted identifier, so these are turned into the names pg_type knows.
const TYPE_ALIASES: Record<string, string> = {
  int: 'int4',
  integer: 'int4',
  smallint: 'int2',
  bigint: 'int8',
  boolean: 'bool',
  real: 'float4',
  float: 'float8',
  decimal: 'numeric',
};

/**
 * A cast is one type name (letters, digits, `_`, optionally `[]`), never SQL text: it reaches the
 * statement only as a quoted identifier, so `::text as x from pg_settings` is refused here.
 */
export function parseCastType(raw: string, fail: (why: string) => ApiError): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[\])?$/.exec(raw);
  if (!m) throw fail(`invalid cast type "${raw}": expecting a type name such as text or int4`);
  const name = m[1].toLowerCase();
  return (TYPE_ALIASES[name] ?? name) + (m[2] ?? '');
}

// ---------------------------------------------------------------- filters

function parseValueList(raw: string): string[] {
  // `(a,b,"c,d")` for in, `{a,b}` for like(any)
  const inner = raw.slice(1, -1);
  if (inner.trim() === '') return [];
  return splitTopLevel(inner).map((x) => unquote(x.trim()));
}

/** Parses the operator-and-value part of a filter: `[not.]op[(mod)].value`. */
export function parseFilterValue(field: Field, raw: string): Filter {
  const fail = () =>
    parseError(
      `failed to parse filter (${raw})`,
      `unexpected "${raw}" expecting an operator such as eq, in, is, like, cs`,
    );
  let s = raw;
  let negate = false;
  if (s.startsWith('not.')) {
    negate = true;
    s = s.slice(4);
  }
  const m = /^([a-z]+)(?:\(([^)]*)\))?\./.exec(s);
  if (!m || !(m[1] in FILTER_OPS)) throw fail();
  const op = m[1] as FilterOp;
  const mod = m[2];
  const valueText = s.slice(m[0].length);
  let value: FilterValue;
  if (op === 'is') {
    const v = valueText.toLowerCase();
    if (!['null', 'true', 'false', 'unknown'].includes(v)) {
      throw parseError(
        `failed to parse filter (${raw})`,
        `unexpected "${valueText}" expecting null, true, false or unknown`,
      );
    }
    value = { kind: 'is', value: v as 'null' };
  } else if (op === 'in') {
    if (!valueText.startsWith('(') || !valueText.endsWith(')')) {
      throw parseError(`failed to parse filter (${raw})`, 'expecting a list of values in parentheses, e.g. in.(1,2)');
    }
    value = { kind: 'list', items: parseValueList(valueText) };
  } else if (op === 'fts' || op === 'plfts' || op === 'phfts' || op === 'wfts') {
    value = { kind: 'fts', config: mod, text: valueText };
  } else if (mod !== undefined) {
    if (
      (op === 'like' ||
        op === 'ilike' ||
        op === 'eq' ||
        op === 'gt' ||
        op === 'gte' ||
        op === 'lt' ||
        op === 'lte' ||
        op === 'neq' ||
        op === 'match' ||
        op === 'imatch') &&
      (mod === 'any' || mod === 'all')
    ) {
      if (!valueText.startsWith('{') || !valueText.endsWith('}')) {
        throw parseError(
          `failed to parse filter (${raw})`,
          'expecting a list of values in braces, e.g. like(any).{a*,b*}',
        );
      }
      value = { kind: 'quant', quantifier: mod, items: parseValueList(valueText) };
    } else throw fail();
  } else {
    value = { kind: 'scalar', text: valueText };
  }
  return { field, negate, op, value };
}

/** Parses `(cond,cond,...)` of or=/and=, with nested and(...)/or(...) and not.-negated groups. */
export function parseLogic(kind: 'and' | 'or', negate: boolean, raw: string, depth = 0): LogicTree {
  if (!raw.startsWith('(') || !raw.endsWith(')')) {
    throw parseError(`failed to parse logic tree (${raw})`, 'expecting "(" at the start and ")" at the end');
  }
  if (depth >= MAX_LOGIC_DEPTH) {
    throw parseError(
      `failed to parse logic tree (${raw.slice(0, 200)})`,
      `and/or nest deeper than ${MAX_LOGIC_DEPTH} levels`,
    );
  }
  const children = splitTopLevel(raw.slice(1, -1)).map((part): LogicTree => {
    const p = part.trim();
    const g = /^(not\.)?(and|or)(\(.*\))$/s.exec(p);
    if (g) return parseLogic(g[2] as 'and' | 'or', Boolean(g[1]), g[3], depth + 1);
    const { field, rest } = parseField(p);
    if (!rest.startsWith('.'))
      throw parseError(`failed to parse logic tree (${raw})`, `unexpected "${p}" expecting a condition col.op.value`);
    return { type: 'filter', filter: parseFilterValue(field, rest.slice(1)) };
  });
  if (children.length === 0 || (children.length === 1 && raw === '()')) {
    throw parseError(`failed to parse logic tree (${raw})`, 'expecting at least one condition');
  }
  return { type: kind, negate, children };
}

// ---------------------------------------------------------------- order, paging

export function parseOrder(raw: string): OrderTerm[] {
  return splitTopLevel(raw).map((term) => {
    const fail = () =>
      parseError(
        `failed to parse order (${raw})`,
        `unexpected "${term}" expecting col[.asc|.desc][.nullsfirst|.nullslast]`,
      );
    let relation: string | undefined;
    let s = term.trim();
    const rel = /^([^().,]+)\((.*)\)(.*)$/.exec(s);
    if (rel) {
      relation = rel[1];
      s = rel[2] + rel[3];
    }
    const { field, rest } = parseField(s);
    const t: OrderTerm = { field, relation };
    const mods = rest === '' ? [] : rest.startsWith('.') ? rest.slice(1).split('.') : null;
    if (!mods) throw fail();
    for (const m of mods) {
      if ((m === 'asc' || m === 'desc') && !t.dir && !t.nulls) t.dir = m;
      else if ((m === 'nullsfirst' || m === 'nullslast') && !t.nulls) t.nulls = m === 'nullsfirst' ? 'first' : 'last';
      else throw fail();
    }
    return t;
  });
}

function parseCount(raw: string, what: 'limit' | 'offset'): number {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)))
    throw parseError(`failed to parse ${what} parameter (${raw})`, `expecting a non-negative integer below 2^53`);
  return Number(raw);
}

/** `"a","b"` or `a,b` → names. */
function parseNameList(raw: string): string[] {
  const names = splitTopLevel(raw)
    .map((x) => unquote(x.trim()))
    .filter(Boolean);
  for (const n of names) refuseNul(n, 'columns');
  return names;
}

// ---------------------------------------------------------------- whole query string

function node(map: Map<string, NodeParams>, path: string): NodeParams {
  let n = map.get(path);
  if (!n) map.set(path, (n = { where: [] }));
  return n;
}

/**
 * Classifies each parameter. Embed-scoped keys carry a dotted path prefix (`tasks.order`, `a.b.col`).
 * Keys that are neither keywords nor filters go to `rest` (rpc GET arguments are decided by the caller,
 * which knows the function's parameter names, so filters are collected in `rest` too and parsed there).
 */
export function parseQuery(search: URLSearchParams): QueryParams {
  const q: QueryParams = { nodes: new Map([['', { where: [] }]]), rest: [] };
  for (const [key, value] of search) {
    if (key === 'select') q.select = parseSelect(value);
    else if (key === 'columns') q.columns = parseNameList(value);
    else if (key === 'on_conflict') q.onConflict = parseNameList(value);
    else if (key === 'apikey') continue;
    else {
      const { path, last, negated } = splitKey(key);
      if (last === 'order') node(q.nodes, path).order = parseOrder(value);
      else if (last === 'limit') node(q.nodes, path).limit = parseCount(value, 'limit');
      else if (last === 'offset') node(q.nodes, path).offset = parseCount(value, 'offset');
      else if (last === 'or' || last === 'and') node(q.nodes, path).where.push(parseLogic(last, negated, value));
      else q.rest.push([key, value]);
    }
  }
  return q;
}

function splitKey(key: string): { path: string; last: string; negated: boolean } {
  let k = key;
  let negated = false;
  const m = /^(.*?)(?:^|\.)not\.(or|and)$/.exec(k);
  if (m) {
    negated = true;
    k = (m[1] ? m[1] + '.' : '') + m[2];
  }
  const dot = k.lastIndexOf('.');
  if (dot < 0) return { path: '', last: k, negated };
  const last = k.slice(dot + 1);
  if (['order', 'limit', 'offset', 'or', 'and'].includes(last)) return { path: k.slice(0, dot), last, negated };
  return { path: '', last: key, negated: false };
}

/** Turns a non-keyword parameter into a filter on a node: `a.b.col=op.value` filters embed `a.b`. */
export function parseFilterParam(key: string, value: string): { path: string; filter: Filter } {
  // The column part may carry a JSON path whose keys could contain dots; embed paths never contain `->`.
  const arrow = key.indexOf('->');
  const head = arrow >= 0 ? key.slice(0, arrow) : key;
  const dot = head.lastIndexOf('.');
  const path = dot >= 0 ? head.slice(0, dot) : '';
  const col = dot >= 0 ? key.slice(dot + 1) : key;
  const { field, rest } = parseField(col);
  if (rest !== '') throw parseError(`failed to parse filter (${key})`, `unexpected "${rest}"`);
  return { path, filter: parseFilterValue(field, value) };
}

// ---------------------------------------------------------------- Prefer

export interface Preferences {
  count?: 'exact' | 'planned' | 'estimated';
  return?: 'minimal' | 'representation' | 'headers-only';
  resolution?: 'merge-duplicates' | 'ignore-duplicates';
  missing?: 'default' | 'null';
  tx?: 'commit' | 'rollback';
  handling?: 'strict' | 'lenient';
  maxAffected?: number;
  params?: string;
  applied: string[];
  invalid: string[];
}

export function parsePrefer(header: string | string[] | undefined): Preferences {
  const p: Preferences = { applied: [], invalid: [] };
  if (!header) return p;
  const raw = Array.isArray(header) ? header.join(',') : header;
  for (const token of raw.split(',')) {
    const t = token.trim();
    if (!t) continue;
    const [k, v = ''] = t.split('=').map((x) => x.trim());
    let ok = true;
    switch (k) {
      case 'count':
        ok = v === 'exact' || v === 'planned' || v === 'estimated';
        if (ok) p.count = v as 'exact';
        break;
      case 'return':
        ok = v === 'minimal' || v === 'representation' || v === 'headers-only';
        if (ok) p.return = v as 'minimal';
        break;
      case 'resolution':
        ok = v === 'merge-duplicates' || v === 'ignore-duplicates';
        if (ok) p.resolution = v as 'merge-duplicates';
        break;
      case 'missing':
        ok = v === 'default' || v === 'null';
        if (ok) p.missing = v as 'default';
        break;
      case 'tx':
        ok = v === 'commit' || v === 'rollback';
        if (ok) p.tx = v as 'commit';
        break;
      case 'handling':
        ok = v === 'strict' || v === 'lenient';
        if (ok) p.handling = v as 'strict';
        break;
      case 'max-affected':
        ok = /^\d+$/.test(v);
        if (ok) p.maxAffected = Number(v);
        break;
      case 'params':
        p.params = v;
        break;
      default:
        ok = false;
    }
    if (ok) p.applied.push(t);
    else p.invalid.push(t);
  }
  if (p.handling === 'strict' && p.invalid.length) {
    throw new ApiError(
      400,
      'PGRST122',
      'Invalid preferences given with handling=strict',
      `Invalid preferences: ${p.invalid.join(', ')}`,
    );
  }
  return p;
}
