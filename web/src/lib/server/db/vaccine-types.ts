// Vaccine types as managers set them up: the global catalogue (read-only) and the business's own, with
// their writes. Row-level security lets only owners and managers write the business's rows; the database
// refuses deleting a type in use, deactivating a service's requirement and duplicate names, each by name.
import type { PostgrestError } from '@supabase/supabase-js';
import { refusalSentence } from '#lib/refusals.ts';
import type { Species, VaccineTypeInput } from '#lib/vaccines/forms.ts';
import type { Supabase } from '../supabase.ts';
import { DataError, refusalSentence as sqlstateSentence } from './errors.ts';

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

export type Saved = { ok: true; id: string } | { ok: false; message: string };

function refused(error: PostgrestError): { ok: false; message: string } {
  const message = refusalSentence(error) ?? sqlstateSentence(error.code, 'The vaccine');
  if (!message) throw new DataError(`could not save the vaccine type: ${error.message}`, error.code);
  return { ok: false, message };
}

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
  if (error) return refused(error);
  return { ok: true, id: data.id };
}

export async function updateVaccineType(
  supabase: Supabase,
  businessId: string,
  id: string,
  input: VaccineTypeInput,
): Promise<Saved> {
  const { data, error } = await supabase
    .from('vaccine_types')
    .update(input)
    .eq('id', id)
    .eq('business_id', businessId)
    .select('id');
  if (error) return refused(error);
  if (!data.length) return { ok: false, message: 'That vaccine is not one of this business’s; reload the page.' };
  return { ok: true, id };
}

/** Deactivating keeps the type for the records that name it; it is no longer required nor offered. */
export async function setVaccineTypeActive(
  supabase: Supabase,
  businessId: string,
  id: string,
  active: boolean,
): Promise<Saved> {
  const { data, error } = await supabase
    .from('vaccine_types')
    .update(active ? { is_active: true } : { is_active: false, required: false })
    .eq('id', id)
    .eq('business_id', businessId)
    .select('id');
  if (error) return refused(error);
  if (!data.length) return { ok: false, message: 'That vaccine is not one of this business’s; reload the page.' };
  return { ok: true, id };
}

/** Only a type nothing names may go; the database refuses the others with a sentence. */
export async function deleteVaccineType(supabase: Supabase, businessId: string, id: string): Promise<Saved> {
  const { data, error } = await supabase
    .from('vaccine_types')
    .delete()
    .eq('id', id)
    .eq('business_id', businessId)
    .select('id');
  if (error) return refused(error);
  if (!data.length) return { ok: false, message: 'That vaccine is not one of this business’s; reload the page.' };
  return { ok: true, id };
}
