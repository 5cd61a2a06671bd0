// Vaccine types as managers set them up: the global catalogue (read-only) and the business's own, with
// their writes. Row-level security lets only owners and managers write the business's rows; the database
// refuses deleting a type in use, deactivating a service's requirement and duplicate names, each by name.
import type { Species, VaccineTypeInput } from '#lib/vaccines/forms.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import { refused, saveOwnRow, type Saved } from './own-row.ts';

export type { Saved };

export interface VaccineTypeRow {
  id: string;
  name: string;
  species: Species;
  validDays: number;
  required: boolean;
  isActive: boolean;
  global: boolean;
  /** Services of the business that require it (by name). */
  requiredBy: string[];
}

const say = { what: 'The vaccine', gone: 'That vaccine is not one of this business’s; reload the page.' };

/** The catalogue's rows and the business's, each with the business's services that require it. */
export async function listVaccineTypes(supabase: Supabase, businessId: string): Promise<VaccineTypeRow[]> {
  const [types, services] = await Promise.all([
    supabase
      .from('vaccine_types')
      .select('id, business_id, name, species, valid_days, required, is_active')
      .or(`business_id.is.null,business_id.eq.${businessId}`)
      .order('species')
      .order('name'),
    supabase
      .from('services')
      .select('name, required_vaccine_type_ids, is_active')
      .eq('business_id', businessId)
      .order('name'),
  ]);
  for (const r of [types, services])
    if (r.error) throw new DataError(`could not list vaccine types: ${r.error.message}`, r.error.code);
  return (types.data ?? []).map((t) => ({
    id: t.id,
    name: t.name,
    species: t.species as Species,
    validDays: t.valid_days,
    required: t.required,
    isActive: t.is_active,
    global: t.business_id === null,
    requiredBy: (services.data ?? [])
      .filter((s) => s.is_active && s.required_vaccine_type_ids.includes(t.id))
      .map((s) => s.name),
  }));
}

export async function createVaccineType(
  supabase: Supabase,
  businessId: string,
  input: VaccineTypeInput,
): Promise<Saved> {
  const { data, error } = await supabase
    .from('vaccine_types')
    .insert({ business_id: businessId, ...input })
    .select('id')
    .single();
  if (error) return refused(error, say.what);
  return { ok: true, id: data.id };
}

export async function updateVaccineType(
  supabase: Supabase,
  businessId: string,
  id: string,
  input: VaccineTypeInput,
): Promise<Saved> {
  return saveOwnRow(supabase, 'vaccine_types', businessId, id, input, say);
}

/** Deactivating keeps the type for the records that name it; it is no longer required nor offered. */
export async function setVaccineTypeActive(
  supabase: Supabase,
  businessId: string,
  id: string,
  active: boolean,
): Promise<Saved> {
  const change = active ? { is_active: true } : { is_active: false, required: false };
  return saveOwnRow(supabase, 'vaccine_types', businessId, id, change, say);
}

/** Only a type nothing names may go; the database refuses the others with a sentence. */
export async function deleteVaccineType(supabase: Supabase, businessId: string, id: string): Promise<Saved> {
  return saveOwnRow(supabase, 'vaccine_types', businessId, id, 'delete', say);
}
