// The medication log: who gave which pet what, and when. Doses are recorded as the signed-in user
// (given_by) at the moment of recording (given_at), both filled by the database's defaults.
import type { BusinessDay } from '#lib/scan/day.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface Dose {
  id: string;
  petId: string;
  petName: string;
  medication: string;
  dose: string;
  givenAt: string;
  givenBy: string | null;
}

export interface CheckedInPet {
  petId: string;
  name: string;
  bookingId: string;
  /** The parent's medication instructions from the pet's care notes. */
  instructions: string | null;
}

/** Pets checked in today, with the booking a dose belongs to. */
export async function listCheckedInPets(
  supabase: Supabase,
  businessId: string,
  day: BusinessDay,
): Promise<CheckedInPet[]> {
  const { data, error } = await supabase
    .from('bookings')
    .select('id, pet:pets!inner(id, name, medication)')
    .eq('business_id', businessId)
    .eq('status', 'checked_in')
    .lt('starts_at', day.end)
    .gt('ends_at', day.start)
    .order('starts_at')
    .limit(1000);
  if (error) throw new DataError(`could not read checked-in pets: ${error.message}`, error.code);
  const seen = new Set<string>();
  const pets: CheckedInPet[] = [];
  for (const row of data) {
    if (seen.has(row.pet.id)) continue;
    seen.add(row.pet.id);
    pets.push({ petId: row.pet.id, name: row.pet.name, bookingId: row.id, instructions: row.pet.medication });
  }
  return pets.sort((a, b) => a.name.localeCompare(b.name));
}

/** Doses given since `since` (ISO), newest first; one pet's when `petId` is given. */
export async function listDoses(
  supabase: Supabase,
  businessId: string,
  options: { since?: string; petId?: string; limit?: number } = {},
): Promise<Dose[]> {
  let query = supabase
    .from('medication_logs')
    .select('id, pet_id, medication, dose, given_at, given_by, pet:pets!inner(name)')
    .eq('business_id', businessId);
  if (options.since) query = query.gte('given_at', options.since);
  if (options.petId) query = query.eq('pet_id', options.petId);
  const { data, error } = await query.order('given_at', { ascending: false }).limit(options.limit ?? 200);
  if (error) throw new DataError(`could not read the medication log: ${error.message}`, error.code);
  return data.map((row) => ({
    id: row.id,
    petId: row.pet_id,
    petName: row.pet.name,
    medication: row.medication,
    dose: row.dose,
    givenAt: row.given_at,
    givenBy: row.given_by,
  }));
}

export interface NewDose {
  businessId: string;
  petId: string;
  bookingId: string | null;
  medication: string;
  dose: string;
}

export async function logDose(supabase: Supabase, input: NewDose): Promise<string> {
  const { data, error } = await supabase
    .from('medication_logs')
    .insert({
      business_id: input.businessId,
      pet_id: input.petId,
      booking_id: input.bookingId,
      medication: input.medication,
      dose: input.dose,
    })
    .select('id')
    .single();
  if (error) throw new DataError(`could not log the dose: ${error.message}`, error.code);
  return data.id;
}
