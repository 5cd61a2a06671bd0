// A bounded, seeded fuzz run against /rest/v1: random and hostile query strings, headers and bodies on
// tables, a view and rpcs. No answer may be a 5xx, none may hang, and none may carry server settings
// or the hidden tenant's rows. The seed is printed; replay a failure with REST_FUZZ_SEED=<seed>.
// Writes go only to conformance.fuzz_items, so other test files running alongside are not disturbed.
import { describe, expect, it } from 'vitest';
import { stack } from '../../support/stack.ts';
import { signJwt } from './helpers.ts';

const SEED = Number(process.env.REST_FUZZ_SEED ?? 20261206);
const REQUESTS = Number(process.env.REST_FUZZ_REQUESTS ?? 700);
const CONCURRENCY = 4;
const TIMEOUT_MS = 10_000;
const LEAK = /max_connections|shared_buffers|HIDDEN-TENANT-SECRET|pg_authid|rolpassword/;

type Rand = () => number;

function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rand, p: number) => r() < p;

const TABLES = ['fuzz_items', 'orgs', 'projects', 'tasks', 'tenant_rows', 'slots', 'open_tasks', 'places', 'people'];
const COLUMNS = ['id', 'name', 'n', 'big', 'price', 'tags', 'data', 'during', 'at', 'flag', 'place', 'org_id'];
const OTHER_COLUMNS = ['slug', 'title', 'status', 'labels', 'meta', 'secret', 'tenant', 'location', 'manager_id'];
const EMBEDS = [
  'orgs',
  'projects',
  'tasks',
  'people',
  'org_settings',
  'tenant_rows',
  'fuzz_items',
  'open_tasks',
  'lead',
];
const OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'match',
  'imatch',
  'is',
  'isdistinct',
  'in',
  'cs',
  'cd',
  'ov',
  'sl',
  'sr',
  'nxl',
  'nxr',
  'adj',
  'fts',
  'plfts',
  'phfts',
  'wfts',
  'fts(english)',
  'fts(nope)',
  'like(any)',
  'eq(all)',
  'bogus',
];
const HOSTILE = [
  "'",
  '"',
  '\\',
  '--',
  '/*',
  ';',
  '$1',
  '$$',
  ')',
  '(',
  ',',
  '.',
  ':',
  '::',
  '->',
  '->>',
  '!',
  '*',
  '%',
  '{',
  '}',
  '[',
  ']',
  '\u0000',
  '\u2028',
  'é',
  '🐶',
  ' ',
  'null',
  'true',
  'NaN',
  '1e20',
  '-1',
  '99999999999999999999',
  '0x10',
  'POINT(1',
  'POINT(1 2)',
  'SRID=4326;POINT(1 2)',
  '[1,5)',
  '(,)',
  '{a,b}',
  '{"a":1}',
  '2024-13-45',
  'infinity',
  'now',
  'union select name from pg_settings',
  'pg_sleep(5)',
  'x::text as x from pg_settings --',
];

function word(r: Rand): string {
  if (chance(r, 0.5)) return pick(r, [...COLUMNS, ...OTHER_COLUMNS]);
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += chance(r, 0.6) ? pick(r, HOSTILE) : String.fromCharCode(97 + Math.floor(r() * 26));
  return s;
}

function value(r: Rand): string {
  if (chance(r, 0.4)) return String(Math.floor(r() * 30) - 5);
  if (chance(r, 0.3)) return pick(r, HOSTILE);
  return word(r) + (chance(r, 0.3) ? pick(r, HOSTILE) + word(r) : '');
}

function filterValue(r: Rand): string {
  const op = pick(r, OPS);
  const neg = chance(r, 0.15) ? 'not.' : '';
  if (op === 'in') return `${neg}in.(${Array.from({ length: 1 + Math.floor(r() * 3) }, () => value(r)).join(',')})`;
  if (op === 'is') return `${neg}is.${pick(r, ['null', 'true', 'false', 'unknown', 'x'])}`;
  if (op.includes('(any)') || op.includes('(all)')) return `${neg}${op}.{${value(r)},${value(r)}}`;
  return `${neg}${op}.${value(r)}`;
}

