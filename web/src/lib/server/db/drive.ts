// The drivers' page: the day through driver_day, and every move through the drive rpcs (security definer, each
// checking the route is the caller's). A refusal comes back as a sentence keyed on the rpc's hint.
import { refusalSentence } from '#lib/refusals.ts';
import type { DriveDay, StopAction } from '#lib/drive/day.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export type DriveResult<T = unknown> = { ok: true; result: T } | { ok: false; hint: string | null; message: string };

export async function driverDay(supabase: Supabase): Promise<DriveDay> {
  const { data, error } = await supabase.rpc('driver_day');
  if (error) throw new DataError(`driver_day: ${error.message}`, error.code);
  return data as unknown as DriveDay;
}

async function call(supabase: Supabase, fn: string, args: Record<string, unknown>): Promise<DriveResult> {
  // The rpc names are checked by the generated types at each caller below; here they pass through.
  const { data, error } = await (
    supabase.rpc as (f: string, a: Record<string, unknown>) => ReturnType<Supabase['rpc']>
  )(fn, args);
  if (!error) return { ok: true, result: data };
  const message = refusalSentence({ code: error.code, hint: error.hint, details: error.details });
  // Anything the rpcs do not name is a fault, not a refusal: let handleError give it an id.
  if (message === null) throw new DataError(`${fn}: ${error.message}`, error.code);
  return { ok: false, hint: error.hint, message };
}

export const startRoute = (supabase: Supabase, routeId: string) =>
  call(supabase, 'start_route', { p_route_id: routeId });

export const finishRoute = (supabase: Supabase, routeId: string, confirmOpen: boolean) =>
  call(supabase, 'finish_route', { p_route_id: routeId, p_confirm_pending: confirmOpen });

export const recordStop = (
  supabase: Supabase,
  stop: { stopId: string; action: StopAction; reason?: string | null; opId?: string | null },
) =>
  call(supabase, 'record_stop_progress', {
    p_stop_id: stop.stopId,
    p_action: stop.action,
    p_reason: stop.reason ?? null,
    p_op_id: stop.opId ?? null,
  });

export interface PositionSample {
  routeId: string;
  lat: number;
  lng: number;
  recordedAt: string;
  heading: number | null;
  speed: number | null;
  clientId: string;
}

export const recordPosition = (supabase: Supabase, p: PositionSample) =>
  call(supabase, 'record_driver_position', {
    p_route_id: p.routeId,
    p_lat: p.lat,
    p_lng: p.lng,
    p_recorded_at: p.recordedAt,
    p_heading: p.heading,
    p_speed: p.speed,
    p_client_position_id: p.clientId,
  });
