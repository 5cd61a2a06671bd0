// Services as managers set them up: every service of the business (inactive ones too), the locations and
// vaccine types a service may name, and the writes. Row-level security lets only managers write; the
// database refuses a capacity below a coming day's bookings with a named refusal.
import type { ServiceInput, ServiceKind } from '#lib/services/forms.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import { refused, saveOwnRow, type Saved } from './own-row.ts';

export type { Saved };

export interface ServiceRow {
  id: string;
  kind: ServiceKind;
  name: string;
  locationId: string | null;
  durationMinutes: number | null;
  priceCents: number;
  dailyCapacity: number | null;
  requiredVaccineTypeIds: string[];
  isActive: boolean;
  bookableOnline: boolean;
}

export interface Choice {
  id: string;
  name: string;
}

export interface VaccineChoice extends Choice {
  species: string;
}

const say = { what: 'The service', gone: 'That service no longer exists; reload the page.' };

export async function listServices(supabase: Supabase, businessId: string): Promise<ServiceRow[]> {
  const { data, error } = await supabase
    .from('services')
    .select(
      'id, kind, name, location_id, duration_minutes, price_cents, daily_capacity, required_vaccine_type_ids, is_active, bookable_online',
    )
    .eq('business_id', businessId)
    .order('is_active', { ascending: false })
    .order('kind')
    .order('name');
  if (error) throw new DataError(`could not list services: ${error.message}`, error.code);
  return data.map((s) => ({
    id: s.id,
    kind: s.kind,
    name: s.name,
    locationId: s.location_id,
    durationMinutes: s.duration_minutes,
    priceCents: s.price_cents,
    dailyCapacity: s.daily_capacity,
    requiredVaccineTypeIds: s.required_vaccine_type_ids,
    isActive: s.is_active,
    bookableOnline: s.bookable_online,
  }));
}

/** What the form offers: the business's locations, its vaccine types and the global ones. */
export async function serviceChoices(
  supabase: Supabase,
  businessId: string,
): Promise<{ locations: Choice[]; vaccines: VaccineChoice[] }> {
  const [locations, vaccines] = await Promise.all([
    supabase.from('locations').select('id, name').eq('business_id', businessId).order('name'),
    supabase
      .from('vaccine_types')
      .select('id, name, species')
      .or(`business_id.is.null,business_id.eq.${businessId}`)
      // a deactivated vaccine type is no longer offered as a requirement
      .eq('is_active', true)
      .order('species')
      .order('name'),
  ]);
  for (const r of [locations, vaccines])
    if (r.error) throw new DataError(`could not read the service form's choices: ${r.error.message}`, r.error.code);
  return { locations: locations.data ?? [], vaccines: vaccines.data ?? [] };
}

function row(input: ServiceInput) {
  return {
    kind: input.kind,
    name: input.name,
    location_id: input.location_id,
    duration_minutes: input.duration_minutes,
    price_cents: input.price,
    daily_capacity: input.daily_capacity,
    required_vaccine_type_ids: input.required_vaccine_type_ids,
    bookable_online: input.bookable_online,
  };
}

export async function createService(supabase: Supabase, businessId: string, input: ServiceInput): Promise<Saved> {
  const { data, error } = await supabase
    .from('services')
    .insert({ business_id: businessId, ...row(input) })
    .select('id')
    .single();
  if (error) return refused(error, say.what);
  return { ok: true, id: data.id };
}

export async function updateService(
  supabase: Supabase,
  businessId: string,
  id: string,
  input: ServiceInput,
): Promise<Saved> {
  return saveOwnRow(supabase, 'services', businessId, id, row(input), say);
}

/** Deactivating keeps the service and its bookings; it is no longer offered for new ones. */
export async function setServiceActive(
  supabase: Supabase,
  businessId: string,
  id: string,
  active: boolean,
): Promise<Saved> {
  return saveOwnRow(supabase, 'services', businessId, id, { is_active: active }, say);
}
