import type { Matrix } from '../types.ts';

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * Builds the travel matrix for a list of points (index 0 = depot). Durations are seconds, distances
 * metres. Async because a routing engine is a network call.
 */
export interface DistanceProvider {
  matrix(points: LatLng[]): Promise<Matrix>;
}