function field(r: Rand): string {
  let f = word(r);
  if (chance(r, 0.2)) f += pick(r, ['->', '->>']) + (chance(r, 0.5) ? String(Math.floor(r() * 3)) : word(r));
  return f;
}

function logic(r: Rand, depth: number): string {
  const parts = Array.from({ length: 1 + Math.floor(r() * 3) }, () =>
    depth < 3 && chance(r, 0.3)
      ? `${pick(r, ['and', 'or', 'not.and'])}${logic(r, depth + 1)}`
      : `${field(r)}.${filterValue(r)}`,
  );
  return `(${parts.join(',')})`;
}

function selectList(r: Rand, depth: number): string {
  const items = Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const roll = r();
    if (roll < 0.15) return '*';
    if (roll < 0.3 && depth < 2) {
      const hint = chance(r, 0.2) ? `!${pick(r, ['inner', 'left', word(r)])}` : '';
      const alias = chance(r, 0.3) ? `${word(r)}:` : '';
      const spread = chance(r, 0.2) ? '...' : '';
      return `${spread}${alias}${pick(r, EMBEDS)}${hint}(${chance(r, 0.2) ? '' : selectList(r, depth + 1)})`;
    }
    let f = field(r);
    if (chance(r, 0.2)) f = `${word(r)}:${f}`;
    if (chance(r, 0.2)) f += `::${pick(r, ['text', 'int', 'int4', 'jsonb', 'nope', 'text as x', 'text[]', word(r)])}`;
    if (chance(r, 0.1)) f += `.${pick(r, ['sum', 'count', 'avg', 'max', 'min', 'nope'])}()`;
    return f;
  });
  return items.join(',');
}

