// Onboarding and settings: create a business (create_business), check a slug, edit the profile, locations,
// their weekly hours (set_opening_hours) and closures. Writes go through the request's client, so row-level
// security and the rpcs' own checks decide; refusals come back with their hint for refusals.ts.
import type { Database, Json } from '#lib/database.types.ts';
import type { DayHours } from '#lib/onboarding/forms.ts';
import type { SiteDay } from '#lib/onboarding/hours.ts';
import type { Refusal } from '#lib/refusals.ts';
import type { Supabase } from '../supabase.ts';
import { settingsCurrency } from './businesses.ts';
import { DataError } from './errors.ts';

type LocationRow = Database['public']['Tables']['locations']['Row'];

export type Write<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

interface PgError {
  code: string;
  hint?: string | null;
  details?: string | null;
  message: string;
}

function refused(error: PgError): { ok: false; refusal: Refusal } {
  return { ok: false, refusal: { code: error.code, hint: error.hint ?? null, details: error.details ?? null } };
}

export interface NewBusiness {
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  location_name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

/** Business, owner membership and first location in one transaction (the rpc), or the refusal. */
export async function createBusiness(supabase: Supabase, input: NewBusiness): Promise<Write<{ slug: string }>> {
  const { data, error } = await supabase.rpc('create_business', {
    p_name: input.name,
    p_slug: input.slug,
    p_timezone: input.timezone,
    p_currency: input.currency,
    p_location_name: input.location_name,
    p_location_address: input.address,
    // the generated types make every rpc argument required; null is what the rpc defaults to
    p_latitude: input.latitude as number,
    p_longitude: input.longitude as number,
  });
  if (error) return refused(error);
  return { ok: true, value: { slug: data.slug } };
}

export async function slugAvailable(supabase: Supabase, slug: string): Promise<boolean> {
  const { data, error } = await supabase.rpc('business_slug_available', { p_slug: slug });
  if (error) throw new DataError(`could not check slug: ${error.message}`, error.code);
  return data;
}

export interface BusinessProfile {
  name: string;
  timezone: string;
  currency: string | null;
}

export async function readProfile(supabase: Supabase, businessId: string): Promise<BusinessProfile> {
  const { data, error } = await supabase
    .from('businesses')
    .select('name, timezone, settings')
    .eq('id', businessId)
    .single();
  if (error) throw new DataError(`could not read business: ${error.message}`, error.code);
  return { name: data.name, timezone: data.timezone, currency: settingsCurrency(data.settings) };
}

/** Name, zone and currency; other settings keys are kept. Owners only (row-level security). */
export async function saveProfile(
  supabase: Supabase,
  businessId: string,
  profile: BusinessProfile,
): Promise<Write<null>> {
  const { data: current, error: readError } = await supabase
    .from('businesses')
    .select('settings')
    .eq('id', businessId)
    .single();
  if (readError) throw new DataError(`could not read business: ${readError.message}`, readError.code);
  const settings = { ...((current.settings ?? {}) as Record<string, Json>), currency: profile.currency };
  const { data, error } = await supabase
    .from('businesses')
    .update({ name: profile.name, timezone: profile.timezone, settings })
    .eq('id', businessId)
    .select('id');
  if (error) return refused(error);
  if (!data.length) return { ok: false, refusal: { code: '42501', hint: 'owner_role_owners_only' } };
  return { ok: true, value: null };
}

export interface Location {
  id: string;
  name: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  isActive: boolean;
  hours: DayHours[];
  closures: { id: string; on_date: string; reason: string }[];
}

/**
 * The coordinates of a geography point as PostgREST returns it: hex EWKB ("0101000020E6100000" + x + y,
 * either byte order), or GeoJSON where the server casts to JSON. Nulls for anything else.
 */
export function coordinates(geo: unknown): { latitude: number | null; longitude: number | null } {
  const none = { latitude: null, longitude: null };
  if (geo && typeof geo === 'object' && 'coordinates' in geo) {
    const [lng, lat] = (geo as { coordinates: [number, number] }).coordinates;
    return { latitude: lat, longitude: lng };
  }
  if (typeof geo !== 'string' || !/^[0-9a-fA-F]+$/.test(geo) || geo.length < 42) return none;
  const bytes = new Uint8Array(geo.match(/../g)!.map((pair) => parseInt(pair, 16)));
  const view = new DataView(bytes.buffer);
  const little = bytes[0] === 1;
  const type = view.getUint32(1, little);
  if ((type & 0xff) !== 1) return none; // not a point
  const offset = type & 0x20000000 ? 9 : 5; // skip the SRID when present
  if (bytes.length < offset + 16) return none;
  return { longitude: view.getFloat64(offset, little), latitude: view.getFloat64(offset + 8, little) };
}

const hhmm = (value: string | null): string | null => (value === null ? null : value.slice(0, 5));

export async function listLocations(supabase: Supabase, businessId: string): Promise<Location[]> {
  const { data, error } = await supabase
    .from('locations')
    .select('id, name, address, geo, is_active, opening_hours(weekday, opens, closes), closures(id, on_date, reason)')
    .eq('business_id', businessId)
    .order('is_active', { ascending: false })
    .order('name');
  if (error) throw new DataError(`could not list locations: ${error.message}`, error.code);
  return data.map((row) => ({
    id: row.id,
    name: row.name,
    address: row.address,
    ...coordinates(row.geo),
    isActive: row.is_active,
    hours: row.opening_hours
      .map((h) => ({ weekday: h.weekday, opens: hhmm(h.opens), closes: hhmm(h.closes) }))
      .sort((a, b) => a.weekday - b.weekday),
    closures: [...row.closures].sort((a, b) => a.on_date.localeCompare(b.on_date)),
  }));
}

export interface PlaceInput {
  location_name: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
}

function placeRow(input: PlaceInput): Pick<LocationRow, 'name' | 'address'> & { geo: string | null } {
  return {
    name: input.location_name,
    address: input.address || null,
    geo:
      input.latitude === null || input.longitude === null
        ? null
        : `SRID=4326;POINT(${input.longitude} ${input.latitude})`,
  };
}

export async function addLocation(supabase: Supabase, businessId: string, input: PlaceInput): Promise<Write<string>> {
  const { data, error } = await supabase
    .from('locations')
    .insert({ business_id: businessId, ...placeRow(input) })
    .select('id')
    .single();
  if (error) return refused(error);
  return { ok: true, value: data.id };
}

export async function editLocation(
  supabase: Supabase,
  businessId: string,
  locationId: string,
  input: PlaceInput,
): Promise<Write<null>> {
  const { error } = await supabase
    .from('locations')
    .update(placeRow(input))
    .eq('id', locationId)
    .eq('business_id', businessId);
  if (error) return refused(error);
  return { ok: true, value: null };
}

export async function setLocationActive(
  supabase: Supabase,
  businessId: string,
  locationId: string,
  active: boolean,
): Promise<Write<null>> {
  const { error } = await supabase
    .from('locations')
    .update({ is_active: active })
    .eq('id', locationId)
    .eq('business_id', businessId);
  if (error) return refused(error);
  return { ok: true, value: null };
}

export async function setHours(supabase: Supabase, locationId: string, hours: DayHours[]): Promise<Write<null>> {
  const { error } = await supabase.rpc('set_opening_hours', {
    p_location_id: locationId,
    p_hours: hours as unknown as Json,
  });
  if (error) return refused(error);
  return { ok: true, value: null };
}

export async function addClosure(
  supabase: Supabase,
  businessId: string,
  locationId: string,
  closure: { on_date: string; reason: string },
): Promise<Write<null>> {
  const { error } = await supabase
    .from('closures')
    .insert({ business_id: businessId, location_id: locationId, ...closure });
  if (error) {
    if (error.code === '23505') return { ok: false, refusal: { code: '23505', hint: 'closure_exists' } };
    return refused(error);
  }
  return { ok: true, value: null };
}

export async function removeClosure(supabase: Supabase, businessId: string, closureId: string): Promise<Write<null>> {
  const { error } = await supabase.from('closures').delete().eq('id', closureId).eq('business_id', businessId);
  if (error) return refused(error);
  return { ok: true, value: null };
}

/** The active sites with their hours and closures, for the day's hours line (roster, bookings). */
export async function activeSiteDays(supabase: Supabase, businessId: string): Promise<SiteDay[]> {
  const { data, error } = await supabase
    .from('locations')
    .select('name, opening_hours(weekday, opens, closes), closures(on_date, reason)')
    .eq('business_id', businessId)
    .eq('is_active', true)
    .order('name');
  if (error) throw new DataError(`could not read opening hours: ${error.message}`, error.code);
  return data.map((row) => ({ name: row.name, hours: row.opening_hours, closures: row.closures }));
}
