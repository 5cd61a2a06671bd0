// What a pet parent's portal reads. Every query runs as the parent (the request's client), so RLS keeps
// them to their own client rows (private.my_client_ids()) and pets (private.my_pet_ids()); the explicit
// filters below only pick the business the parent is looking at.
import type { BusinessDay } from '#lib/time/zone.ts';
import type { Stay } from '#lib/portal/status.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface PortalLink {
  clientId: string;
  fullName: string;
  business: { id: string; name: string; slug: string; timezone: string };
}

/** The client rows that are this login, one per business, ordered by business name. */
export async function listMyClientLinks(supabase: Supabase, userId: string): Promise<PortalLink[]> {
  const { data, error } = await supabase
    .from('clients')
    .select('id, full_name, business:businesses!inner(id, name, slug, timezone)')
    .eq('user_id', userId)
    .limit(50);
  if (error) throw new DataError(`could not read the parent's client rows: ${error.message}`, error.code);
  return data
    .map((row) => ({ clientId: row.id, fullName: row.full_name, business: row.business }))
    .sort((a, b) => a.business.name.localeCompare(b.business.name));
}

/** Whether the login has any staff or driver seat (such users keep their own landing page). */
export async function hasAnyMembership(supabase: Supabase, userId: string): Promise<boolean> {
  const { count, error } = await supabase
    .from('memberships')
    .select('business_id', { count: 'exact', head: true })
    .eq('user_id', userId);
  if (error) throw new DataError(`could not read memberships: ${error.message}`, error.code);
  return (count ?? 0) > 0;
}

export interface PortalPet {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  photoPath: string | null;
}

export type PortalStay = Stay;

export interface PortalIncident {
  id: string;
  petId: string;
  kind: string;
  description: string;
  occurredAt: string;
}

export async function listMyPets(supabase: Supabase, clientId: string): Promise<PortalPet[]> {
  const { data, error } = await supabase
    .from('pets')
    .select('id, name, species, breed, photo_path')
    .eq('client_id', clientId)
    .eq('is_active', true)
    .order('name')
    .limit(100);
  if (error) throw new DataError(`could not read the parent's pets: ${error.message}`, error.code);
  return data.map((p) => ({ id: p.id, name: p.name, species: p.species, breed: p.breed, photoPath: p.photo_path }));
}

/** The client's bookings overlapping the business day (the home page's "today"). */
export async function listTodaysStays(supabase: Supabase, clientId: string, day: BusinessDay): Promise<PortalStay[]> {
  const { data, error } = await supabase
    .from('bookings')
    .select('id, pet_id, status, starts_at, ends_at, status_changed_at, notes, service:services!inner(name)')
    .eq('client_id', clientId)
    .lt('starts_at', day.end)
    .gt('ends_at', day.start)
    .order('starts_at')
    .limit(200);
  if (error) throw new DataError(`could not read today's bookings: ${error.message}`, error.code);
  return data.map((b) => ({
    bookingId: b.id,
    petId: b.pet_id,
    status: b.status,
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    statusChangedAt: b.status_changed_at,
    serviceName: b.service.name,
    notes: b.notes,
  }));
}

/** Incidents of the day the business has told the parent about (parent_notified_at set). */
export async function listTodaysIncidents(
  supabase: Supabase,
  petIds: string[],
  day: BusinessDay,
): Promise<PortalIncident[]> {
  if (!petIds.length) return [];
  const { data, error } = await supabase
    .from('incidents')
    .select('id, pet_id, kind, description, occurred_at')
    .in('pet_id', petIds)
    .not('parent_notified_at', 'is', null)
    .gte('occurred_at', day.start)
    .lt('occurred_at', day.end)
    .order('occurred_at')
    .limit(100);
  if (error) throw new DataError(`could not read today's incidents: ${error.message}`, error.code);
  return data.map((i) => ({
    id: i.id,
    petId: i.pet_id,
    kind: i.kind,
    description: i.description,
    occurredAt: i.occurred_at,
  }));
}

export interface PortalPetProfile extends PortalPet {
  sex: string;
  birthDate: string | null;
  weightKg: number | null;
  feeding: string | null;
  medication: string | null;
  handlingNotes: string | null;
}

/** One of the client's pets, or null (another parent's pet is invisible under RLS, exactly like none). */
export async function findMyPet(supabase: Supabase, clientId: string, petId: string): Promise<PortalPetProfile | null> {
  const { data, error } = await supabase
    .from('pets')
    .select('id, name, species, breed, sex, birth_date, weight_kg, photo_path, feeding, medication, handling_notes')
    .eq('id', petId)
    .eq('client_id', clientId)
    .maybeSingle();
  if (error) throw new DataError(`could not read pet ${petId}: ${error.message}`, error.code);
  if (!data) return null;
  return {
    id: data.id,
    name: data.name,
    species: data.species,
    breed: data.breed,
    photoPath: data.photo_path,
    sex: data.sex,
    birthDate: data.birth_date,
    weightKg: data.weight_kg,
    feeding: data.feeding,
    medication: data.medication,
    handlingNotes: data.handling_notes,
  };
}

/** The pet's stays, newest first (the pet page's timeline). */
export async function listPetStays(supabase: Supabase, petId: string, limit = 60): Promise<PortalStay[]> {
  const { data, error } = await supabase
    .from('bookings')
    .select('id, pet_id, status, starts_at, ends_at, status_changed_at, notes, service:services!inner(name)')
    .eq('pet_id', petId)
    .order('starts_at', { ascending: false })
    .limit(limit);
  if (error) throw new DataError(`could not read the pet's stays: ${error.message}`, error.code);
  return data.map((b) => ({
    bookingId: b.id,
    petId: b.pet_id,
    status: b.status,
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    statusChangedAt: b.status_changed_at,
    serviceName: b.service.name,
    notes: b.notes,
  }));
}
