// Finding a pet by name at the front desk, for when its tag is missing or unreadable.
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

// ── A pet's own page: its details, care instructions and photo (appended for the clients/pets pages). ──

