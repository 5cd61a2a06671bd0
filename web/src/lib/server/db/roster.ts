// Today's bookings of a business for the roster, and the services' daily limits for its meter.
import type { BusinessDay } from '#lib/scan/day.ts';
import type { RosterEntry, ServiceCapacity } from '#lib/scan/roster.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

/** Bookings overlapping the business day, with the pet, parent and service names the roster shows. */
export async function listTodaysBookings(
  supabase: Supabase,
  businessId: string,
  day: BusinessDay,
): Promise<RosterEntry[]> {
  const { data, error } = await supabase
    .from('bookings')
    .select(
      'id, status, starts_at, ends_at, lodging, pet:pets!inner(id, name, species, breed, client:clients!inner(id, full_name)), service:services!inner(id, name, kind)',
    )
    .eq('business_id', businessId)
    .lt('starts_at', day.end)
    .gt('ends_at', day.start)
    .order('starts_at')
    .limit(1000);
  if (error) throw new DataError(`could not read today's bookings: ${error.message}`, error.code);
  return data.map((row) => ({
    bookingId: row.id,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    lodging: row.lodging,
    pet: { id: row.pet.id, name: row.pet.name, species: row.pet.species, breed: row.pet.breed },
    client: { id: row.pet.client.id, fullName: row.pet.client.full_name },
    service: { id: row.service.id, name: row.service.name, kind: row.service.kind },
  }));
}

export async function listServiceCapacity(supabase: Supabase, businessId: string): Promise<ServiceCapacity[]> {
  const { data, error } = await supabase
    .from('services')
    .select('id, name, daily_capacity')
    .eq('business_id', businessId)
    .eq('is_active', true)
    .order('name');
  if (error) throw new DataError(`could not read services: ${error.message}`, error.code);
  return data.map((s) => ({ id: s.id, name: s.name, dailyCapacity: s.daily_capacity }));
}