function queryString(r: Rand): string {
  const params: Array<[string, string]> = [];
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const roll = r();
    if (roll < 0.25) params.push(['select', selectList(r, 0)]);
    else if (roll < 0.5) params.push([field(r), filterValue(r)]);
    else if (roll < 0.6) params.push([pick(r, ['or', 'and', 'not.or']), logic(r, 0)]);
    else if (roll < 0.7) params.push(['order', `${field(r)}${pick(r, ['', '.asc', '.desc', '.nullsfirst', '.x'])}`]);
    else if (roll < 0.8) params.push([pick(r, ['limit', 'offset']), value(r)]);
    else if (roll < 0.85) params.push([pick(r, ['columns', 'on_conflict']), `${word(r)},${word(r)}`]);
    else if (roll < 0.9) params.push([`${pick(r, EMBEDS)}.${pick(r, ['limit', 'order', 'name', 'or'])}`, value(r)]);
    else params.push([word(r), value(r)]);
  }
  // Most of the time well-formed percent-encoding; sometimes raw bytes the URL parser has to cope with.
  return params
    .map(([k, v]) => (chance(r, 0.9) ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${k}=${v}`))
    .join('&');
}

function jsonValue(r: Rand, depth: number): unknown {
  const roll = r();
  if (depth > 3 || roll < 0.4) return pick(r, [value(r), Number(value(r)) || 0, null, true, 1e308, -0, 2 ** 63]);
  if (roll < 0.7)
    return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, () => [word(r), jsonValue(r, depth + 1)]));
  return Array.from({ length: Math.floor(r() * 3) }, () => jsonValue(r, depth + 1));
}

function body(r: Rand): string {
  const roll = r();
  if (roll < 0.1) return pick(r, ['', '{', 'null', '[]', '"x"', '{"a":1}{', '\u0000', '[{"name":"a"},{"n":1}]']);
  if (roll < 0.15) {
    const d = pick(r, [100, 600, 5000]);
    return '['.repeat(d) + ']'.repeat(d);
  }
  if (roll < 0.6) {
    const row = () =>
      Object.fromEntries(
        Array.from({ length: 1 + Math.floor(r() * 4) }, () => [pick(r, [...COLUMNS, word(r)]), jsonValue(r, 1)]),
      );
    return JSON.stringify(chance(r, 0.3) ? [row(), row()] : row());
  }
  return JSON.stringify(jsonValue(r, 0));
}

const PREFER = [
  'return=representation',
  'return=minimal',
  'return=headers-only',
  'count=exact',
  'count=planned',
  'count=estimated',
  'resolution=merge-duplicates',
  'resolution=ignore-duplicates',
  'missing=default',
  'tx=rollback',
  'tx=commit',
  'handling=strict',
  'handling=lenient',
  'max-affected=1',
  'max-affected=x',
  'params=single-object',
  'bogus',
  "count=exact'--",
];
const ACCEPT = [
  'application/json',
  'application/vnd.pgrst.object+json',
  'application/vnd.pgrst.object+json;nulls=stripped',
  'application/vnd.pgrst.array+json;nulls=stripped',
  'text/csv',
  'application/geo+json',
  '*/*',
  'text/html',
  'application/vnd.pgrst.plan',
  'application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|verbose',
  'x/y;q=',
  '',
];

interface Shot {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/**
 * Requests shaped like the classes of faults outside attack runs found (NUL in names, PostGIS literals,
 * huge numbers, deep nesting, oversized bodies), with random parts, so the run keeps probing them.
 */
function targeted(r: Rand): Shot {
  const nul = () => `${word(r)}\u0000${word(r)}`;
  const deep = (n: number) => `${'and(id.eq.1,'.repeat(n)}id.eq.2${')'.repeat(n)}`;
  const queries = [
    () => `select=${encodeURIComponent(`${nul()}:name`)}`,
    () => `select=${encodeURIComponent(`data->>${nul()}`)}`,
    () => `${encodeURIComponent(nul())}=eq.1`,
    () => `name=eq.${encodeURIComponent(nul())}`,
    () => `columns=${encodeURIComponent(nul())}`,
    () =>
      `place=${pick(r, ['eq', 'neq'])}.${encodeURIComponent(pick(r, ['POINT(', 'POINT(1', 'LINESTRING(0 0)', '0101']))}`,
    () => `select=data->${pick(r, ['99999999999', '9007199254740993', '-2147483649'])}`,
    () => `${pick(r, ['limit', 'offset'])}=${pick(r, ['1e20', '100000000000000000000', '9223372036854775808'])}`,
    () => `or=${encodeURIComponent(`(id.eq.1,${deep(70 + Math.floor(r() * 200))})`)}`,
    () => `select=${encodeURIComponent(`id,${'orgs(fuzz_items('.repeat(9)}id${'))'.repeat(9)}`)}`,
    () => `select=${encodeURIComponent(`name::${pick(r, ['text as x from pg_settings', 'text)', 'int;'])}`)}`,
  ];
  const s: Shot = {
    method: 'GET',
    path: `/fuzz_items?${pick(r, queries)()}`,
    headers: { apikey: stack.anonKey, 'Accept-Profile': 'conformance' },
  };
  if (chance(r, 0.3)) {
    const d = pick(r, [600, 50_000]);
    Object.assign(s, {
      method: 'POST',
      path: pick(r, ['/fuzz_items', '/rpc/echo']),
      headers: { apikey: stack.anonKey, 'Content-Profile': 'conformance', 'Content-Type': 'application/json' },
      body: chance(r, 0.5)
        ? `{"payload":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}`
        : JSON.stringify({ name: nul(), place: pick(r, ['POINT(1', 'SRID=1;POINT(x y)']) }),
    });
  }
  return s;
}

function shot(r: Rand, tokens: string[]): Shot {
  if (chance(r, 0.15)) return targeted(r);
  const rpc = chance(r, 0.25);
  let path: string;
  let method: string;
  if (rpc) {
    path = `/rpc/${pick(r, ['add', 'echo', 'whole_body', 'label_list', 'tasks_with_status', 'project_counts', 'find_ticket', 'overloaded', 'shout', 'byte_count', 'nope', word(r)])}`;
    method = pick(r, ['GET', 'POST', 'POST', 'HEAD', 'PATCH']);
  } else {
    const table = chance(r, 0.1) ? word(r) : pick(r, TABLES);
    path = `/${encodeURIComponent(table)}`;
    // Writes only on the fuzz table; everything else is read.
    method =
      table === 'fuzz_items' ? pick(r, ['GET', 'POST', 'PATCH', 'DELETE', 'HEAD', 'PUT']) : pick(r, ['GET', 'HEAD']);
  }
  const headers: Record<string, string> = { apikey: stack.anonKey };
  const profile = method === 'GET' || method === 'HEAD' ? 'Accept-Profile' : 'Content-Profile';
  headers[profile] = chance(r, 0.93) ? 'conformance' : pick(r, ['public', 'nope', '', 'conformance,public']);
  if (chance(r, 0.5))
    headers.Prefer = Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, PREFER)).join(', ');
  if (chance(r, 0.3)) headers.Accept = pick(r, ACCEPT);
  if (chance(r, 0.4)) headers.Authorization = `Bearer ${pick(r, tokens)}`;
  const qs = queryString(r);
  const s: Shot = { method, path: qs ? `${path}?${qs}` : path, headers };
  if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
    s.body = body(r);
    headers['Content-Type'] = chance(r, 0.9)
      ? 'application/json'
      : pick(r, [
          'text/csv',
          'text/plain',
          'text/xml',
          'application/octet-stream',
          'application/x-www-form-urlencoded',
        ]);
  }
  return s;
}

async function fire(s: Shot): Promise<{ status: number; text: string } | { hang: true }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(`${stack.url}/rest/v1${s.path}`, {
      method: s.method,
      headers: s.headers,
      body: s.body,
      signal: controller.signal,
    });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    if (controller.signal.aborted) return { hang: true };
    // An invalid URL or header is refused by fetch itself before it reaches the stack.
    if (e instanceof TypeError && !(e as { cause?: unknown }).cause) return { status: 0, text: '' };
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

describe('rest: seeded fuzz run', () => {
  it(`answers ${REQUESTS} random requests without a 5xx, a hang or a leak`, { timeout: 120_000 }, async () => {
    console.log(`rest fuzz: seed ${SEED}, ${REQUESTS} requests (replay with REST_FUZZ_SEED=${SEED})`);
    const r = mulberry32(SEED);
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      signJwt({ role: 'authenticated', sub: '00000000-0000-4000-8000-000000000001', exp: now + 600 }),
      signJwt({ role: 'anon', exp: now + 600 }),
      signJwt({ role: 'authenticated', exp: now - 600 }),
      signJwt({ role: 'no_such_role', exp: now + 600 }),
      'not.a.jwt',
      '',
    ];
    const shots = Array.from({ length: REQUESTS }, () => shot(r, tokens));
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < shots.length) {
        const i = next++;
        const s = shots[i];
        const got = await fire(s);
        const where = `#${i} ${s.method} ${s.path} ${JSON.stringify(s.headers)}${s.body !== undefined ? ` body=${JSON.stringify(s.body.slice(0, 200))}` : ''}`;
        if (!('hang' in got)) statuses.set(got.status, (statuses.get(got.status) ?? 0) + 1);
        if ('hang' in got) failures.push(`hang: ${where}`);
        else if (got.status >= 500) failures.push(`${got.status} ${got.text.slice(0, 300)}: ${where}`);
        else if (LEAK.test(got.text)) failures.push(`leak: ${where}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`rest fuzz: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
    expect(failures.slice(0, 15), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
  });
});
