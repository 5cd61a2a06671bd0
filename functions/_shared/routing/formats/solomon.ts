import type { Matrix, Problem } from '../types.ts';

export interface SolomonInstance {
  name: string;
  vehicles: number;
  capacity: number;
  /** Row 0 is the depot; its due date is the closing time. */
  rows: Array<{ id: number; x: number; y: number; demand: number; ready: number; due: number; service: number }>;
}

/** Reads Solomon's (1987) VRPTW text format: name, VEHICLE block, CUSTOMER block. */
export function parseSolomon(text: string): SolomonInstance {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const name = lines[0];
  const v = lines.findIndex((l) => l.startsWith('VEHICLE'));
  const c = lines.findIndex((l) => l.startsWith('CUSTOMER'));
  if (v < 0 || c < 0) throw new Error('Solomon: missing VEHICLE or CUSTOMER section');
  const [vehicles, capacity] = lines[v + 2].split(/\s+/).map(Number);
  const rows: SolomonInstance['rows'] = [];
  for (const line of lines.slice(c + 2)) {
    const f = line.split(/\s+/).map(Number);
    if (f.length !== 7 || f.some((x) => !Number.isFinite(x))) throw new Error(`Solomon: bad customer line "${line}"`);
    if (f[0] !== rows.length) throw new Error(`Solomon: customer ${f[0]} out of order`);
    rows.push({ id: f[0], x: f[1], y: f[2], demand: f[3], ready: f[4], due: f[5], service: f[6] });
  }
  if (!(vehicles > 0 && capacity > 0) || rows.length < 2) throw new Error('Solomon: incomplete instance');
  return { name, vehicles, capacity, rows };
}

/**
 * The instance as a routing problem with the usual conventions: full-precision Euclidean distance,
 * travel time equal to distance, the depot's due date as every van's closing time.
 */
export function solomonProblem(inst: SolomonInstance): { problem: Problem; matrix: Matrix } {
  const n = inst.rows.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      d[i * n + j] = Math.hypot(inst.rows[i].x - inst.rows[j].x, inst.rows[i].y - inst.rows[j].y);
    }
  }
  const depot = inst.rows[0];
  return {
    problem: {
      vehicles: [
        { id: 'van', count: inst.vehicles, capacity: inst.capacity, shiftStart: depot.ready, shiftEnd: depot.due },
      ],
      stops: inst.rows.slice(1).map((r) => ({
        id: String(r.id),
        demand: r.demand,
        kind: 'delivery' as const,
        windowStart: r.ready,
        windowEnd: r.due,
        serviceTime: r.service,
      })),
    },
    matrix: { n, distance: d, duration: d },
  };
}
