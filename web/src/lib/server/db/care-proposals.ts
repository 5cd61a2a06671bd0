// Care-change proposals (supabase/schemas/1920_care_change_proposals.sql): a parent proposes new feeding,
// medication or handling instructions from the portal; staff accept or decline them on the pet's page
// (public.review_care_proposal). Everything runs as the request's user, so RLS decides who sees what.
import { refusalSentence } from '#lib/refusals.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export const CARE_FIELDS = ['feeding', 'medication', 'handling_notes'] as const;
export type CareField = (typeof CARE_FIELDS)[number];
export const CARE_LABELS: Record<CareField, string> = {
  feeding: 'Feeding',
  medication: 'Medication',
  handling_notes: 'Handling',
};
export const CARE_MAX = 2000;
export const NOTE_MAX = 500;

export interface CareProposal {
  id: string;
  petId: string;
  changes: Partial<Record<CareField, string | null>>;
  previous: Partial<Record<CareField, string | null>>;
  note: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  reviewNote: string | null;
  createdAt: string;
  reviewedAt: string | null;
}

const COLUMNS = 'id, pet_id, changes, previous, note, status, review_note, created_at, reviewed_at';

function careValues(value: unknown): Partial<Record<CareField, string | null>> {
  const out: Partial<Record<CareField, string | null>> = {};
  if (!value || typeof value !== 'object') return out;
  for (const field of CARE_FIELDS) {
    const v = (value as Record<string, unknown>)[field];
    if (typeof v === 'string' || v === null) out[field] = v;
  }
  return out;
}

type Row = {
  id: string;
  pet_id: string;
  changes: unknown;
  previous: unknown;
  note: string | null;
  status: string;
  review_note: string | null;
  created_at: string;
  reviewed_at: string | null;
};

function toProposal(row: Row): CareProposal {
  return {
    id: row.id,
    petId: row.pet_id,
    changes: careValues(row.changes),
    previous: careValues(row.previous),
    note: row.note,
    status: row.status as CareProposal['status'],
    reviewNote: row.review_note,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
  };
}

/** A pet's proposals, newest first (the parent's outcomes, the staff's review list). */
export async function listCareProposals(
  supabase: Supabase,
  petId: string,
  opts: { pendingOnly?: boolean; limit?: number } = {},
): Promise<CareProposal[]> {
  let query = supabase.from('care_change_proposals').select(COLUMNS).eq('pet_id', petId);
  if (opts.pendingOnly) query = query.eq('status', 'pending');
  const { data, error } = await query.order('created_at', { ascending: false }).limit(opts.limit ?? 20);
  if (error) throw new DataError(`could not read care proposals: ${error.message}`, error.code);
  return (data as Row[]).map(toProposal);
}

export interface PendingCarePet {
  petId: string;
  petName: string;
  count: number;
}

/** Pets of the business with proposals waiting for the team (the roster's badge). */
export async function pendingCareProposals(supabase: Supabase, businessId: string): Promise<PendingCarePet[]> {
  const { data, error } = await supabase
    .from('care_change_proposals')
    .select('pet_id, pet:pets!inner(name)')
    .eq('business_id', businessId)
    .eq('status', 'pending')
    .order('created_at')
    .limit(200);
  if (error) throw new DataError(`could not read pending care proposals: ${error.message}`, error.code);
  const byPet = new Map<string, PendingCarePet>();
  for (const row of data) {
    const entry = byPet.get(row.pet_id) ?? { petId: row.pet_id, petName: row.pet.name, count: 0 };
    entry.count += 1;
    byPet.set(row.pet_id, entry);
  }
  return [...byPet.values()];
}

export type Outcome = { ok: true } | { ok: false; message: string };

/** The parent's proposal; only fields that differ from what the business holds are sent. */
export async function proposeCareChange(
  supabase: Supabase,
  input: {
    businessId: string;
    clientId: string;
    petId: string;
    changes: Partial<Record<CareField, string | null>>;
    note: string | null;
  },
): Promise<Outcome> {
  const { error } = await supabase.from('care_change_proposals').insert({
    business_id: input.businessId,
    client_id: input.clientId,
    pet_id: input.petId,
    changes: input.changes,
    note: input.note,
  });
  if (!error) return { ok: true };
  if (error.code === '42501' || error.code === '23503')
    return { ok: false, message: 'That pet is not one of yours, so a change cannot be proposed for it.' };
  if (error.code?.startsWith('23') || error.code?.startsWith('22'))
    return { ok: false, message: `Each instruction can be at most ${CARE_MAX} characters, the note ${NOTE_MAX}.` };
  throw new DataError(`could not save the care proposal: ${error.message}`, error.code);
}

/** Staff accept (the pet changes) or decline a proposal, with an optional note for the parent. */
export async function reviewCareProposal(
  supabase: Supabase,
  proposalId: string,
  accept: boolean,
  note: string | null,
): Promise<Outcome> {
  const { error } = await supabase.rpc('review_care_proposal', {
    p_proposal_id: proposalId,
    p_accept: accept,
    p_note: note ?? undefined,
  });
  if (!error) return { ok: true };
  const message = refusalSentence(error);
  if (message) return { ok: false, message };
  throw new DataError(`could not review the care proposal: ${error.message}`, error.code);
}

export interface SharedRecord {
  id: string;
  kind: string;
  title: string;
  occurredOn: string;
  notes: string | null;
  diagnosis: string | null;
  treatment: string | null;
  documents: string[];
}

/** The medical records of a pet the parent may read: RLS returns only those shared with them. */
export async function listSharedRecords(supabase: Supabase, petId: string): Promise<SharedRecord[]> {
  const { data, error } = await supabase
    .from('medical_records')
    .select('id, kind, title, occurred_on, notes, diagnosis, treatment, documents')
    .eq('pet_id', petId)
    .eq('shared_with_parent', true)
    .order('occurred_on', { ascending: false })
    .limit(100);
  if (error) throw new DataError(`could not read shared medical records: ${error.message}`, error.code);
  return data.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    occurredOn: r.occurred_on,
    notes: r.notes,
    diagnosis: r.diagnosis,
    treatment: r.treatment,
    documents: r.documents,
  }));
}

/** Staff share a record with the pet's parent, or stop sharing it. */
export async function setRecordShared(
  supabase: Supabase,
  businessId: string,
  recordId: string,
  shared: boolean,
): Promise<boolean> {
  const { data, error } = await supabase
    .from('medical_records')
    .update({ shared_with_parent: shared })
    .eq('id', recordId)
    .eq('business_id', businessId)
    .select('id');
  if (error) throw new DataError(`could not change the record's sharing: ${error.message}`, error.code);
  return data.length > 0;
}
