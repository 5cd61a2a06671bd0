import type { Matrix, Problem } from '../types.ts';

export interface TsplibInstance {
  name: string;
  dimension: number;
  coords: Array<[number, number]>;
}

/**
 * Reads a TSPLIB `.tsp` file with EDGE_WEIGHT_TYPE EUC_2D (the only type the benchmarks use; others
 * are refused rather than misread).
 */
export function parseTsplib(text: string): TsplibInstance {
  const header = new Map<string, string>();
  const coords: Array<[number, number]> = [];
  let inCoords = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line === 'EOF') continue;
    if (line.startsWith('NODE_COORD_SECTION')) {
      inCoords = true;
      continue;
    }
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      inCoords = false;
      header.set(kv[1], kv[2].trim());
      continue;
    }
    if (!inCoords) throw new Error(`TSPLIB: unexpected line "${line}"`);
    const parts = line.split(/\s+/).map(Number);
    if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)))
      throw new Error(`TSPLIB: bad node line "${line}"`);
    if (parts[0] !== coords.length + 1) throw new Error(`TSPLIB: node ${parts[0]} out of order`);
    coords.push([parts[1], parts[2]]);
  }
  const type = header.get('EDGE_WEIGHT_TYPE');
  if (type !== 'EUC_2D')
    throw new Error(`TSPLIB: EDGE_WEIGHT_TYPE ${type ?? '(missing)'} is not supported, only EUC_2D`);
  const dimension = Number(header.get('DIMENSION'));
  if (dimension !== coords.length) throw new Error(`TSPLIB: DIMENSION ${dimension} but ${coords.length} nodes`);
  return { name: header.get('NAME') ?? 'unnamed', dimension, coords };
}

/** TSPLIB's EUC_2D distance: Euclidean distance rounded to the nearest integer (nint). */
export function tsplibMatrix(inst: TsplibInstance): Matrix {
  const n = inst.dimension;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dx = inst.coords[i][0] - inst.coords[j][0];
      const dy = inst.coords[i][1] - inst.coords[j][1];
      d[i * n + j] = Math.floor(Math.sqrt(dx * dx + dy * dy) + 0.5);
    }
  }
  return { n, distance: d, duration: d };
}

/** A TSP as a routing problem: city 1 is the depot, one unconstrained vehicle visits the rest. */
export function tsplibProblem(inst: TsplibInstance): { problem: Problem; matrix: Matrix } {
  return {
    problem: {
      vehicles: [{ id: 'salesman', count: 1, capacity: inst.dimension, shiftStart: 0, shiftEnd: Infinity }],
      stops: inst.coords.slice(1).map((_, i) => ({ id: String(i + 2), demand: 1 })),
    },
    matrix: tsplibMatrix(inst),
  };
}
