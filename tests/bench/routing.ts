// Route optimiser benchmark (run by `npm run bench`, or alone with SUPABASE_DB_URL set):
// solves each committed TSPLIB / Solomon instance in a fresh process through `scripts/solve.ts`,
// prints the gap to the published optimum / best-known value and the CPU time, and on the TSP
// instances runs pgRouting's pgr_TSP on the same nint distance matrix in the same run.
// Then: regressions too slow for the unit suite, the Solomon instances under a hard fleet limit (the
// best-known fleet size as the only vans available), and generated pet-taxi mornings under both cost
// models (served stops, vans, minutes, km, time to the first complete plan).
// Env: BENCH_ROUTING_SEEDS (default 1: seeds 1..N per instance), BENCH_ROUTING_ONLY (comma list),
// BENCH_ROUTING_PARTS (comma list of classic, regressions, fleet, pettaxi; default all).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadInstance } from '../../functions/_shared/routing/formats/load.ts';

const root = join(import.meta.dirname, '../..');
const dir = join(root, 'tests/bench/routing/instances');
const known = JSON.parse(readFileSync(join(dir, 'known.json'), 'utf8')) as {
  instances: Record<
    string,
    { file: string; kind: 'tsplib' | 'solomon'; nodes: number; vehicles: number; distance: number }
  >;
};
const seeds = Number(process.env.BENCH_ROUTING_SEEDS ?? 1);
const only = process.env.BENCH_ROUTING_ONLY?.split(',');
const parts = process.env.BENCH_ROUTING_PARTS?.split(',') ?? ['classic', 'regressions', 'fleet', 'pettaxi'];

/** The budgets the issue sets: 1 s for TSPs up to 100 nodes, 2 s above and for VRPTW. */
const budgetMs = (k: { kind: string; nodes: number }) => (k.kind === 'tsplib' && k.nodes <= 100 ? 1000 : 2000);

interface Row {
  instance: string;
  vehicles: number;
  distance: number;
  duration: number;
  served: number;
  unassigned: number;
  cpu_ms: number;
  first_complete_ms: number | null;
  checked: boolean;
  feasible: boolean;
}

