// Today's bookings of a business for the roster, and the services' daily limits for its meter.
import type { BusinessDay } from '#lib/scan/day.ts';
import type { SiteHours } from '#lib/scan/late.ts';
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
      'id, status, starts_at, ends_at, lodging, pet:pets!inner(id, name, species, breed, medication, medical_records(kind, title), client:clients!inner(id, full_name)), service:services!inner(id, name, kind)',
    )
    .eq('business_id', businessId)
    .lt('starts_at', day.end)
    .gt('ends_at', day.start)
    .order('starts_at')
    .limit(1000);
  if (error) throw new DataError(`could not read today's bookings: ${error.message}`, error.code);
  // A first visit: the pet has never been checked out here before today.
  const petIds = [...new Set(data.map((row) => row.pet.id))];
  const visited = new Set<string>();
  if (petIds.length) {
    const earlier = await supabase
      .from('bookings')
      .select('pet_id')
      .eq('business_id', businessId)
      .eq('status', 'checked_out')
      .lt('starts_at', day.start)
      .in('pet_id', petIds)
      .limit(5000);
    if (earlier.error)
      throw new DataError(`could not read earlier visits: ${earlier.error.message}`, earlier.error.code);
    for (const row of earlier.data) visited.add(row.pet_id);
  }
  return data.map((row) => ({
    bookingId: row.id,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    lodging: row.lodging,
    pet: { id: row.pet.id, name: row.pet.name, species: row.pet.species, breed: row.pet.breed },
    client: { id: row.pet.client.id, fullName: row.pet.client.full_name },
    alerts: {
      allergies: row.pet.medical_records.filter((m) => m.kind === 'allergy').map((m) => m.title),
      medication: row.pet.medication,
      firstVisit: !visited.has(row.pet.id),
    },
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

/** The business's sites with their weekly hours, and where each service is kept (for late pick-ups). */
export async function siteHours(
  supabase: Supabase,
  businessId: string,
): Promise<{ sites: SiteHours[]; serviceLocation: Record<string, string | null> }> {
  const [locations, services] = await Promise.all([
    supabase
      .from('locations')
      .select('id, is_active, opening_hours(weekday, opens, closes)')
      .eq('business_id', businessId),
    supabase.from('services').select('id, location_id').eq('business_id', businessId),
  ]);
  if (locations.error) throw new DataError(`could not read sites: ${locations.error.message}`, locations.error.code);
  if (services.error) throw new DataError(`could not read services: ${services.error.message}`, services.error.code);
  return {
    sites: locations.data.map((l) => ({ id: l.id, isActive: l.is_active, hours: l.opening_hours })),
    serviceLocation: Object.fromEntries(services.data.map((s) => [s.id, s.location_id])),
  };
}
