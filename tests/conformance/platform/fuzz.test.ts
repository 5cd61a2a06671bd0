// A bounded, seeded fuzz run against /auth/v1 and /storage/v1 (the REST one is rest/fuzz.test.ts):
// hostile strings (NUL, quotes, huge numbers, deep nesting, wrong types) in every body field, query
// parameter, path segment and header the two services read. No answer may be a 5xx and none may hang.
// Each request names its own client address (the test stack trusts X-Forwarded-For from loopback), so
// the run never spends another test file's rate-limit allowance; writes go only to a bucket of its own.
// Replay a failure with PLATFORM_FUZZ_SEED=<seed>.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, stack } from '../../support/stack.ts';

const SEED = Number(process.env.PLATFORM_FUZZ_SEED ?? 20261207);
const REQUESTS = Number(process.env.PLATFORM_FUZZ_REQUESTS ?? 500);
const CONCURRENCY = 4;
const TIMEOUT_MS = 10_000;
const BUCKET = `fuzz-${Date.now().toString(36)}`;

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

const STRINGS = [
  '',
  'a',
  '\u0000',
  'a\u0000b@example.test',
  'fuzz@example.test',
  "'; drop table auth.users; --",
  '"',
  '\\',
  '../../etc/passwd',
  '%00',
  '🐶'.repeat(50),
  'x'.repeat(5000),
  'javascript://localhost/%0aalert(1)',
  'http://evil.test',
  '1e20',
  '-1',
  'NaN',
  '2024-13-45',
  '{"a":1}',
  'Bearer x',
];
const NUMBERS = [0, -1, 1, 1e20, -1e20, 2 ** 31, 2 ** 63, 1.5, Number.MAX_SAFE_INTEGER];

function scalar(r: Rand): unknown {
  const roll = r();
  if (roll < 0.55) return pick(r, STRINGS);
  if (roll < 0.8) return pick(r, NUMBERS);
  if (roll < 0.9) return pick(r, [null, true, false]);
  return r() < 0.5 ? [pick(r, STRINGS)] : { nested: pick(r, STRINGS) };
}

const AUTH_FIELDS = [
  'email',
  'password',
  'phone',
  'token',
  'token_hash',
  'type',
  'refresh_token',
  'code_challenge',
  'code_challenge_method',
  'auth_code',
  'code_verifier',
  'redirect_to',
  'create_user',
  'data',
  'options',
  'nonce',
  'gotrue_meta_security',
];
const STORAGE_FIELDS = [
  'prefix',
  'limit',
  'offset',
  'search',
  'sortBy',
  'cursor',
  'with_delimiter',
  'expiresIn',
  'paths',
  'prefixes',
  'bucketId',
  'sourceKey',
  'destinationKey',
  'destinationBucket',
  'transform',
  'id',
  'name',
  'public',
  'file_size_limit',
  'allowed_mime_types',
];

function jsonBody(r: Rand, fields: readonly string[]): string {
  const roll = r();
  if (roll < 0.05) return pick(r, ['', '{', 'null', '[]', '"x"', '{"a":1}{', '\u0000']);
  if (roll < 0.1) {
    const d = pick(r, [100, 5000, 50_000]);
    return `{"email":${'['.repeat(d)}${']'.repeat(d)}}`;
  }
  const o: Record<string, unknown> = {};
  for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) o[pick(r, fields)] = scalar(r);
  if (r() < 0.2) o.sortBy = { column: scalar(r), order: scalar(r) };
  if (r() < 0.2) o.transform = { width: scalar(r), height: scalar(r), resize: scalar(r), quality: scalar(r) };
  return JSON.stringify(o);
}

const seg = (r: Rand) => encodeURIComponent(String(pick(r, STRINGS)) || 'x');

