import { haversineMetres } from '../distance/haversine.ts';
import { Rng } from '../rng.ts';
import type { Matrix, Problem } from '../types.ts';

export interface PetTaxiOptions {
  stops: number;
  vans: number;
  seed: number;
  /** Seats per van are drawn uniformly from this range (inclusive). */
  seats?: [number, number];
}

const ROAD_FACTOR = 1.3;
const SPEED_MS = (28 * 1000) / 3600;
const HOUR = 3600;

/**
 * A seeded pet-taxi morning: a depot in a town, pickups spread over about 12 km around it in a few
 * neighbourhoods (homes cluster in real towns), 1-hour windows opening between 7:00 and 9:00, 5 minutes
 * at each door, one seat per pet, vans of 6–10 seats on a 6:30–10:30 shift. Times in seconds since
 * midnight, distances in metres, like the edge function's problems.
 */
export function petTaxiMorning(opts: PetTaxiOptions): { problem: Problem; matrix: Matrix } {
  const rng = new Rng(opts.seed * 7919 + opts.stops);
  const [lo, hi] = opts.seats ?? [6, 10];
  const depot = { lat: 51.5, lng: -0.12 };
  const hubs = Array.from({ length: 5 }, () => offset(depot, rng.next() * 9000, rng.next() * 2 * Math.PI));
  const points = [depot];
  for (let i = 0; i < opts.stops; i++) {
    const near = rng.next() < 0.7 ? hubs[rng.int(0, hubs.length)] : depot;
    points.push(offset(near, Math.sqrt(rng.next()) * (near === depot ? 12000 : 3000), rng.next() * 2 * Math.PI));
  }
  const problem: Problem = {
    vehicles: Array.from({ length: opts.vans }, (_, i) => ({
      id: `van${i}`,
      count: 1,
      capacity: rng.int(lo, hi + 1),
      shiftStart: 6.5 * HOUR,
      shiftEnd: 10.5 * HOUR,
    })),
    stops: points.slice(1).map((_, i) => {
      // Windows open on the quarter hour, as booking forms offer them.
      const open = 7 * HOUR + rng.int(0, 9) * 900;
      return { id: `p${i}`, demand: 1, kind: 'pickup', windowStart: open, windowEnd: open + HOUR, serviceTime: 300 };
    }),
  };
  const n = points.length;
  const distance = new Float64Array(n * n);
  const duration = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      distance[i * n + j] = haversineMetres(points[i], points[j]) * ROAD_FACTOR;
      duration[i * n + j] = distance[i * n + j] / SPEED_MS;
    }
  }
  return { problem, matrix: { n, distance, duration } };
}

function offset(p: { lat: number; lng: number }, metres: number, bearing: number) {
  const dLat = (metres * Math.cos(bearing)) / 111_320;
  const dLng = (metres * Math.sin(bearing)) / (111_320 * Math.cos((p.lat * Math.PI) / 180));
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}
