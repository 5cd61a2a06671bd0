// Dispatch's day: the transport requests, the routes with their stops, read through the request's client so
// row-level security decides; planning runs the optimize-route function as the caller (its JWT), which reads
// the vans in service from public.vehicles and writes through replace_route_plan.
import { parsePoint, type LatLng } from '#lib/map/geo.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface DayRequest {
  id: string;
  kind: 'pickup' | 'dropoff';
  petId: string;
  bookingId: string | null;
  petName: string;
  clientName: string;
  address: string;
  at: LatLng | null;
  windowStart: string;
  windowEnd: string;
  status: string;
  notes: string | null;
}

export interface DayStop {
  id: string;
  requestId: string;
  seq: number;
  plannedEta: string | null;
  status: string;
}

export interface DayRoute {
  id: string;
  status: string;
  driverId: string | null;
  vehicleId: string | null;
  capacity: number;
  distanceM: number | null;
  durationS: number | null;
  stops: DayStop[];
}

export async function dayRequests(
  supabase: Supabase,
  businessId: string,
  day: { start: string; end: string },
): Promise<DayRequest[]> {
  const { data, error } = await supabase
    .from('transport_requests')
    .select(
      'id, kind, pet_id, booking_id, address, geo, window_start, window_end, status, notes, pet:pets!inner(name, client:clients!inner(full_name))',
    )
    .eq('business_id', businessId)
    .gte('window_start', day.start)
    .lt('window_start', day.end)
    .neq('status', 'cancelled')
    .order('window_start')
    .order('id');
  if (error) throw new DataError(`could not list the day's transport: ${error.message}`, error.code);
  return data.map((r) => ({
    id: r.id,
    kind: r.kind,
    petId: r.pet_id,
    bookingId: r.booking_id,
    petName: r.pet.name,
    clientName: r.pet.client.full_name,
    address: r.address,
    at: parsePoint(r.geo),
    windowStart: r.window_start,
    windowEnd: r.window_end,
    status: r.status,
    notes: r.notes,
  }));
}

export async function dayRoutes(supabase: Supabase, businessId: string, date: string): Promise<DayRoute[]> {
  const { data, error } = await supabase
    .from('routes')
    .select(
      'id, status, driver_id, vehicle_id, vehicle_capacity, distance_m, duration_s, created_at, route_stops(id, transport_request_id, seq, planned_eta, status)',
    )
    .eq('business_id', businessId)
    .eq('service_date', date)
    .order('created_at')
    .order('id');
  if (error) throw new DataError(`could not list the day's routes: ${error.message}`, error.code);
  return data.map((r) => ({
    id: r.id,
    status: r.status,
    driverId: r.driver_id,
    vehicleId: r.vehicle_id,
    capacity: r.vehicle_capacity,
    distanceM: r.distance_m,
    durationS: r.duration_s,
    stops: r.route_stops
      .map((s) => ({
        id: s.id,
        requestId: s.transport_request_id,
        seq: s.seq,
        plannedEta: s.planned_eta,
        status: s.status,
      }))
      .sort((a, b) => a.seq - b.seq),
  }));
}

export async function assignDriver(
  supabase: Supabase,
  businessId: string,
  routeId: string,
  driverId: string | null,
): Promise<boolean> {
  const { data, error } = await supabase
    .from('routes')
    .update({ driver_id: driverId })
    .eq('id', routeId)
    .eq('business_id', businessId)
    .select('id');
  if (error) throw new DataError(`could not assign the driver: ${error.message}`, error.code);
  return data.length > 0;
}

export interface Unserved {
  transport_request_id: string;
  reason: string;
}

export type PlanOutcome =
  | { ok: true; routes: number; stops: number; unserved: Unserved[] }
  | { ok: false; status: number; code: string; message: string };