interface Shot {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function shot(r: Rand, tokens: string[]): Shot {
  const headers: Record<string, string> = {
    apikey: stack.anonKey,
    'x-forwarded-for': `10.${Math.floor(r() * 250)}.${Math.floor(r() * 250)}.${Math.floor(r() * 250)}`,
  };
  if (r() < 0.6) headers.authorization = `Bearer ${pick(r, tokens)}`;
  if (r() < 0.5) {
    const route = pick(r, [
      ['POST', '/signup'],
      ['POST', `/token?grant_type=${pick(r, ['password', 'refresh_token', 'pkce', 'id_token', 'x', '%00'])}`],
      ['POST', '/otp'],
      ['POST', '/recover'],
      ['POST', '/magiclink'],
      ['POST', '/verify'],
      ['POST', '/resend'],
      ['POST', `/logout?scope=${seg(r)}`],
      ['PUT', '/user'],
      ['GET', '/user'],
      ['GET', `/verify?type=${seg(r)}&token=${seg(r)}&redirect_to=${seg(r)}`],
      ['GET', `/admin/users?page=${seg(r)}&per_page=${seg(r)}`],
      ['GET', `/admin/users/${seg(r)}`],
      ['PUT', `/admin/users/${seg(r)}`],
      ['POST', '/admin/generate_link'],
      ['POST', `/invite?redirect_to=${seg(r)}`],
      ['GET', '/settings'],
      ['GET', `/${seg(r)}`],
    ] as const);
    const s: Shot = { method: route[0], path: `/auth/v1${route[1]}`, headers };
    if (s.method !== 'GET') {
      s.body = jsonBody(r, AUTH_FIELDS);
      headers['content-type'] =
        r() < 0.9 ? 'application/json' : pick(r, ['text/plain', 'application/x-www-form-urlencoded']);
    }
    return s;
  }
  const bucket = pick(r, [BUCKET, BUCKET, 'cf-public', 'nope', seg(r)]);
  const name = `${pick(r, ['', 'dir/'])}${seg(r)}`;
  const route = pick(r, [
    ['POST', `/object/list/${bucket}`, 'json'],
    ['POST', `/object/list-v2/${bucket}`, 'json'],
    ['POST', `/object/sign/${bucket}`, 'json'],
    ['POST', `/object/sign/${bucket}/${name}`, 'json'],
    ['POST', '/object/move', 'json'],
    ['POST', '/object/copy', 'json'],
    ['DELETE', `/object/${bucket}`, 'json'],
    ['POST', `/object/${bucket}/${name}`, 'raw'],
    ['PUT', `/object/${bucket}/${name}`, 'raw'],
    ['GET', `/object/${bucket}/${name}`, ''],
    ['GET', `/object/public/${bucket}/${name}`, ''],
    ['GET', `/object/info/${bucket}/${name}`, ''],
    ['GET', `/object/sign/${bucket}/${name}?token=${seg(r)}`, ''],
    ['GET', `/render/image/authenticated/${bucket}/${name}?width=${seg(r)}&height=${seg(r)}&resize=${seg(r)}`, ''],
    ['GET', `/render/image/public/${bucket}/${name}?quality=${seg(r)}&format=${seg(r)}`, ''],
    ['POST', '/bucket', 'json'],
    ['PUT', `/bucket/${bucket}`, 'json'],
    ['GET', `/bucket/${bucket}`, ''],
    ['GET', `/bucket?limit=${seg(r)}&offset=${seg(r)}&search=${seg(r)}`, ''],
    ['POST', `/object/upload/sign/${bucket}/${name}`, 'json'],
  ] as const);
  const s: Shot = { method: route[0], path: `/storage/v1${route[1]}`, headers };
  if (route[2] === 'json') {
    s.body = jsonBody(r, STORAGE_FIELDS);
    headers['content-type'] = 'application/json';
  } else if (route[2] === 'raw') {
    s.body = String(pick(r, STRINGS));
    headers['content-type'] = String(
      pick(r, ['text/plain', 'image/png', 'image/png/../text/html', '', '\u0000', 'a/b;c=d']),
    );
    if (r() < 0.3) headers['x-upsert'] = 'true';
  }
  if (r() < 0.2)
    headers.range = pick(r, ['bytes=0-1', 'bytes=99999999999999999999-', 'bytes=-0', 'bytes=a-b', 'bytes=5-1']);
  return s;
}

async function fire(s: Shot): Promise<{ status: number; text: string } | { hang: true }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(`${stack.url}${s.path}`, {
      method: s.method,
      headers: s.headers,
      body: s.body,
      // /verify answers with a redirect to the site, which is not running here
      redirect: 'manual',
      signal: controller.signal,
    });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    if (controller.signal.aborted) return { hang: true };
    // Headers fetch itself refuses (NUL in a header value) never reach the stack.
    if (e instanceof TypeError && !(e as { cause?: unknown }).cause) return { status: 0, text: '' };
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

describe('auth and storage: seeded fuzz run', () => {
  beforeAll(async () => {
    const { error } = await serviceClient().storage.createBucket(BUCKET, { public: false });
    if (error) throw error;
  });
  afterAll(async () => {
    const admin = serviceClient();
    await admin.storage.emptyBucket(BUCKET);
    await admin.storage.deleteBucket(BUCKET);
  });

  it(`answers ${REQUESTS} random requests without a 5xx or a hang`, { timeout: 180_000 }, async () => {
    console.log(`platform fuzz: seed ${SEED}, ${REQUESTS} requests (replay with PLATFORM_FUZZ_SEED=${SEED})`);
    const r = mulberry32(SEED);
    const tokens = [stack.serviceRoleKey, stack.anonKey, 'not.a.jwt', `${stack.anonKey}=`, ''];
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
        if ('hang' in got) failures.push(`hang: ${where}`);
        else {
          statuses.set(got.status, (statuses.get(got.status) ?? 0) + 1);
          if (got.status >= 500) failures.push(`${got.status} ${got.text.slice(0, 200)}: ${where}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(
      `platform fuzz: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(failures.slice(0, 15), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
  });
});
