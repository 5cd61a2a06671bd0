// Realtime latency benchmark (node tests/bench/realtime.ts, with SUPABASE_URL, SUPABASE_ANON_KEY and
// SUPABASE_DB_URL set; `npm run bench -- realtime` does that).
//   1. broadcast fan-out: one sender, 100 and 1,000 subscribers of one private channel;
//   2. DB insert → subscriber through a trigger calling realtime.broadcast_changes (1,000 subscribers);
//   3. DB insert → subscriber through postgres_changes with RLS, 100 subscribers who are 100 users.
// Subscribers are raw `ws` clients speaking the Phoenix 2.0.0 protocol as realtime-js does (1,000
// supabase-js clients in one process would measure supabase-js, not the server). Latency is taken
// from just before the send/insert to arrival, on one clock (same process). Goal: p95 ≤ 50 ms for
// DB-triggered broadcast at 1,000 subscribers.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';

const URL_ = process.env.SUPABASE_URL!;
const ANON = process.env.SUPABASE_ANON_KEY!;
const DB = process.env.SUPABASE_DB_URL!;
if (!URL_ || !ANON || !DB) throw new Error('SUPABASE_URL, SUPABASE_ANON_KEY and SUPABASE_DB_URL must be set');
const SECRET = process.env.JWT_SECRET || 'super-secret-jwt-token-with-at-least-32-characters-long';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}
const userToken = (sub: string) =>
  jwt({ sub, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 });

/** A minimal realtime-js stand-in: one socket, one channel. */
class Sub {
  ws!: WebSocket;
  ref = 0;
  onMessage: (event: string, payload: any) => void = () => {};
  private replies = new Map<string, (p: any) => void>();

  async connect(): Promise<void> {
    const u = new URL('/realtime/v1/websocket', URL_.replace(/^http/, 'ws'));
    u.searchParams.set('apikey', ANON);
    u.searchParams.set('vsn', '2.0.0');
    this.ws = new WebSocket(u);
    this.ws.on('message', (d) => {
      const [, ref, , event, payload] = JSON.parse(String(d));
      if (event === 'phx_reply' && ref && this.replies.has(ref)) {
        this.replies.get(ref)!(payload);
        this.replies.delete(ref);
      } else this.onMessage(event, payload);
    });
    await new Promise<void>((ok, fail) => {
      this.ws.once('open', () => ok());
      this.ws.once('error', fail);
    });
  }

  push(topic: string, event: string, payload: unknown): Promise<any> {
    const ref = String(++this.ref);
    const p = new Promise((resolve) => this.replies.set(ref, resolve));
    this.ws.send(JSON.stringify(['1', ref, topic, event, payload]));
    return p;
  }

  async join(topic: string, token: string, config: Record<string, unknown>): Promise<void> {
    const r = await this.push(`realtime:${topic}`, 'phx_join', {
      config: {
        broadcast: { self: false, ack: false },
        presence: { key: '', enabled: false },
        postgres_changes: [],
        ...config,
      },
      access_token: token,
    });
    if (r.status !== 'ok') throw new Error(`join ${topic} failed: ${JSON.stringify(r.response)}`);
  }
}

async function connectMany(
  n: number,
  topic: string,
  token: (i: number) => string,
  config: Record<string, unknown>,
): Promise<Sub[]> {
  const subs: Sub[] = [];
  const batch = 50;
  for (let i = 0; i < n; i += batch) {
    const chunk = Array.from({ length: Math.min(batch, n - i) }, () => new Sub());
    await Promise.all(
      chunk.map(async (s, j) => {
        await s.connect();
        await s.join(topic, token(i + j), config);
      }),
    );
    subs.push(...chunk);
  }
  return subs;
}

