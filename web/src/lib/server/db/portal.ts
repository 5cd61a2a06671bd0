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
    .limit(200);
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

export interface BookableService {
  id: string;
  name: string;
  kind: string;
  durationMinutes: number | null;
}

/** Services the business takes requests for online. */
export async function listBookableServices(supabase: Supabase, businessId: string): Promise<BookableService[]> {
  const { data, error } = await supabase
    .from('services')
    .select('id, name, kind, duration_minutes')
    .eq('business_id', businessId)
    .eq('is_active', true)
    .eq('bookable_online', true)
    .order('name');
  if (error) throw new DataError(`could not read bookable services: ${error.message}`, error.code);
  return data.map((s) => ({ id: s.id, name: s.name, kind: s.kind, durationMinutes: s.duration_minutes }));
}

export async function businessSettings(supabase: Supabase, businessId: string): Promise<unknown> {
  const { data, error } = await supabase.from('businesses').select('settings').eq('id', businessId).maybeSingle();
  if (error) throw new DataError(`could not read the business's settings: ${error.message}`, error.code);
  return data?.settings ?? {};
}

export interface PortalBooking extends PortalStay {
  petName: string;
}

/** The client's bookings: upcoming (not yet ended) soonest first, and the last 30 past ones. */
export async function listMyBookings(
  supabase: Supabase,
  clientId: string,
  now: Date = new Date(),
): Promise<{ upcoming: PortalBooking[]; past: PortalBooking[] }> {
  const columns =
    'id, pet_id, status, starts_at, ends_at, status_changed_at, notes, service:services!inner(name), pet:pets!inner(name)';
  const [upcoming, past] = await Promise.all([
    supabase
      .from('bookings')
      .select(columns)
      .eq('client_id', clientId)
      .gte('ends_at', now.toISOString())
      .order('starts_at')
      .limit(100),
    supabase
      .from('bookings')
      .select(columns)
      .eq('client_id', clientId)
      .lt('ends_at', now.toISOString())
      .order('starts_at', { ascending: false })
      .limit(30),
  ]);
  const failed = upcoming.error ?? past.error;
  if (failed) throw new DataError(`could not read the bookings: ${failed.message}`, failed.code);
  const shape = (b: NonNullable<typeof upcoming.data>[number]): PortalBooking => ({
    bookingId: b.id,
    petId: b.pet_id,
    petName: b.pet.name,
    status: b.status,
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    statusChangedAt: b.status_changed_at,
    serviceName: b.service.name,
    notes: b.notes,
  });
  return { upcoming: (upcoming.data ?? []).map(shape), past: (past.data ?? []).map(shape) };
}

export type RpcAnswer<T> =
  { ok: true; value: T } | { ok: false; refusal: { code?: string; hint?: string | null; details?: string | null } };

/** A parent's booking request through book_service (capacity, hours and the vaccine gate apply there). */
export async function requestBooking(
  supabase: Supabase,
  input: { serviceId: string; petId: string; startsAt: string; endsAt: string | null },
): Promise<RpcAnswer<{ status: string }>> {
  const { data, error } = await supabase.rpc('book_service', {
    p_service_id: input.serviceId,
    p_pet_id: input.petId,
    p_starts_at: input.startsAt,
    p_ends_at: input.endsAt ?? undefined,
  });
  if (!error) return { ok: true, value: { status: data.status } };
  if (error.hint || error.code === 'PT404' || error.code === '42501')
    return { ok: false, refusal: { code: error.code, hint: error.hint, details: error.details } };
  throw new DataError(`could not request the booking: ${error.message}`, error.code);
}

export async function cancelMyBooking(supabase: Supabase, bookingId: string): Promise<RpcAnswer<null>> {
  const { error } = await supabase.rpc('cancel_booking', {
    p_booking_id: bookingId,
    p_reason: 'Cancelled by the parent in the portal',
  });
  if (!error) return { ok: true, value: null };
  if (error.hint) return { ok: false, refusal: { code: error.code, hint: error.hint, details: error.details } };
  throw new DataError(`could not cancel the booking: ${error.message}`, error.code);
}

export interface PetVaccine {
  vaccineTypeId: string;
  name: string;
  status: 'valid' | 'missing' | 'expired' | 'expires_during_stay';
  expiresOn: string | null;
}

/** The pet's required vaccines and their standing today (public.pet_vaccine_status, as the parent). */
export async function petVaccines(supabase: Supabase, petId: string): Promise<PetVaccine[]> {
  const { data, error } = await supabase.rpc('pet_vaccine_status', { p_pet_id: petId });
  if (error) throw new DataError(`could not read the pet's vaccines: ${error.message}`, error.code);
  const list = Array.isArray(data) ? (data as Array<Record<string, unknown>>) : [];
  return list.map((v) => ({
    vaccineTypeId: String(v.vaccine_type_id),
    name: String(v.name),
    status: v.status as PetVaccine['status'],
    expiresOn: typeof v.expires_on === 'string' ? v.expires_on : null,
  }));
}

export interface PendingUpload {
  id: string;
  name: string;
  expiresOn: string;
  createdAt: string;
  rejectionReason: string | null;
}

/** The parent's own certificate uploads not yet verified (waiting, or refused with a reason). */
export async function pendingUploads(supabase: Supabase, petId: string): Promise<PendingUpload[]> {
  const { data, error } = await supabase
    .from('vaccinations')
    .select('id, expires_on, created_at, rejection_reason, vaccine_type:vaccine_types!inner(name)')
    .eq('pet_id', petId)
    .eq('source', 'parent')
    .is('verified_at', null)
    .order('created_at', { ascending: false })
    .limit(20);
  if (error) throw new DataError(`could not read uploads: ${error.message}`, error.code);
  return data.map((v) => ({
    id: v.id,
    name: v.vaccine_type.name,
    expiresOn: v.expires_on,
    createdAt: v.created_at,
    rejectionReason: v.rejection_reason,
  }));
}

/** A parent's certificate: the file in `documents`, then a vaccinations row for the staff review queue. */
export async function submitCertificate(
  supabase: Supabase,
  input: {
    businessId: string;
    petId: string;
    vaccineTypeId: string;
    administeredOn: string;
    expiresOn: string;
    file: File;
  },
): Promise<void> {
  const ext = {
    'application/pdf': 'pdf',
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/webp': 'webp',
    'image/heic': 'heic',
  }[input.file.type];
  const path = `${input.businessId}/${input.petId}/vaccinations/${crypto.randomUUID()}.${ext ?? 'bin'}`;
  const stored = await supabase.storage
    .from('documents')
    .upload(path, input.file, { contentType: input.file.type, upsert: false });
  if (stored.error) throw new DataError(`could not store the certificate: ${stored.error.message}`);
  const { error } = await supabase.from('vaccinations').insert({
    business_id: input.businessId,
    pet_id: input.petId,
    vaccine_type_id: input.vaccineTypeId,
    administered_on: input.administeredOn,
    expires_on: input.expiresOn,
    source: 'parent',
    document_path: path,
  });
  if (error) {
    await supabase.storage.from('documents').remove([path]);
    throw new DataError(`could not submit the certificate: ${error.message}`, error.code);
  }
}
