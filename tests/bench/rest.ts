// REST throughput/latency bench: single-row GET, GET with a two-level embed, single-row POST and an rpc
// through /rest/v1 at 1, 10 and 50 concurrent clients, beside equivalent queries sent straight to
// Postgres with `pg` in the same run. Prints req/s and p50/p95/p99 and the REST/direct throughput ratio.
//
// Run against a stack that exposes the `bench` schema, e.g.
//   STACK_EXTRA_SCHEMAS=conformance,bench node supabase/local/src/cli.ts start
//   set -a; eval "$(node supabase/local/src/cli.ts env)"; set +a; node tests/bench/rest.ts
// Env: SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_DB_URL; BENCH_SECONDS (per cell, default 3),
// BENCH_CONCURRENCY (default "1,10,50").
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const url = new URL(process.env.SUPABASE_URL ?? 'http://127.0.0.1:54321');
const anonKey = process.env.SUPABASE_ANON_KEY ?? '';
const dbUrl = process.env.SUPABASE_DB_URL ?? '';
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const levels = (process.env.BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number);
const ROWS = 10_000;

const SETUP = `
drop schema if exists bench cascade;
create schema bench;
grant usage on schema bench to anon, authenticated, service_role;
create table bench.regions (id int primary key, name text not null);
create table bench.orgs (id int primary key, region_id int not null references bench.regions (id), name text not null);
create table bench.items (id int primary key, org_id int not null references bench.orgs (id), name text not null,
  price numeric(10, 2) not null, created_at timestamptz not null default now());
create index on bench.items (org_id);
create table bench.events (id bigserial primary key, kind text not null, payload jsonb not null default '{}');
insert into bench.regions select g, 'region ' || g from generate_series(1, 10) g;
insert into bench.orgs select g, 1 + g % 10, 'org ' || g from generate_series(1, 100) g;
insert into bench.items select g, 1 + g % 100, 'item ' || g, g / 10.0 from generate_series(1, ${ROWS}) g;
create function bench.item_price(item_id int) returns numeric language sql stable as $$ select price from bench.items where id = item_id $$;
grant select, insert on all tables in schema bench to anon, authenticated, service_role;
grant usage on all sequences in schema bench to anon, authenticated, service_role;
grant execute on all functions in schema bench to anon, authenticated, service_role;
notify pgrst, 'reload schema';
`;

interface Result {
  count: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function request(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: `/rest/v1${path}`,
        agent,
        headers: {
          apikey: anonKey,
          authorization: `Bearer ${anonKey}`,
          [method === 'GET' ? 'accept-profile' : 'content-profile']: 'bench',
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function load(concurrency: number, op: (i: number) => Promise<boolean>, secs = seconds): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + secs * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const ok = await op(n++).catch(() => false);
        latencies.push(performance.now() - t);
        if (!ok) errors++;
      }
    }),
  );
  return { count: latencies.length, errors, seconds: (performance.now() - start) / 1000, latencies };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const id = (i: number) => 1 + ((i * 7919) % ROWS);

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: dbUrl });
  await admin.connect();
  await admin.query(SETUP);
  await admin.end();
  // Wait until the REST service serves the new schema.
  for (let i = 0; ; i++) {
    const s = await request('GET', '/items?select=id&id=eq.1');
    if (s === 200) break;
    if (s === 406)
      throw new Error(
        'the bench schema is not exposed: start the stack with STACK_EXTRA_SCHEMAS=bench (or conformance,bench)',
      );
    if (i > 100) throw new Error(`REST never served bench.items (status ${s})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const direct = new pg.Pool({ connectionString: dbUrl, max: Math.max(...levels) });

  const cases: Array<{ name: string; rest: (i: number) => Promise<boolean>; direct: (i: number) => Promise<boolean> }> =
    [
      {
        name: 'GET one row',
        rest: async (i) => (await request('GET', `/items?select=*&id=eq.${id(i)}`)) === 200,
        direct: async (i) =>
          (
            await direct.query(
              "select coalesce(json_agg(t), '[]')::text from (select * from bench.items where id = $1) t",
              [id(i)],
            )
          ).rowCount === 1,
      },
      {
        name: 'GET 2-level embed',
        rest: async (i) =>
          (await request('GET', `/items?select=id,name,orgs(name,regions(name))&id=eq.${id(i)}`)) === 200,
        direct: async (i) =>
          (
            await direct.query(
              `select json_agg(json_build_object('id', i.id, 'name', i.name, 'orgs', json_build_object('name', o.name, 'regions', json_build_object('name', r.name))))::text
         from bench.items i join bench.orgs o on o.id = i.org_id join bench.regions r on r.id = o.region_id where i.id = $1`,
              [id(i)],
            )
          ).rowCount === 1,
      },
      {
        name: 'POST one row',
        rest: async (i) =>
          (await request('POST', '/events', JSON.stringify({ kind: 'bench', payload: { i } }))) === 201,
        direct: async (i) =>
          (
            await direct.query('insert into bench.events (kind, payload) values ($1, $2)', [
              'bench',
              JSON.stringify({ i }),
            ])
          ).rowCount === 1,
      },
      {
        name: 'rpc (stable)',
        rest: async (i) => (await request('POST', '/rpc/item_price', JSON.stringify({ item_id: id(i) }))) === 200,
        direct: async (i) => (await direct.query('select bench.item_price($1)', [id(i)])).rowCount === 1,
      },
    ];

  const rows: string[][] = [
    ['case', 'conc', 'REST req/s', 'p50', 'p95', 'p99', 'err', 'pg req/s', 'p50', 'p95', 'p99', 'REST/pg'],
  ];
  for (const c of cases) {
    // Warm-up on every pooled connection: JIT, connections, prepared statements on both sides.
    await load(Math.max(...levels), c.rest, 1.5);
    await load(Math.max(...levels), c.direct, 0.5);
    for (const conc of levels) {
      const r = await load(conc, c.rest);
      const d = await load(conc, c.direct);
      const rs = [...r.latencies].sort((a, b) => a - b);
      const ds = [...d.latencies].sort((a, b) => a - b);
      const rRate = r.count / r.seconds;
      const dRate = d.count / d.seconds;
      rows.push([
        c.name,
        String(conc),
        rRate.toFixed(0),
        pct(rs, 50).toFixed(2),
        pct(rs, 95).toFixed(2),
        pct(rs, 99).toFixed(2),
        String(r.errors),
        dRate.toFixed(0),
        pct(ds, 50).toFixed(2),
        pct(ds, 95).toFixed(2),
        pct(ds, 99).toFixed(2),
        (rRate / dRate).toFixed(2),
      ]);
      console.error(`done: ${c.name} @${conc}`);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((x, i) => (i < 1 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  '));
  console.log('(latencies in ms; REST/pg is the throughput ratio)');
  await direct.end();
  agent.destroy();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
