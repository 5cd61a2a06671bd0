// Vaccinations of a business's pets: the per-pet list, recording one, the catalogue to choose from, and the
// review queue of parents' uploads (verify, or refuse with a reason).
import type { VaccinationSource } from '#lib/enums.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface VaccineType {
  id: string;
  name: string;
  species: string;
  validDays: number;
  required: boolean;
}

export interface Vaccination {
  id: string;
  petId: string;
  vaccineTypeId: string;
  vaccine: string;
  administeredOn: string;
  expiresOn: string;
  batch: string | null;
  documentPath: string | null;
  source: VaccinationSource;
  verifiedAt: string | null;
  rejectedAt: string | null;
  rejectionReason: string | null;
  createdAt: string;
  /** The version an edit form is opened with (issue 10, defect 5). */
  updatedAt: string;
}

export interface QueuedVaccination extends Vaccination {
  pet: { id: string; name: string };
  clientName: string;
}

export interface NewVaccination {
  businessId: string;
  petId: string;
  vaccineTypeId: string;
  administeredOn: string;
  expiresOn: string;
  batch: string | null;
  documentPath: string | null;
}

const COLUMNS =
  'id, pet_id, vaccine_type_id, administered_on, expires_on, batch, document_path, source, verified_at, rejected_at, rejection_reason, created_at, updated_at, vaccine:vaccine_types!inner(name)';

type Row = {
  id: string;
  pet_id: string;
  vaccine_type_id: string;
  administered_on: string;
  expires_on: string;
  batch: string | null;
  document_path: string | null;
  source: Vaccination['source'];
  verified_at: string | null;
  rejected_at: string | null;
  rejection_reason: string | null;
  created_at: string;
  updated_at: string;
  vaccine: { name: string };
};

function toVaccination(row: Row): Vaccination {
  return {
    id: row.id,
    petId: row.pet_id,
    vaccineTypeId: row.vaccine_type_id,
    vaccine: row.vaccine.name,
    administeredOn: row.administered_on,
    expiresOn: row.expires_on,
    batch: row.batch,
    documentPath: row.document_path,
    source: row.source,
    verifiedAt: row.verified_at,
    rejectedAt: row.rejected_at,
    rejectionReason: row.rejection_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The catalogue a business may use for a species: its own types and the global ones. */
export async function listVaccineTypes(
  supabase: Supabase,
  businessId: string,
  species: string,
): Promise<VaccineType[]> {
  const { data, error } = await supabase
    .from('vaccine_types')
    .select('id, name, species, valid_days, required')
    .or(`business_id.is.null,business_id.eq.${businessId}`)
    .eq('species', species)
    .order('name');
  if (error) throw new DataError(`could not read vaccine types: ${error.message}`, error.code);
  return data.map((t) => ({
    id: t.id,
    name: t.name,
    species: t.species,
    validDays: t.valid_days,
    required: t.required,
  }));
}

export async function listPetVaccinations(
  supabase: Supabase,
  businessId: string,
  petId: string,
): Promise<Vaccination[]> {
  const { data, error } = await supabase
    .from('vaccinations')
    .select(COLUMNS)
    .eq('business_id', businessId)
    .eq('pet_id', petId)
    .order('expires_on', { ascending: false });
  if (error) throw new DataError(`could not read vaccinations: ${error.message}`, error.code);
  return data.map(toVaccination);
}

/** Records a vaccination given or seen by staff (so it is trusted: source staff). */
export async function recordVaccination(supabase: Supabase, input: NewVaccination): Promise<string> {
  const { data, error } = await supabase
    .from('vaccinations')
    .insert({
      business_id: input.businessId,
      pet_id: input.petId,
      vaccine_type_id: input.vaccineTypeId,
      administered_on: input.administeredOn,
      expires_on: input.expiresOn,
      batch: input.batch,
      document_path: input.documentPath,
      source: 'staff',
    })
    .select('id')
    .single();
  if (error) throw new DataError(`could not record the vaccination: ${error.message}`, error.code);
  return data.id;
}

/** Parents' uploads nobody has verified or refused yet, oldest first. */
export async function listReviewQueue(supabase: Supabase, businessId: string): Promise<QueuedVaccination[]> {
  const { data, error } = await supabase
    .from('vaccinations')
    .select(`${COLUMNS}, pet:pets!inner(id, name, client:clients!inner(full_name))`)
    .eq('business_id', businessId)
    .eq('source', 'parent')
    .is('verified_at', null)
    .is('rejected_at', null)
    .order('created_at')
    .limit(200);
  if (error) throw new DataError(`could not read the review queue: ${error.message}`, error.code);
  return data.map((row) => ({
    ...toVaccination(row),
    pet: { id: row.pet.id, name: row.pet.name },
    clientName: row.pet.client.full_name,
  }));
}

export type ReviewOutcome = 'done' | 'gone';

/**
 * Verifies a queued upload. Only a still-pending parent upload of this business changes; 'gone' means
 * someone else reviewed it first (or it never was in this queue).
 */
export async function verifyVaccination(
  supabase: Supabase,
  businessId: string,
  id: string,
  userId: string,
): Promise<ReviewOutcome> {
  const { data, error } = await supabase
    .from('vaccinations')
    .update({ verified_by: userId, verified_at: new Date().toISOString() })
    .eq('id', id)
    .eq('business_id', businessId)
    .eq('source', 'parent')
    .is('verified_at', null)
    .is('rejected_at', null)
    .select('id');
  if (error) throw new DataError(`could not verify the vaccination: ${error.message}`, error.code);
  return data.length ? 'done' : 'gone';
}

/** Refuses a queued upload with the reason the parent will read. */
export async function rejectVaccination(
  supabase: Supabase,
  businessId: string,
  id: string,
  userId: string,
  reason: string,
): Promise<ReviewOutcome> {
  const { data, error } = await supabase
    .from('vaccinations')
    .update({ rejected_by: userId, rejected_at: new Date().toISOString(), rejection_reason: reason })
    .eq('id', id)
    .eq('business_id', businessId)
    .eq('source', 'parent')
    .is('verified_at', null)
    .is('rejected_at', null)
    .select('id');
  if (error) throw new DataError(`could not refuse the vaccination: ${error.message}`, error.code);
  return data.length ? 'done' : 'gone';
}
