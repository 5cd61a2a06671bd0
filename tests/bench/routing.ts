// Route optimiser benchmark (run by `npm run bench`, or alone with SUPABASE_DB_URL set):
// solves each committed TSPLIB / Solomon instance in a fresh process through `scripts/solve.ts`,
// prints the gap to the published optimum / best-known value and the CPU time, and on the TSP
// instances runs pgRouting's pgr_TSP on the same nint distance matrix in the same run.
// Env: BENCH_ROUTING_SEEDS (default 1: seeds 1..N per instance), BENCH_ROUTING_ONLY (comma list).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadInstance } from '../../functions/_shared/routing/formats/load.ts';

const root = join(import.meta.dirname, '../..');
const dir = join(root, 'tests/bench/routing/instances');
const known = JSON.parse(readFileSync(join(dir, 'known.json'), 'utf8')) as {
  instances: Record<string, { file: string; kind: 'tsplib' | 'solomon'; nodes: number; vehicles: number; distance: number }>;
};
const seeds = Number(process.env.BENCH_ROUTING_SEEDS ?? 1);
const only = process.env.BENCH_ROUTING_ONLY?.split(',');

/** The budgets the issue sets: 1 s for TSPs up to 100 nodes, 2 s above and for VRPTW. */
const budgetMs = (k: { kind: string; nodes: number }) => (k.kind === 'tsplib' && k.nodes <= 100 ? 1000 : 2000);

interface Row { instance: string; vehicles: number; distance: number; cpu_ms: number; feasible: boolean }

function solveOnce(file: string, timeMs: number, seed: number): Row {
  const r = spawnSync('node', [join(root, 'scripts/solve.ts'), join(dir, file), '--time-ms', String(timeMs), '--seed', String(seed)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`solve ${file} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
}

async function pgrTsp(client: pg.Client, name: string, file: string): Promise<{ length: number; ms: number }> {
  const inst = loadInstance(readFileSync(join(dir, file), 'utf8'));
  const n = inst.matrix.n;
  const table = `bench_routing.m_${name.toLowerCase()}`;
  await client.query(`drop table if exists ${table}`);
  await client.query(`create table ${table} (start_vid bigint, end_vid bigint, agg_cost float8)`);
  const values: string[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) values.push(`(${i + 1},${j + 1},${inst.matrix.distance[i * n + j]})`);
  await client.query(`insert into ${table} values ${values.join(',')}`);
  const t0 = performance.now();
  const res = await client.query(`select max(agg_cost) as length from pgr_TSP($$select start_vid, end_vid, agg_cost from ${table}$$, 1)`);
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
const header = ['instance', 'budget', 'published', 'vehicles', 'best', 'mean', 'gap best', 'gap mean', 'cpu_ms', 'feasible', 'pgr_TSP (gap, ms)'];
const widths = [10, 9, 17, 10, 11, 11, 10, 10, 8, 10, 0];
const line = (cells: unknown[]) => console.log(cells.map((c, i) => pad(c, widths[i])).join('').trimEnd());
console.log(`seeds 1..${seeds} per instance; budget in process CPU ms; gap = distance over the published value`);
line(header);
const gaps: Record<string, number[]> = { tsplib: [], solomon: [] };
let failures = 0;
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
  line([name, `${budgetMs(k)}`, `${k.vehicles} / ${k.distance}`, fleets, best.toFixed(2), mean.toFixed(2),
    `${gap(best).toFixed(2)}%`, `${meanGap.toFixed(2)}%`, Math.max(...runs.map((r) => r.cpu_ms)), feasible, pgr]);
}
const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
console.log(`average of mean gaps: TSPLIB ${avg(gaps.tsplib).toFixed(2)}%, Solomon ${avg(gaps.solomon).toFixed(2)}%`);
if (client) {
  await client.query('drop schema bench_routing cascade');
  await client.end();
}
if (failures) {
  console.log(`${failures} instance(s) with an infeasible run or a run using more vehicles than published`);
  process.exitCode = 1;
}
