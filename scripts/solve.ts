/**
 * Solves one benchmark instance and prints one JSON line:
 *   npm run solve -- <instance file> [--time-ms N] [--seed S] [--iterations N] [--fleet N] [--cost pet_taxi]
 *   npm run solve -- --pet-taxi <stops>,<vans>,<instance seed> [same options]
 * `--fleet` caps the first vehicle class at N vans (a hard fleet limit); `--cost pet_taxi` plans with
 * free vans and costs per minute and per km instead of fewest vans first. cpu_ms is process CPU time
 * (user + system), the fair figure on a shared machine.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkSolution } from '../functions/_shared/routing/checker.ts';
import { loadInstance } from '../functions/_shared/routing/formats/load.ts';
import { PET_TAXI, secondsAndMetres } from '../functions/_shared/routing/presets.ts';
import { solve } from '../functions/_shared/routing/solve.ts';
import { petTaxiMorning } from '../functions/_shared/routing/testing/pet-taxi.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v)) throw new Error(`${name} needs a number`);
  return v;
}

const text = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};

const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
const generated = text('--pet-taxi');
if (!file && !generated) {
  console.error('usage: npm run solve -- <instance file> | --pet-taxi <stops>,<vans>,<seed> [--time-ms N] [--seed S]');
  process.exit(2);
}
type Generated = ReturnType<typeof petTaxiMorning>;
let inst: { name: string; problem: Generated['problem']; matrix: Generated['matrix'] };
if (generated) {
  const [stops, vans, seed] = generated.split(',').map(Number);
  inst = { name: `pet-taxi-${stops}-${vans}-${seed}`, ...petTaxiMorning({ stops, vans, seed }) };
} else {
  inst = loadInstance(readFileSync(file as string, 'utf8'));
  inst.name ||= basename(file as string);
}
if (process.argv.includes('--fleet')) inst.problem.vehicles[0].count = arg('--fleet', 0);
const costName = text('--cost') ?? 'fewest_vans';
if (!['fewest_vans', 'pet_taxi'].includes(costName)) throw new Error('--cost is fewest_vans or pet_taxi');
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu0 = process.cpuUsage();
// The budget is counted in this process's CPU time, like the edge runtime's CPU limit, so a busy
// machine does not shorten the search.
const sol = solve(inst.problem, inst.matrix, {
  timeLimitMs: arg('--time-ms', 1000),
  maxIterations: process.argv.includes('--iterations') ? arg('--iterations', 0) : undefined,
  seed: arg('--seed', 1),
  now: cpuMs,
  cost: costName === 'pet_taxi' ? secondsAndMetres(PET_TAXI) : undefined,
});
const cpu = process.cpuUsage(cpu0);
const check = checkSolution(inst.problem, inst.matrix, sol);
const round = (x: number) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    instance: inst.name,
    vehicles: sol.totals.vehicles,
    distance: round(sol.totals.distance),
    duration: round(sol.totals.duration),
    served: inst.problem.stops.length - sol.unassigned.length,
    unassigned: sol.unassigned.length,
    cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
    first_complete_ms: sol.stats.firstCompleteMs === null ? null : Math.round(sol.stats.firstCompleteMs),
    checked: check.ok,
    feasible: check.ok && sol.unassigned.length === 0,
  }),
);
