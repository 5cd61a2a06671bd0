import type { Matrix, Problem, Solution } from './types.ts';

export interface CheckResult {
  ok: boolean;
  errors: string[];
}

const EPS = 1e-6;

/**
 * Verifies a solution against its problem without sharing any code with the solver: every stop is
 * routed exactly once or reported unassigned, no vehicle is used twice or beyond its class count, and
 * the published schedule (arrival, wait, departure, load) is what driving the matrix gives, within
 * time windows, shifts and capacity. Totals must add up.
 */
export function checkSolution(problem: Problem, matrix: Matrix, sol: Solution): CheckResult {
  const errors: string[] = [];
  const index = new Map<string, number>();
  problem.stops.forEach((s, i) => index.set(s.id, i + 1));
  const seen = new Map<string, string>();
  const mark = (id: string, where: string) => {
    if (!index.has(id)) errors.push(`unknown stop ${id} in ${where}`);
    else if (seen.has(id)) errors.push(`stop ${id} appears in ${seen.get(id)} and in ${where}`);
    else seen.set(id, where);
  };
  const n = matrix.n;
  const used = new Set<string>();
  let distance = 0;
  let duration = 0;
  sol.routes.forEach((r, ri) => {
    const where = `route ${ri}`;
    const cls = problem.vehicles.find((v) => v.id === r.vehicleId);
    if (!cls) {
      errors.push(`${where} uses unknown vehicle class ${r.vehicleId}`);
      return;
    }
    const key = `${r.vehicleId}#${r.vehicleIndex}`;
    if (r.vehicleIndex < 0 || r.vehicleIndex >= cls.count) errors.push(`${where}: vehicle ${key} does not exist`);
    if (used.has(key)) errors.push(`${where}: vehicle ${key} drives two routes`);
    used.add(key);
    if (r.stops.length === 0) errors.push(`${where} has no stops`);
    if (r.departure < cls.shiftStart - EPS) errors.push(`${where} leaves before the shift starts`);
    let startLoad = 0;
    for (const s of r.stops) {
      const st = problem.stops[(index.get(s.stopId) ?? 1) - 1];
      if (st && st.kind !== 'pickup') startLoad += st.demand;
    }
    if (Math.abs(startLoad - r.startLoad) > EPS)
      errors.push(`${where}: start load ${r.startLoad}, expected ${startLoad}`);
    if (startLoad > cls.capacity + EPS) errors.push(`${where}: leaves the depot over capacity`);
    let load = startLoad;
    let t = r.departure;
    // Depot k ≥ 1 is the matrix node after the stops' (types.ts).
    const depotNode = (k: number) => (k === 0 ? 0 : problem.stops.length + k);
    const home = depotNode(cls.endDepot ?? cls.depot ?? 0);
    let prev = depotNode(cls.depot ?? 0);
    let prevService = 0;
    let dist = 0;
    for (const s of r.stops) {
      mark(s.stopId, where);
      const i = index.get(s.stopId);
      if (i === undefined) return;
      const st = problem.stops[i - 1];
      const arrival = t + prevService + matrix.duration[prev * n + i];
      const start = Math.max(arrival, st.windowStart ?? -Infinity);
      dist += matrix.distance[prev * n + i];
      load += st.kind === 'pickup' ? st.demand : -st.demand;
      if (Math.abs(arrival - s.arrival) > EPS)
        errors.push(`${where}: stop ${s.stopId} arrival ${s.arrival}, expected ${arrival}`);
      if (Math.abs(start - s.start) > EPS || Math.abs(s.start - s.arrival - s.wait) > EPS) {
        errors.push(`${where}: stop ${s.stopId} starts at ${s.start} after waiting ${s.wait}, expected ${start}`);
      }
      if (Math.abs(s.departure - (start + (st.serviceTime ?? 0))) > EPS)
        errors.push(`${where}: stop ${s.stopId} departure is wrong`);
      if (start > (st.windowEnd ?? Infinity) + EPS)
        errors.push(`${where}: stop ${s.stopId} served at ${start} after its window ends (${st.windowEnd})`);
      if (Math.abs(load - s.load) > EPS) errors.push(`${where}: stop ${s.stopId} load ${s.load}, expected ${load}`);
      if (load > cls.capacity + EPS) errors.push(`${where}: over capacity after stop ${s.stopId}`);
      if (load < -EPS) errors.push(`${where}: negative load after stop ${s.stopId}`);
      t = start;
      prev = i;
      prevService = st.serviceTime ?? 0;
    }
    const back = t + prevService + matrix.duration[prev * n + home];
    dist += matrix.distance[prev * n + home];
    if (Math.abs(back - r.arrival) > EPS) errors.push(`${where}: returns at ${r.arrival}, expected ${back}`);
    if (back > cls.shiftEnd + EPS) errors.push(`${where}: returns at ${back} after the shift ends (${cls.shiftEnd})`);
    if (Math.abs(dist - r.distance) > EPS * Math.max(1, dist))
      errors.push(`${where}: distance ${r.distance}, expected ${dist}`);
    distance += dist;
    duration += back - r.departure;
  });
  for (const u of sol.unassigned) mark(u.stopId, 'unassigned');
  for (const s of problem.stops) if (!seen.has(s.id)) errors.push(`stop ${s.id} is neither routed nor reported`);
  if (sol.totals.vehicles !== sol.routes.length) errors.push('totals.vehicles differs from the number of routes');
  if (Math.abs(sol.totals.distance - distance) > EPS * Math.max(1, distance))
    errors.push(`totals.distance ${sol.totals.distance}, expected ${distance}`);
  if (Math.abs(sol.totals.duration - duration) > EPS * Math.max(1, duration)) errors.push('totals.duration is wrong');
  if (sol.totals.unassigned !== sol.unassigned.length) errors.push('totals.unassigned is wrong');
  return { ok: errors.length === 0, errors };
}