function stats(label: string, samples: number[], expected: number): void {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN);
  const lost = expected - samples.length;
  console.log(
    `${label.padEnd(58)} n=${String(samples.length).padStart(6)}  p50=${q(50).toFixed(1)} ms  p95=${q(95).toFixed(1)} ms  p99=${q(99).toFixed(1)} ms  max=${q(100).toFixed(1)} ms${lost ? `  LOST ${lost}` : ''}`,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

async function waitCount(get: () => number, want: number, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (get() < want && Date.now() < end) await sleep(5);
}

async function broadcastFanout(n: number, userId: string): Promise<void> {
  const topic = `rt-test:open:bench-${randomUUID().slice(0, 8)}`;
  const token = userToken(userId);
  const subs = await connectMany(n, topic, () => token, { private: true });
  const samples: number[] = [];
  for (const s of subs) s.onMessage = (ev, p) => ev === 'broadcast' && samples.push(now() - p.payload.t);
  const sender = new Sub();
  await sender.connect();
  await sender.join(topic, token, { private: true, broadcast: { ack: true } });
  for (let i = 0; i < ROUNDS; i++) {
    const before = samples.length;
    await sender.push(`realtime:${topic}`, 'broadcast', { type: 'broadcast', event: 'tick', payload: { t: now() } });
    await waitCount(() => samples.length, before + n);
    await sleep(20);
  }
  stats(`broadcast fan-out, ${n} subscribers (private channel)`, samples, n * ROUNDS);
  for (const s of [...subs, sender]) s.ws.close();
}

async function dbBroadcast(n: number, db: pg.Client, userId: string): Promise<void> {
  const subs = await connectMany(n, `rt-test:user:${userId}`, () => userToken(userId), { private: true });
  const samples: number[] = [];
  for (const s of subs)
    s.onMessage = (ev, p) =>
      ev === 'broadcast' && p.event === 'INSERT' && samples.push(now() - Number(p.payload.record.label));
  for (let i = 0; i < ROUNDS; i++) {
    const before = samples.length;
    await db.query(`insert into rt_fixture.items (owner, label) values ($1, $2)`, [userId, String(now())]);
    await waitCount(() => samples.length, before + n);
    await sleep(20);
  }
  stats(`DB insert → broadcast_changes, ${n} subscribers`, samples, n * ROUNDS);
  for (const s of subs) s.ws.close();
}

async function pgChanges(n: number, db: pg.Client): Promise<void> {
  const users = Array.from({ length: n }, () => randomUUID());
  const subs = await connectMany(n, `bench-pg-${randomUUID().slice(0, 8)}`, (i) => userToken(users[i]), {
    postgres_changes: [{ event: 'INSERT', schema: 'rt_fixture', table: 'notes' }],
  });
  const samples: number[] = [];
  for (const s of subs)
    s.onMessage = (ev, p) =>
      ev === 'postgres_changes' &&
      p.data.record.body?.startsWith('bench:') &&
      samples.push(now() - Number(p.data.record.body.slice(6)));
  await sleep(300);
  for (let i = 0; i < ROUNDS; i++) {
    const before = samples.length;
    // Each row is visible (RLS) to exactly one of the n subscribers; all n are probed.
    await db.query(`insert into rt_fixture.notes (owner, body) values ($1, $2)`, [users[i % n], `bench:${now()}`]);
    await waitCount(() => samples.length, before + 1);
    await sleep(20);
  }
  stats(`DB insert → postgres_changes with RLS, ${n} subscribers/users`, samples, ROUNDS);
  for (const s of subs) s.ws.close();
}

const db = new pg.Client({ connectionString: DB });
await db.connect();
const here = fileURLToPath(new URL('.', import.meta.url));
await db.query(readFileSync(join(here, '../conformance/fixtures/realtime.sql'), 'utf8'));
const user = randomUUID();
console.log(`realtime bench: ${ROUNDS} rounds per scenario`);
if (!process.env.BENCH_ONLY_PG) {
  await broadcastFanout(100, user);
  await broadcastFanout(1000, user);
  await dbBroadcast(1000, db, user);
}
await pgChanges(100, db);
await db.end();
process.exit(0);
