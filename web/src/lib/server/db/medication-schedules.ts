// A pet's medication schedule (name, dose, times of day) and the doses given against its slots today.
// Schedules are the desk's: RLS shows them to the business's owners, managers and staff only.
import { clockTime, type MedicationSchedule, type SlotDose } from '#lib/health/schedule.ts';
import { refusalSentence } from '#lib/refusals.ts';
import type { Supabase } from '../supabase.ts';
import { DataError, refusalSentence as sentenceByCode } from './errors.ts';

type Row = {
  id: string;
  pet_id: string;
  medication: string;
  dose: string;
  times: string[];
  notes: string | null;
  updated_at: string;
};

const COLUMNS = 'id, pet_id, medication, dose, times, notes, updated_at';

function toSchedule(row: Row): MedicationSchedule {
  return {
    id: row.id,
    petId: row.pet_id,
    medication: row.medication,
    dose: row.dose,
    times: row.times.map((t) => clockTime(t) ?? t),
    notes: row.notes,
    updatedAt: row.updated_at,
  };
}

/** The schedules of these pets, by pet then medication. */
export async function listSchedules(
  supabase: Supabase,
  businessId: string,
  petIds: string[],
): Promise<MedicationSchedule[]> {
  if (!petIds.length) return [];
  const { data, error } = await supabase
    .from('medication_schedules')
    .select(COLUMNS)
    .eq('business_id', businessId)
    .in('pet_id', petIds)
    .order('medication')
    .limit(1000);
  if (error) throw new DataError(`could not read medication schedules: ${error.message}`, error.code);
  return data.map(toSchedule);
}

/** Doses given against these schedules' slots on the business day `date`. */
export async function listSlotDoses(
  supabase: Supabase,
  businessId: string,
  scheduleIds: string[],
  date: string,
): Promise<SlotDose[]> {
  if (!scheduleIds.length) return [];
  const { data, error } = await supabase
    .from('medication_logs')
    .select('schedule_id, slot_time, given_at, given_by')
    .eq('business_id', businessId)
    .eq('slot_day', date)
    .in('schedule_id', scheduleIds)
    .limit(5000);
  if (error) throw new DataError(`could not read today's doses: ${error.message}`, error.code);
  return data.flatMap((row) =>
    row.schedule_id && row.slot_time
      ? [
          {
            scheduleId: row.schedule_id,
            slot: clockTime(row.slot_time) ?? row.slot_time,
            givenAt: row.given_at,
            givenBy: row.given_by,
          },
        ]
      : [],
  );
}

export interface ScheduleInput {
  medication: string;
  dose: string;
  times: string[];
  notes: string | null;
}

export type ScheduleOutcome = { ok: true } | { ok: false; message: string };

function refused(
  error: { code?: string; hint?: string | null; details?: string | null; message: string },
  what: string,
) {
  const sentence = refusalSentence(error) ?? sentenceByCode(error.code, what);
  if (sentence) return { ok: false as const, message: sentence };
  throw new DataError(`could not save the medication: ${error.message}`, error.code);
}

export async function addSchedule(
  supabase: Supabase,
  businessId: string,
  petId: string,
  input: ScheduleInput,
): Promise<ScheduleOutcome> {
  const { error } = await supabase
    .from('medication_schedules')
    .insert({ business_id: businessId, pet_id: petId, ...input });
  return error ? refused(error, 'The medication') : { ok: true };
}

/** Saves an edit unless someone changed the schedule since the form was drawn (its updated_at). */
export async function updateSchedule(
  supabase: Supabase,
  businessId: string,
  scheduleId: string,
  input: ScheduleInput,
  updatedAt: string,
): Promise<ScheduleOutcome | { ok: false; conflict: true; message: string }> {
  const { data, error } = await supabase
    .from('medication_schedules')
    .update(input)
    .eq('business_id', businessId)
    .eq('id', scheduleId)
    .eq('updated_at', updatedAt)
    .select('id');
  if (error) return refused(error, 'The medication');
  if (!data.length)
    return {
      ok: false,
      conflict: true,
      message: 'This medication was changed or removed by someone else since you opened it. Reload to see it.',
    };
  return { ok: true };
}

export async function removeSchedule(supabase: Supabase, businessId: string, scheduleId: string): Promise<void> {
  const { error } = await supabase
    .from('medication_schedules')
    .delete()
    .eq('business_id', businessId)
    .eq('id', scheduleId);
  if (error) throw new DataError(`could not remove the medication: ${error.message}`, error.code);
}

export type GiveOutcome =
  { ok: true; givenAt: string; givenBy: string | null; alreadyGiven: boolean } | { ok: false; message: string };

/** Records the slot's dose as given now by the signed-in user (once per slot and day). */
export async function giveScheduledDose(supabase: Supabase, scheduleId: string, slot: string): Promise<GiveOutcome> {
  const { data, error } = await supabase.rpc('give_scheduled_dose', { p_schedule_id: scheduleId, p_slot: slot });
  if (error) {
    const sentence = refusalSentence(error);
    if (sentence) return { ok: false, message: sentence };
    throw new DataError(`could not record the dose: ${error.message}`, error.code);
  }
  const row = data[0];
  if (!row) throw new DataError('give_scheduled_dose answered no row');
  return { ok: true, givenAt: row.given_at, givenBy: row.given_by, alreadyGiven: row.already_given };
}
