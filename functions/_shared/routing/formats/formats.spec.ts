import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadInstance } from './load.ts';
import { parseSolomon } from './solomon.ts';
import { parseTsplib, tsplibMatrix } from './tsplib.ts';

const dir = new URL('../../../../tests/bench/routing/instances/', import.meta.url);
const known = JSON.parse(readFileSync(new URL('known.json', dir), 'utf8')) as {
  instances: Record<string, { file: string; kind: string; nodes: number }>;
};

describe('committed benchmark instances', () => {
  for (const [name, k] of Object.entries(known.instances)) {
    it(`${name} parses with the dimension its publication states`, () => {
      const inst = loadInstance(readFileSync(new URL(k.file, dir), 'utf8'));
      expect(inst.name).toBe(name);
      expect(inst.kind).toBe(k.kind);
      expect(inst.matrix.n).toBe(k.nodes);
      expect(inst.problem.stops).toHaveLength(k.nodes - 1);
    });
  }
});

describe('TSPLIB reader', () => {
  const text =
    'NAME : tiny\nTYPE : TSP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0.5 0.6\nEOF\n';

  it('rounds Euclidean distances to the nearest integer as EUC_2D requires', () => {
    const m = tsplibMatrix(parseTsplib(text));
    expect(Array.from(m.distance)).toEqual([0, 5, 1, 5, 0, 4, 1, 4, 0]);
  });

  it('refuses edge weight types it does not implement and wrong dimensions', () => {
    expect(() => parseTsplib(text.replace('EUC_2D', 'GEO'))).toThrow(/GEO is not supported/);
    expect(() => parseTsplib(text.replace('DIMENSION : 3', 'DIMENSION : 4'))).toThrow(/DIMENSION 4 but 3 nodes/);
  });
});

describe('Solomon reader', () => {
  it('reads the fleet and the depot row, and refuses malformed rows', () => {
    const text =
      'T1\n\nVEHICLE\nNUMBER     CAPACITY\n  3   50\n\nCUSTOMER\nCUST NO. XCOORD. YCOORD. DEMAND READY DUE SERVICE\n\n 0 0 0 0 0 100 0\n 1 3 4 10 5 50 7\n';
    const inst = parseSolomon(text);
    expect(inst).toMatchObject({ name: 'T1', vehicles: 3, capacity: 50 });
    expect(inst.rows[1]).toEqual({ id: 1, x: 3, y: 4, demand: 10, ready: 5, due: 50, service: 7 });
    expect(() => parseSolomon(text.replace(' 1 3 4 10 5 50 7', ' 1 3 4 10 5 50'))).toThrow(/bad customer line/);
  });
});
