// Medical records of a pet: checkups, treatments, surgeries, allergies and medications, with documents
// (object paths in the documents bucket).
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

import type { MedicalRecordKind } from '#lib/enums.ts';

export type RecordKind = MedicalRecordKind;

export interface MedicalRecord {
  id: string;
  kind: RecordKind;
  title: string;
  occurredOn: string;
  notes: string | null;
  diagnosis: string | null;
  treatment: string | null;
  documents: string[];
  /** The version an edit form is opened with. */
  updatedAt: string;
  /** Whether the pet's parent sees it in the portal (portal issue 11). */
  sharedWithParent: boolean;
}

export interface NewMedicalRecord {
  businessId: string;
  petId: string;
  kind: RecordKind;
  title: string;
  occurredOn: string;
  notes: string | null;
  diagnosis: string | null;
  treatment: string | null;
  documents: string[];
}

export async function listMedicalRecords(
  supabase: Supabase,
  businessId: string,
  petId: string,
): Promise<MedicalRecord[]> {
  const { data, error } = await supabase
    .from('medical_records')
    .select('id, kind, title, occurred_on, notes, diagnosis, treatment, documents, shared_with_parent, updated_at')
    .eq('business_id', businessId)
    .eq('pet_id', petId)
    .order('occurred_on', { ascending: false })
    .limit(200);
  if (error) throw new DataError(`could not read medical records: ${error.message}`, error.code);
  return data.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    occurredOn: row.occurred_on,
    notes: row.notes,
    diagnosis: row.diagnosis,
    treatment: row.treatment,
    documents: row.documents,
    updatedAt: row.updated_at,
    sharedWithParent: row.shared_with_parent,
  }));
}

export async function addMedicalRecord(supabase: Supabase, input: NewMedicalRecord): Promise<void> {
  const { error } = await supabase.from('medical_records').insert({
    business_id: input.businessId,
    pet_id: input.petId,
    kind: input.kind,
    title: input.title,
    occurred_on: input.occurredOn,
    notes: input.notes,
    diagnosis: input.diagnosis,
    treatment: input.treatment,
    documents: input.documents,
  });
  if (error) throw new DataError(`could not add the medical record: ${error.message}`, error.code);
}
