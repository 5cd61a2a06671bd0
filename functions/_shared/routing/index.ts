/** The route optimiser's public surface, shared by edge functions and scripts. */
export { solve } from './solve.ts';
export { checkSolution, type CheckResult } from './checker.ts';
export { distanceProvider, type DistanceProvider, type LatLng } from './distance/index.ts';
export type * from './types.ts';
