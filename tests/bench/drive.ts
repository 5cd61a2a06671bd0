// Driver position → parent's screen (node tests/bench/drive.ts, with SUPABASE_URL, SUPABASE_ANON_KEY and
// SUPABASE_DB_URL set; `npm run bench -- drive` does that). On the demo route (Dev Driver, Rex's pickup): the
// driver's client posts a position sample through record_driver_position; the parent's client, joined to the
// private eta:<route id> topic as PetEta is, hears the nudge and asks pet_eta again (the ETA recomputed from the
// new position); the time from just before the driver's call to the parent holding the answer that carries the
// new sample is one figure. 100 samples (BENCH_SAMPLES); goal p95 ≤ 1 s. supabase-js on both sides, one clock.
// The server keeps at most one sample per 10 s and refuses samples over 10 minutes old, so samples are stamped
// 10 s apart in the recent past, and the route's kept samples are cleared (as the superuser) every 25.
import { createHmac, randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';
import pg from 'pg';

const URL_ = process.env.SUPABASE_URL!;
const ANON = process.env.SUPABASE_ANON_KEY!;
const DB = process.env.SUPABASE_DB_URL!;
if (!URL_ || !ANON || !DB) throw new Error('SUPABASE_URL, SUPABASE_ANON_KEY and SUPABASE_DB_URL must be set');
const SECRET = process.env.JWT_SECRET || 'super-secret-jwt-token-with-at-least-32-characters-long';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const ROUTE = 'f1000000-0000-4000-8000-000000000001';
const DRIVER = 'a0000000-0000-4000-8000-000000000003';
const PARENT = 'a0000000-0000-4000-8000-000000000004';
const REX = 'd1000000-0000-4000-8000-000000000001';

function jwt(sub: string): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = { sub, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 };
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}
const as = (sub: string) => {
  const token = jwt(sub);
  return createClient(URL_, ANON, { accessToken: async () => token });
};

const db = new pg.Client({ connectionString: DB });
await db.connect();
// the demo route as seeded, then started by its driver
await db.query('begin');
await db.query('set local session_replication_role = replica');
await db.query(`update public.routes set status = 'planned' where id = $1`, [ROUTE]);
await db.query(
  `update public.route_stops set status = 'pending', arrived_at = null, done_at = null where route_id = $1`,
  [ROUTE],
);
await db.query('delete from public.driver_positions where route_id = $1', [ROUTE]);
await db.query('commit');
const driver = as(DRIVER);
const parent = as(PARENT);
const started = await driver.rpc('start_route', { p_route_id: ROUTE });
if (started.error) throw new Error(`start_route: ${started.error.message}`);

let waiting: { recordedAt: string; t0: number; done: (ms: number) => void } | null = null;
// As PetEta does: one request at a time, and once more if a nudge came during it.
let asking = false;
let again = false;
async function ask(): Promise<void> {
  if (asking) {
    again = true;
    return;
  }
  asking = true;
  try {
    do {
      again = false;
      const { data, error } = await parent.rpc('pet_eta', { p_pet_id: REX });
      if (error) throw new Error(`pet_eta: ${error.message}`);
      const eta = data as { updated_at?: string; minutes?: number };
      if (waiting && eta.updated_at && Date.parse(eta.updated_at) === Date.parse(waiting.recordedAt)) {
        const w = waiting;
        waiting = null;
        w.done(performance.now() - w.t0);
      }
    } while (again);
  } finally {
    asking = false;
  }
}
await parent.realtime.setAuth();
const channel = parent.channel(`eta:${ROUTE}`, { config: { private: true } });
channel.on('broadcast', { event: 'nudge' }, () => void ask());
await new Promise<void>((resolve, reject) => {
  channel.subscribe((status) =>
    status === 'SUBSCRIBED' ? resolve() : status === 'CHANNEL_ERROR' ? reject(new Error(status)) : undefined,
  );
});

const latencies: number[] = [];
for (let i = 0; i < SAMPLES; i++) {
  if (i % 25 === 0) await db.query('delete from public.driver_positions where route_id = $1', [ROUTE]);
  const recordedAt = new Date(Date.now() - 5 * 60_000 + (i % 25) * 10_000).toISOString();
  const ms = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sample ${i} never reached the parent`)), 10_000);
    waiting = { recordedAt, t0: performance.now(), done: (v) => (clearTimeout(timer), resolve(v)) };
    void driver
      .rpc('record_driver_position', {
        p_route_id: ROUTE,
        p_lat: 51.5362 + (i % 25) * 0.0003,
        p_lng: -0.1031 + (i % 25) * 0.0002,
        p_recorded_at: recordedAt,
        p_client_position_id: randomUUID(),
      })
      .then(({ data, error }) => {
        if (error) reject(new Error(`record_driver_position: ${error.message}`));
        else if (!(data as { kept?: boolean }).kept) reject(new Error(`sample ${i} not kept`));
      });
  });
  latencies.push(ms);
}

latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
console.log(
  `driver position → parent's ETA (record_driver_position → eta:<route> nudge → pet_eta), ${latencies.length} samples: ` +
    `p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms, max ${q(1).toFixed(0)} ms ` +
    `(goal p95 ≤ 1000 ms: ${q(0.95) <= 1000 ? 'met' : 'missed'})`,
);

// the demo route back as seeded
await parent.removeChannel(channel);
parent.realtime.disconnect();
await db.query('begin');
await db.query('set local session_replication_role = replica');
await db.query(`update public.routes set status = 'planned' where id = $1`, [ROUTE]);
await db.query('delete from public.driver_positions where route_id = $1', [ROUTE]);
await db.query('commit');
await db.end();
