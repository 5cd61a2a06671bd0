import type { Matrix } from '../_shared/routing/index.ts';

/** One stop of a route in the order a dispatcher set by hand, in solver units (seconds from local midnight). */
export interface FixedStop {
  id: string;
  kind: 'pickup' | 'dropoff';
  windowStart: number;
  windowEnd: number;
  demand: number;
}

export type Breach =
  | { kind: 'window'; stopId: string; lateS: number }
  | { kind: 'seats'; stopId: string; load: number; seats: number }
  | { kind: 'shift'; lateS: number };

export interface Retimed {
  /** Start of service per stop (waits for its window when early), in order. */
  starts: number[];
  distance: number;
  duration: number;
  breaches: Breach[];
}

/**
 * Times a route whose order is fixed, with the optimiser's travel model (`matrix`: index 0 the van's depot,
 * then the stops in order) and its rules: service takes `serviceS` at each door, a van early for a window
 * waits, pickups fill seats and drop-offs (loaded at the depot) free them. The van leaves as late as lets it
 * meet the first window, never before its shift. Nothing is refused here: each rule broken is a breach the
 * dispatcher is told about.
 */
export function retime(
  stops: FixedStop[],
  matrix: Matrix,
  van: { seats: number; shiftStart: number; shiftEnd: number },
  serviceS: number,
): Retimed {
  const { n, distance: dist, duration: time } = matrix;
  if (n !== stops.length + 1) throw new Error('the matrix must hold the depot and every stop');
  const breaches: Breach[] = [];
  if (stops.length === 0) return { starts: [], distance: 0, duration: 0, breaches };
  const depart = Math.max(van.shiftStart, stops[0].windowStart - time[1]);
  let load = stops.reduce((sum, s) => sum + (s.kind === 'dropoff' ? s.demand : 0), 0);
  if (load > van.seats)
    breaches.push({ kind: 'seats', stopId: stops.find((s) => s.kind === 'dropoff')!.id, load, seats: van.seats });
  let t = depart;
  let prev = 0;
  let metres = 0;
  const starts = stops.map((s, i) => {
    const at = i + 1;
    const arrival = t + (prev === 0 ? 0 : serviceS) + time[prev * n + at];
    metres += dist[prev * n + at];
    const start = Math.max(arrival, s.windowStart);
    if (start > s.windowEnd) breaches.push({ kind: 'window', stopId: s.id, lateS: start - s.windowEnd });
    load += s.kind === 'pickup' ? s.demand : -s.demand;
    if (s.kind === 'pickup' && load > van.seats) breaches.push({ kind: 'seats', stopId: s.id, load, seats: van.seats });
    t = start;
    prev = at;
    return start;
  });
  const back = t + serviceS + time[prev * n];
  metres += dist[prev * n];
  if (back > van.shiftEnd) breaches.push({ kind: 'shift', lateS: back - van.shiftEnd });
  return { starts, distance: metres, duration: back - depart, breaches };
}
