import type { Matrix, Problem } from '../types.ts';
import { parseSolomon, solomonProblem } from './solomon.ts';
import { parseTsplib, tsplibProblem } from './tsplib.ts';

/** Recognises a benchmark text by its content (TSPLIB keywords or Solomon's VEHICLE block). */
export function loadInstance(text: string): {
  name: string;
  kind: 'tsplib' | 'solomon';
  problem: Problem;
  matrix: Matrix;
} {
  if (/^\s*NAME\s*:/m.test(text) && /NODE_COORD_SECTION/.test(text)) {
    const inst = parseTsplib(text);
    return { name: inst.name, kind: 'tsplib', ...tsplibProblem(inst) };
  }
  if (/^\s*VEHICLE\s*$/m.test(text)) {
    const inst = parseSolomon(text);
    return { name: inst.name, kind: 'solomon', ...solomonProblem(inst) };
  }
  throw new Error('unrecognised instance format (expected TSPLIB EUC_2D or Solomon VRPTW)');
}
