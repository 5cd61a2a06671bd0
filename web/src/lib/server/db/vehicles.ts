// The business's vans and the members who may drive them, read and written through the request's client so
// row-level security decides (staff read, managers write).
import { parsePoint, toEwkt, type LatLng } from '#lib/map/geo.ts';
import type { VehicleForm } from '#lib/transport/forms.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import { changedOwnRow } from './own-row.ts';

export interface Vehicle {
  id: string;
  name: string;
  seats: number;
  depot: LatLng | null;
  active: boolean;
  defaultDriverId: string | null;
}

export interface Driver {
  userId: string;
  name: string;
  role: string;
}

export async function listVehicles(supabase: Supabase, businessId: string): Promise<Vehicle[]> {
  const { data, error } = await supabase
    .from('vehicles')
    .select('id, name, seats, depot_geo, active, default_driver_id')
    .eq('business_id', businessId)
    .order('active', { ascending: false })
    .order('name');
  if (error) throw new DataError(`could not list vehicles: ${error.message}`, error.code);
  return data.map((v) => ({
    id: v.id,
    name: v.name,
    seats: v.seats,
    depot: parsePoint(v.depot_geo),
    active: v.active,
    defaultDriverId: v.default_driver_id,
  }));
}

export async function listDrivers(supabase: Supabase, businessId: string): Promise<Driver[]> {
  const { data, error } = await supabase.rpc('list_drivers', { p_business_id: businessId });
  if (error) throw new DataError(`could not list drivers: ${error.message}`, error.code);
  return (data ?? []).map((d) => ({ userId: d.user_id, name: d.name, role: d.role }));
}

/** Where the business's vans start by default: its first depot location. */
export async function defaultDepot(supabase: Supabase, businessId: string): Promise<LatLng | null> {
  const { data, error } = await supabase
    .from('locations')
    .select('geo')
    .eq('business_id', businessId)
    .order('is_depot', { ascending: false })
    .order('created_at')
    .limit(1);
  if (error) throw new DataError(`could not read the depot: ${error.message}`, error.code);
  return data[0] ? parsePoint(data[0].geo) : null;
}

/** Inserts or updates a van; `null` when the row to update is not there (or not the caller's to change). */
export async function saveVehicle(supabase: Supabase, businessId: string, form: VehicleForm): Promise<string | null> {
  const row = {
    name: form.name,
    seats: form.seats,
    depot_geo: toEwkt({ lat: form.depot_lat, lng: form.depot_lng }),
    active: form.active,
    default_driver_id: form.default_driver_id,
  };
  const query = form.id
    ? supabase.from('vehicles').update(row).eq('id', form.id).eq('business_id', businessId)
    : supabase.from('vehicles').insert({ ...row, business_id: businessId });
  const { data, error } = await query.select('id');
  if (error) throw new DataError(`could not save the vehicle: ${error.message}`, error.code);
  return data[0]?.id ?? null;
}

export async function removeVehicle(supabase: Supabase, businessId: string, id: string): Promise<boolean> {
  return changedOwnRow(supabase, 'vehicles', businessId, id, 'delete', 'could not remove the vehicle');
}
