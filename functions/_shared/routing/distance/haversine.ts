import type { Matrix } from '../types.ts';
import type { DistanceProvider, LatLng } from './types.ts';

const EARTH_RADIUS_M = 6_371_008.8;

export interface HaversineOptions {
  /** Road distance ÷ straight-line distance; about 1.3 in towns. */
  roadFactor?: number;
  /** Average driving speed in km/h, stops and lights included. */
  speedKmh?: number;
}

/** Great-circle distance in metres between two points. */
export function haversineMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The offline default: straight-line distance stretched by a road factor, driven at an average speed.
 * Needs no network, so planning works even when no routing engine is configured.
 */
export function haversineProvider(opts: HaversineOptions = {}): DistanceProvider {
  const factor = opts.roadFactor ?? 1.3;
  const speed = opts.speedKmh ?? 30;
  if (!(factor >= 1) || !(speed > 0)) throw new Error('road factor must be ≥ 1 and speed > 0');
  const metresPerSecond = (speed * 1000) / 3600;
  return {
    // async so that bad input rejects like a network provider would, instead of throwing.
    async matrix(points: LatLng[]): Promise<Matrix> {
      for (const p of points) {
        if (!(Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180)) throw new Error(`invalid coordinate ${p.lat},${p.lng}`);
      }
      const n = points.length;
      const distance = new Float64Array(n * n);
      const duration = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const d = haversineMetres(points[i], points[j]) * factor;
          distance[i * n + j] = distance[j * n + i] = d;
          duration[i * n + j] = duration[j * n + i] = d / metresPerSecond;
        }
      }
      return { n, distance, duration };
    },
  };
}