/** Runs optimize-route for the day as the signed-in staff member (vans come from the vehicles table). */
export async function planDay(supabase: Supabase, businessId: string, date: string): Promise<PlanOutcome> {
  const { data, error, response } = await supabase.functions.invoke('optimize-route', {
    body: { business_id: businessId, date, cost: 'pet_taxi' },
  });
  if (error) {
    const status = response?.status ?? 502;
    let body: { error?: string; message?: string } = {};
    try {
      body = response ? ((await response.clone().json()) as typeof body) : {};
    } catch {
      // not JSON: the gateway or the network failed
    }
    return { ok: false, status, code: body.error ?? 'unreachable', message: body.message ?? error.message };
  }
  const plan = data as { totals: { vehicles: number; stops: number }; unserved: Unserved[] };
  return { ok: true, routes: plan.totals.vehicles, stops: plan.totals.stops, unserved: plan.unserved };
}

export interface TransportPet {
  id: string;
  name: string;
  clientName: string;
  address: string | null;
  at: LatLng | null;
}

/** The business's pets with their client's address, for the transport form's pet choice and default address. */
export async function transportPets(supabase: Supabase, businessId: string): Promise<TransportPet[]> {
  const { data, error } = await supabase
    .from('pets')
    .select('id, name, client:clients!inner(full_name, address, geo)')
    .eq('business_id', businessId)
    .order('name')
    .order('id')
    .limit(1000);
  if (error) throw new DataError(`could not list the pets: ${error.message}`, error.code);
  return data.map((p) => ({
    id: p.id,
    name: p.name,
    clientName: p.client.full_name,
    address: p.client.address,
    at: parsePoint(p.client.geo),
  }));
}

export interface TransportInput {
  id: string | null;
  bookingId: string | null;
  petId: string;
  kind: 'pickup' | 'dropoff';
  address: string;
  at: LatLng | null;
  windowStart: string;
  windowEnd: string;
  notes: string;
}

export type SaveOutcome =
  { ok: true; id: string } | { ok: false; refusal: { code?: string; hint?: string; details?: string } };

export async function saveTransport(supabase: Supabase, businessId: string, t: TransportInput): Promise<SaveOutcome> {
  const { data, error } = await supabase.rpc('save_transport_request', {
    p_business_id: businessId,
    p_pet_id: t.petId,
    p_kind: t.kind,
    p_address: t.address,
    p_window_start: t.windowStart,
    p_window_end: t.windowEnd,
    ...(t.at ? { p_lat: t.at.lat, p_lng: t.at.lng } : {}),
    p_notes: t.notes,
    ...(t.id ? { p_id: t.id } : {}),
    ...(t.bookingId ? { p_booking_id: t.bookingId } : {}),
  });
  if (error) {
    if (['42501', 'PT404', '22023', '23514', '22P02'].includes(error.code))
      return { ok: false, refusal: { code: error.code, hint: error.hint, details: error.details } };
    throw new DataError(`could not save the transport: ${error.message}`, error.code);
  }
  return { ok: true, id: data };
}

export interface EditWarningRow {
  kind: 'window' | 'seats' | 'shift';
  route_id: string;
  transport_request_id?: string;
  late_minutes?: number;
  load?: number;
  seats?: number;
}

export type EditOutcome =
  | { ok: true; written: boolean; warnings: EditWarningRow[] }
  | { ok: false; status: number; code: string; message: string };

/** Re-times a hand edit through optimize-route (the optimiser's travel model); written unless warned and not confirmed. */
export async function editPlan(
  supabase: Supabase,
  businessId: string,
  date: string,
  edit: Array<{ route_id: string; stops: string[] }>,
  confirm: boolean,
): Promise<EditOutcome> {
  const { data, error, response } = await supabase.functions.invoke('optimize-route', {
    body: { business_id: businessId, date, edit, confirm },
  });
  if (error) {
    const status = response?.status ?? 502;
    let body: { error?: string; message?: string } = {};
    try {
      body = response ? ((await response.clone().json()) as typeof body) : {};
    } catch {
      // not JSON: the gateway or the network failed
    }
    return { ok: false, status, code: body.error ?? 'unreachable', message: body.message ?? error.message };
  }
  const out = data as { written: boolean; warnings: EditWarningRow[] };
  return { ok: true, written: out.written, warnings: out.warnings };
}
