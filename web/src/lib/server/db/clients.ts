// Clients (pet parents) of a business, read and written through the request's client so RLS decides
// what staff may see: another business's client simply is not found.
import type { ClientInput, PetInput } from '#lib/clients/forms.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface ClientHit {
  id: string;
  fullName: string;
  email: string | null;
  phone: string | null;
}

export interface PetHit {
  id: string;
  name: string;
  species: string;
  microchip: string | null;
  clientName: string;
  isActive: boolean;
}

export interface DirectoryHits {
  clients: ClientHit[];
  pets: PetHit[];
}

/**
 * The desk's search: clients by name, e-mail or phone, pets by name or microchip, all case-insensitive
 * substring matches (the trigram indexes serve them). `term` must already be cleaned by searchTerm().
 */
export async function searchDirectory(supabase: Supabase, businessId: string, term: string): Promise<DirectoryHits> {
  const like = `*${term}*`;
  const [clients, pets] = await Promise.all([
    supabase
      .from('clients')
      .select('id, full_name, email, phone')
      .eq('business_id', businessId)
      .or(`full_name.ilike.${like},email.ilike.${like},phone.ilike.${like}`)
      .order('full_name')
      .limit(20),
    supabase
      .from('pets')
      .select('id, name, species, microchip, is_active, client:clients!inner(full_name)')
      .eq('business_id', businessId)
      .or(`name.ilike.${like},microchip.ilike.${like}`)
      .order('name')
      .limit(20),
  ]);
  if (clients.error) throw new DataError(`could not search clients: ${clients.error.message}`, clients.error.code);
  if (pets.error) throw new DataError(`could not search pets: ${pets.error.message}`, pets.error.code);
  return {
    clients: clients.data.map((c) => ({ id: c.id, fullName: c.full_name, email: c.email, phone: c.phone })),
    pets: pets.data.map((p) => ({
      id: p.id,
      name: p.name,
      species: p.species,
      microchip: p.microchip,
      clientName: p.client.full_name,
      isActive: p.is_active,
    })),
  };
}

/** Creates the client and all their pets in one transaction (the rpc); returns the new client's id. */
export async function createClientWithPets(
  supabase: Supabase,
  businessId: string,
  client: ClientInput,
  pets: PetInput[],
): Promise<string> {
  const { data, error } = await supabase.rpc('create_client_with_pets', {
    p_business_id: businessId,
    p_client: client,
    p_pets: pets,
  });
  if (error) throw new DataError(`could not create the client: ${error.message}`, error.code);
  const id = (data as { client?: { id?: unknown } } | null)?.client?.id;
  if (typeof id !== 'string') throw new DataError('the new client came back without an id');
  return id;
}

export interface ClientPet {
  id: string;
  name: string;
  species: string;
  breed: string | null;
  isActive: boolean;
}

export interface ClientRecord extends Omit<ClientInput, never> {
  id: string;
  hasPortalLogin: boolean;
  /** The row's version, which an edit form sends back so a save cannot revert someone else's. */
  updatedAt: string;
  pets: ClientPet[];
}

/** One client of the business with their pets, or null when RLS hides it or it does not exist. */
export async function findClient(
  supabase: Supabase,
  businessId: string,
  clientId: string,
): Promise<ClientRecord | null> {
  const { data, error } = await supabase
    .from('clients')
    .select(
      'id, full_name, email, phone, address, consent_marketing, consent_sms, consent_photos, user_id, updated_at, pets(id, name, species, breed, is_active)',
    )
    .eq('business_id', businessId)
    .eq('id', clientId)
    .order('name', { referencedTable: 'pets' })
    .maybeSingle();
  if (error) throw new DataError(`could not load client ${clientId}: ${error.message}`, error.code);
  if (!data) return null;
  return {
    id: data.id,
    full_name: data.full_name,
    email: data.email,
    phone: data.phone,
    address: data.address,
    consent_marketing: data.consent_marketing,
    consent_sms: data.consent_sms,
    consent_photos: data.consent_photos,
    hasPortalLogin: data.user_id !== null,
    updatedAt: data.updated_at,
    pets: data.pets.map((p) => ({ id: p.id, name: p.name, species: p.species, breed: p.breed, isActive: p.is_active })),
  };
}