function run(args: string[]): Row {
  const r = spawnSync('node', [join(root, 'scripts/solve.ts'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`solve ${args.join(' ')} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
}

function solveOnce(file: string, timeMs: number, seed: number): Row {
  return run([join(dir, file), '--time-ms', String(timeMs), '--seed', String(seed)]);
}

async function pgrTsp(client: pg.Client, name: string, file: string): Promise<{ length: number; ms: number }> {
  const inst = loadInstance(readFileSync(join(dir, file), 'utf8'));
  const n = inst.matrix.n;
  const table = `bench_routing.m_${name.toLowerCase()}`;
  await client.query(`drop table if exists ${table}`);
  await client.query(`create table ${table} (start_vid bigint, end_vid bigint, agg_cost float8)`);
  const values: string[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) values.push(`(${i + 1},${j + 1},${inst.matrix.distance[i * n + j]})`);
  await client.query(`insert into ${table} values ${values.join(',')}`);
  const t0 = performance.now();
  const res = await client.query(
    `select max(agg_cost) as length from pgr_TSP($$select start_vid, end_vid, agg_cost from ${table}$$, 1)`,
  );
  const ms = performance.now() - t0;
  await client.query(`drop table ${table}`);
  return { length: Number(res.rows[0].length), ms };
}

const dbUrl = process.env.SUPABASE_DB_URL;
let client: pg.Client | null = null;
if (dbUrl) {
  client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query('create schema if not exists bench_routing');
  await client.query('create extension if not exists pgrouting schema bench_routing cascade');
  await client.query('set search_path = bench_routing, public, extensions');
  const v = await client.query('select pgr_version() as v');
  console.log(`pgRouting ${v.rows[0].v}`);
} else {
  console.log('SUPABASE_DB_URL not set: skipping pgr_TSP');
}

const pad = (s: unknown, w: number) => String(s).padEnd(w);
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const header = [
  'instance',
  'budget',
  'published',
  'vehicles',
  'best',
  'mean',
  'gap best',
  'gap mean',
  'cpu_ms',
  'feasible',
  'pgr_TSP (gap, ms)',
];
const widths = [10, 9, 17, 10, 11, 11, 10, 10, 8, 10, 0];
const row = (w: number[]) => (cells: unknown[]) =>
  console.log(
    cells
      .map((c, i) => pad(c, w[i] ?? 0))
      .join('')
      .trimEnd(),
  );
const line = row(widths);
const gaps: Record<string, number[]> = { tsplib: [], solomon: [] };
let failures = 0;
if (parts.includes('classic')) await classic();
if (parts.includes('regressions')) regressions();
if (parts.includes('fleet')) fleetLimit();
if (parts.includes('pettaxi')) petTaxi();

async function classic() {
  console.log(`seeds 1..${seeds} per instance; budget in process CPU ms; gap = distance over the published value`);
  line(header);
  for (const [name, k] of Object.entries(known.instances)) {
    if (only && !only.includes(name)) continue;
    const runs = Array.from({ length: seeds }, (_, s) => solveOnce(k.file, budgetMs(k), s + 1));
    const mean = runs.reduce((s, r) => s + r.distance, 0) / runs.length;
    const sameFleet = runs.filter((r) => r.vehicles === k.vehicles);
    const best = Math.min(...runs.map((r) => r.distance));
    const longest = Math.max(...runs.map((r) => r.distance));
    const gap = (d: number) => (100 * (d - k.distance)) / k.distance;
    // Gaps are only meaningful at the published fleet size; a run with more vans counts as a miss.
    const meanGap = sameFleet.length ? sameFleet.reduce((s, r) => s + gap(r.distance), 0) / sameFleet.length : NaN;
    gaps[k.kind].push(meanGap);
    const feasible = runs.every((r) => r.feasible);
    if (!feasible || sameFleet.length < runs.length) failures++;
    let pgr = '';
    if (client && k.kind === 'tsplib') {
      const p = await pgrTsp(client, name, k.file);
      pgr = `${p.length} (+${gap(p.length).toFixed(2)}%, ${p.ms.toFixed(0)} ms)${p.length < longest ? '  SHORTER THAN OURS' : ''}`;
    }
    const fleets = [...new Set(runs.map((r) => r.vehicles))].sort((a, b) => a - b).join('/');
    line([
      name,
      `${budgetMs(k)}`,
      `${k.vehicles} / ${k.distance}`,
      fleets,
      best.toFixed(2),
      mean.toFixed(2),
      `${gap(best).toFixed(2)}%`,
      `${meanGap.toFixed(2)}%`,
      Math.max(...runs.map((r) => r.cpu_ms)),
      feasible,
      pgr,
    ]);
  }
  console.log(`average of mean gaps: TSPLIB ${avg(gaps.tsplib).toFixed(2)}%, Solomon ${avg(gaps.solomon).toFixed(2)}%`);
}

/** Seeded runs too slow for the unit suite, each with the behaviour it guards. */
function regressions() {
  console.log('\nregressions (fixed iteration budgets: reproducible on any machine)');
  // Seed 1 used to stop at 3 vans / 712.04 whatever the budget: every string ruin re-created the same
  // plan, until whole-route ruins let a cluster move to the right van. 60k iterations is about 2 s of CPU.
  const c201 = run([join(dir, 'C201.txt'), '--seed', '1', '--iterations', '60000', '--time-ms', '1e9']);
  const ok = c201.feasible && c201.vehicles === 3 && c201.distance < 600;
  if (!ok) failures++;
  console.log(
    `C201 escapes the 712 trap: ${c201.vehicles} vans, ${c201.distance} (want 3 vans, < 600) ${ok ? 'ok' : 'FAILED'}`,
  );
  // With only its best-known 14 vans, RC101's construction leaves customers out; the search used to
  // leave 1-2 of them out at seed 1 (2 after 8000 iterations, 1 after 2 s of CPU); the repair phase places them.
  const rc101 = run([
    join(dir, 'RC101.txt'),
    '--seed',
    '1',
    '--iterations',
    '8000',
    '--time-ms',
    '1e9',
    '--fleet',
    '14',
  ]);
  const served = rc101.checked && rc101.unassigned === 0;
  if (!served) failures++;
  console.log(
    `RC101 on its best-known 14 vans serves all 100: ${rc101.served} served, ${rc101.distance} ${served ? 'ok' : 'FAILED'}`,
  );
}

/**
 * The Solomon instances with only their best-known fleet: the search must repair the construction's
 * left-out customers instead of opening vans. Reported, not failed: at 2 s not every seed gets there.
 */
function fleetLimit() {
  console.log(`\nhard fleet limit = best-known vans; 2000 CPU ms; seeds 1..${seeds}`);
  const line = row([10, 7, 9, 10, 10, 8, 10, 8]);
  line(['instance', 'fleet', 'served', 'vehicles', 'distance', 'gap', 'first ms', 'cpu_ms']);
  for (const [name, k] of Object.entries(known.instances)) {
    if (k.kind !== 'solomon' || (only && !only.includes(name))) continue;
    for (let s = 1; s <= seeds; s++) {
      const r = run([join(dir, k.file), '--time-ms', '2000', '--seed', String(s), '--fleet', String(k.vehicles)]);
      if (!r.checked) failures++;
      const gap = r.unassigned ? '' : `${((100 * (r.distance - k.distance)) / k.distance).toFixed(2)}%`;
      line([
        `${name}/${s}`,
        k.vehicles,
        `${r.served}/100`,
        r.vehicles,
        r.distance.toFixed(2),
        gap,
        r.first_complete_ms ?? '-',
        r.cpu_ms,
      ]);
    }
  }
}

/** Generated pet-taxi mornings (1-hour windows, 6–10 seats), fewest vans first vs free vans. */
function petTaxi() {
  const budget = 1000;
  console.log(`\npet-taxi mornings (seeded generator); ${budget} CPU ms; instance seeds 1..${Math.max(seeds, 3)}`);
  const line = row([11, 13, 11, 10, 9, 8, 16, 8]);
  line(['stops+vans', 'cost', 'served', 'vehicles', 'minutes', 'km', 'first ms', 'cpu_ms']);
  const sizes: Array<[number, number]> = [
    [40, 2],
    [40, 5],
    [40, 8],
    [60, 6],
    [60, 8],
    [80, 8],
  ];
  for (const [stops, vans] of sizes) {
    for (const cost of ['fewest_vans', 'pet_taxi']) {
      const rows = Array.from({ length: Math.max(seeds, 3) }, (_, i) =>
        run(['--pet-taxi', `${stops},${vans},${i + 1}`, '--time-ms', String(budget), '--cost', cost]),
      );
      if (rows.some((r) => !r.checked)) failures++;
      const mean = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
      const firsts = rows.map((r) => r.first_complete_ms);
      line([
        `${stops}+${vans}`,
        cost,
        rows.map((r) => r.served).join('/'),
        rows.map((r) => r.vehicles).join('/'),
        (mean((r) => r.duration) / 60).toFixed(0),
        (mean((r) => r.distance) / 1000).toFixed(1),
        firsts.map((f) => f ?? '-').join('/'),
        Math.max(...rows.map((r) => r.cpu_ms)),
      ]);
    }
  }
}
if (client) {
  await client.query('drop schema bench_routing cascade');
  await client.end();
}
if (failures) {
  console.log(`${failures} instance(s) with an infeasible run or a run using more vehicles than published`);
  process.exitCode = 1;
}
