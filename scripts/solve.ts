/**
 * Solves one benchmark instance and prints one JSON line:
 *   npm run solve -- <instance file> [--time-ms N] [--seed S]
 * cpu_ms is process CPU time (user + system), the fair figure on a shared machine.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkSolution } from '../functions/_shared/routing/checker.ts';
import { loadInstance } from '../functions/_shared/routing/formats/load.ts';
import { solve } from '../functions/_shared/routing/solve.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v)) throw new Error(`${name} needs a number`);
  return v;
}

const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (!file) {
  console.error('usage: npm run solve -- <instance file> [--time-ms N] [--seed S]');
  process.exit(2);
}
const inst = loadInstance(readFileSync(file, 'utf8'));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpu0 = process.cpuUsage();
// The budget is counted in this process's CPU time, like the edge runtime's CPU limit, so a busy
// machine does not shorten the search.
const sol = solve(inst.problem, inst.matrix, { timeLimitMs: arg('--time-ms', 1000), seed: arg('--seed', 1), now: cpuMs });
const cpu = process.cpuUsage(cpu0);
const check = checkSolution(inst.problem, inst.matrix, sol);
console.log(JSON.stringify({
  instance: inst.name || basename(file),
  vehicles: sol.totals.vehicles,
  distance: Math.round(sol.totals.distance * 100) / 100,
  cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
  feasible: check.ok && sol.unassigned.length === 0,
}));
