// The pets the health pages are about, read through the request's client: a pet of another business (or
// one that does not exist) is simply not found, which the routes turn into a 404.
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface HealthPet {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  medication: string | null;
  clientName: string;
}

const COLUMNS = 'id, name, species, breed, medication, client:clients!inner(full_name)';

type Row = {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  medication: string | null;
  client: { full_name: string };
};

function toPet(row: Row): HealthPet {
  return {
    id: row.id,
    name: row.name,
    species: row.species,
    breed: row.breed,
    medication: row.medication,
    clientName: row.client.full_name,
  };
}

export async function findHealthPet(supabase: Supabase, businessId: string, petId: string): Promise<HealthPet | null> {
  const { data, error } = await supabase
    .from('pets')
    .select(COLUMNS)
    .eq('business_id', businessId)
    .eq('id', petId)
    .maybeSingle();
  if (error) throw new DataError(`could not read the pet: ${error.message}`, error.code);
  return data ? toPet(data) : null;
}

/** Active pets of the business by name, for choosing whose health record to open or report on. */
export async function listActivePets(supabase: Supabase, businessId: string): Promise<HealthPet[]> {
  const { data, error } = await supabase
    .from('pets')
    .select(COLUMNS)
    .eq('business_id', businessId)
    .eq('is_active', true)
    .order('name')
    .limit(1000);
  if (error) throw new DataError(`could not read pets: ${error.message}`, error.code);
  return data.map(toPet);
}
