import type { DistanceProvider, LatLng } from '../_shared/routing/index.ts';
import { clockMinutes } from '../_shared/time/zone.ts';
import { parsePoint } from './geo.ts';
import type { EditInput } from './input.ts';
import { retime, type Breach } from './retime.ts';
import type { EditedRoute, ExistingRoute, TransportRequestRow, VehicleRow } from './store.ts';

/** What the dispatcher is warned about: a rule an edited route breaks, in the database's ids. */
export interface Warning {
  kind: Breach['kind'];
  route_id: string;
  transport_request_id?: string;
  late_minutes?: number;
  load?: number;
  seats?: number;
}

export type EditCheck =
  | { ok: true; routes: EditedRoute[]; warnings: Warning[] }
  | { ok: false; status: number; error: string; message: string };

/**
 * Re-times each edited route in its new order with the optimiser's travel model from its van's depot (the
 * business's depot for a route without a van) and collects the rules it breaks. Refuses an edit that is not
 * a rearrangement of planned routes' stops: unknown or started routes, stops dropped, added or doubled.
 */
export async function checkEdit(ctx: {
  input: EditInput;
  existing: ExistingRoute[];
  requests: TransportRequestRow[];
  vehicles: VehicleRow[];
  depot: LatLng;
  dayStart: number;
  provider: DistanceProvider;
  optimisedAt: string;
}): Promise<EditCheck> {
  const { input } = ctx;
  const byId = new Map(ctx.existing.map((r) => [r.id, r]));
  const before: string[] = [];
  for (const e of input.edit) {
    const route = byId.get(e.route_id);
    if (!route) return { ok: false, status: 404, error: 'route_not_found', message: 'no such route on that date' };
    if (route.status !== 'planned')
      return { ok: false, status: 409, error: 'route_started', message: 'the route has started; its stops stay' };
    before.push(...(route.request_ids ?? []));
  }
  const after = input.edit.flatMap((e) => e.stops);
  if (
    new Set(after).size !== after.length ||
    after.length !== before.length ||
    !before.every((id) => after.includes(id))
  )
    return {
      ok: false,
      status: 422,
      error: 'edit_stops_mismatch',
      message: 'an edit moves or reorders the stops of the edited routes; none may be added, dropped or doubled',
    };
  const requests = new Map(ctx.requests.map((r) => [r.id, r]));
  const vans = new Map(ctx.vehicles.map((v) => [v.id, v]));
  const seconds = (iso: string) => (Date.parse(iso) - ctx.dayStart) / 1000;
  const iso = (sec: number) => new Date(ctx.dayStart + Math.round(sec * 1000)).toISOString();
  const routes: EditedRoute[] = [];
  const warnings: Warning[] = [];
  for (const e of input.edit) {
    const route = byId.get(e.route_id)!;
    const van = route.vehicle_id ? vans.get(route.vehicle_id) : undefined;
    const depot = (van && parsePoint(van.depot_geo)) || ctx.depot;
    const rows = e.stops.map((id) => requests.get(id));
    const points: LatLng[] = [];
    for (const row of rows) {
      const at = row && parsePoint(row.geo);
      if (!row || !at)
        return {
          ok: false,
          status: 422,
          error: 'edit_stop_unknown',
          message: 'a stop of the edit is not an open request with a location',
        };
      points.push(at);
    }
    const matrix = await ctx.provider.matrix([depot, ...points]);
    const seats = van?.seats ?? route.vehicle_capacity ?? 0;
    const timed = retime(
      rows.map((r) => ({
        id: r!.id,
        kind: r!.kind,
        windowStart: seconds(r!.window_start),
        windowEnd: seconds(r!.window_end),
        demand: input.crates_per_pet,
      })),
      matrix,
      { seats, shiftStart: clockMinutes(input.shift_start) * 60, shiftEnd: clockMinutes(input.shift_end) * 60 },
      input.service_minutes * 60,
    );
    for (const b of timed.breaches) {
      warnings.push(
        b.kind === 'window'
          ? {
              kind: 'window',
              route_id: e.route_id,
              transport_request_id: b.stopId,
              late_minutes: Math.ceil(b.lateS / 60),
            }
          : b.kind === 'seats'
            ? { kind: 'seats', route_id: e.route_id, transport_request_id: b.stopId, load: b.load, seats: b.seats }
            : { kind: 'shift', route_id: e.route_id, late_minutes: Math.ceil(b.lateS / 60) },
      );
    }
    routes.push({
      route_id: e.route_id,
      vehicle_capacity: seats,
      distance_m: Math.round(timed.distance),
      duration_s: Math.round(timed.duration),
      optimised_at: ctx.optimisedAt,
      // node i is the point before stop i (0: the depot): each stop's leg as the distance provider measured it
      stops: e.stops.map((id, i) => ({
        transport_request_id: id,
        seq: i + 1,
        planned_eta: iso(timed.starts[i]),
        leg_seconds: Math.round(matrix.duration[i * matrix.n + i + 1]),
      })),
    });
  }
  return { ok: true, routes, warnings };
}
