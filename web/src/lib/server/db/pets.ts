// Finding a pet by name at the front desk, for when its tag is missing or unreadable.
import type { PetInput } from '#lib/clients/forms.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface PetMatch {
  id: string;
  name: string;
  breed: string | null;
  clientName: string;
  /** The pet's active tag, which check-in goes through; null when none is registered. */
  tagUid: string | null;
}

/** PostgREST's ilike takes * as its wildcard; escape the user's own wildcards so they match literally. */
function likePattern(text: string): string {
  return `*${text.replace(/[\\%_*]/g, (c) => `\\${c}`)}*`;
}

export async function searchPets(supabase: Supabase, businessId: string, query: string): Promise<PetMatch[]> {
  const { data, error } = await supabase
    .from('pets')
    .select('id, name, breed, client:clients!inner(full_name), pet_tags(uid, active)')
    .eq('business_id', businessId)
    .eq('is_active', true)
    .ilike('name', likePattern(query.trim()))
    .order('name')
    .limit(20);
  if (error) throw new DataError(`could not search pets: ${error.message}`, error.code);
  return data.map((pet) => ({
    id: pet.id,
    name: pet.name,
    breed: pet.breed,
    clientName: pet.client.full_name,
    tagUid: pet.pet_tags.find((t) => t.active)?.uid ?? null,
  }));
}

/** Another active pet of the same family as a pet found, for booking a family together. */
export interface FamilyPet {
  id: string;
  name: string;
  clientId: string;
  clientName: string;
}

/** The active pets of the families the given pets belong to (the given pets included), by family then name. */
export async function familyPets(supabase: Supabase, businessId: string, petIds: string[]): Promise<FamilyPet[]> {
  if (!petIds.length) return [];
  const owners = await supabase.from('pets').select('client_id').eq('business_id', businessId).in('id', petIds);
  if (owners.error) throw new DataError(`could not read pets: ${owners.error.message}`, owners.error.code);
  const clientIds = [...new Set(owners.data.map((p) => p.client_id))];
  const { data, error } = await supabase
    .from('pets')
    .select('id, name, client_id, client:clients!inner(full_name)')
    .eq('business_id', businessId)
    .eq('is_active', true)
    .in('client_id', clientIds)
    .order('name')
    .limit(100);
  if (error) throw new DataError(`could not read family pets: ${error.message}`, error.code);
  return data.map((p) => ({ id: p.id, name: p.name, clientId: p.client_id, clientName: p.client.full_name }));
}

// ── A pet's own page: its details, care instructions and photo (appended for the clients/pets pages). ──

export interface PetProfile {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  sex: string;
  birthDate: string | null;
  weightKg: number | null;
  microchip: string | null;
  feeding: string | null;
  medication: string | null;
  handlingNotes: string | null;
  isActive: boolean;
  photoPath: string | null;
  /** The row's version, which the edit form sends back so a save cannot revert someone else's. */
  updatedAt: string;
  client: { id: string; fullName: string };
}

/** One pet of the business, or null when RLS hides it or it does not exist. */
export async function findPet(supabase: Supabase, businessId: string, petId: string): Promise<PetProfile | null> {
  const { data, error } = await supabase
    .from('pets')
    .select(
      'id, name, species, breed, sex, birth_date, weight_kg, microchip, feeding, medication, handling_notes, is_active, photo_path, updated_at, client:clients!inner(id, full_name)',
    )
    .eq('business_id', businessId)
    .eq('id', petId)
    .maybeSingle();
  if (error) throw new DataError(`could not load pet ${petId}: ${error.message}`, error.code);
  if (!data) return null;
  return {
    id: data.id,
    name: data.name,
    species: data.species,
    breed: data.breed,
    sex: data.sex,
    birthDate: data.birth_date,
    weightKg: data.weight_kg,
    microchip: data.microchip,
    feeding: data.feeding,
    medication: data.medication,
    handlingNotes: data.handling_notes,
    isActive: data.is_active,
    photoPath: data.photo_path,
    updatedAt: data.updated_at,
    client: { id: data.client.id, fullName: data.client.full_name },
  };
}

/**
 * Adds a pet to an existing client with a plain insert: the pets policies decide (staff of the business
 * only, and the client must be the business's own). Returns the new pet's id.
 */
export async function addPet(supabase: Supabase, businessId: string, clientId: string, pet: PetInput): Promise<string> {
  const { data, error } = await supabase
    .from('pets')
    .insert({ ...pet, business_id: businessId, client_id: clientId })
    .select('id')
    .single();
  if (error) throw new DataError(`could not add the pet: ${error.message}`, error.code);
  return data.id;
}

const PHOTO_BUCKET = 'pet-photos';

/**
 * Stores the pet's photo at <business_id>/<pet_id>/photo.<ext> (replacing an earlier one) and records
 * the path on the pet. A photo with another extension from before is removed so only one remains.
 */
export async function savePetPhoto(
  supabase: Supabase,
  businessId: string,
  petId: string,
  file: { bytes: ArrayBuffer; type: string; ext: string },
  previousPath: string | null,
): Promise<string> {
  const path = `${businessId}/${petId}/photo.${file.ext}`;
  const upload = await supabase.storage
    .from(PHOTO_BUCKET)
    .upload(path, file.bytes, { contentType: file.type, upsert: true });
  if (upload.error) throw new DataError(`could not store the photo: ${upload.error.message}`);
  const { error } = await supabase
    .from('pets')
    .update({ photo_path: path })
    .eq('business_id', businessId)
    .eq('id', petId);
  if (error) throw new DataError(`could not record the photo: ${error.message}`, error.code);
  if (previousPath && previousPath !== path) await supabase.storage.from(PHOTO_BUCKET).remove([previousPath]);
  return path;
}

/** A short-lived link to the photo (the bucket is private); null when it cannot be signed. */
export async function petPhotoUrl(supabase: Supabase, path: string, seconds = 600): Promise<string | null> {
  const { data, error } = await supabase.storage.from(PHOTO_BUCKET).createSignedUrl(path, seconds);
  return error ? null : data.signedUrl;
}
