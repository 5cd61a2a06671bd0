// The settings pages' writes to one row of the business by id (a service, a vaccine type, a member…):
// scoped to the business as well as the id, so a form posted with another business's id touches nothing,
// and answered the way every settings form shows it — saved, a refusal the database named as a sentence,
// or "reload the page" when no row matched (gone, or row-level security hides it from this role).
import type { PostgrestError } from '@supabase/supabase-js';
import type { Database } from '#lib/database.types.ts';
import { refusalSentence } from '#lib/refusals.ts';
import type { Supabase } from '../supabase.ts';
import { DataError, refusalSentence as sqlstateSentence } from './errors.ts';

type Tables = Database['public']['Tables'];
/** The public tables whose rows carry an `id` and the `business_id` they belong to (null: shared, as the
 *  vaccine catalogue's rows are — never matched by a business's id). */
export type OwnTable = {
  [K in keyof Tables]: Tables[K]['Row'] extends { id: string; business_id: string | null } ? K : never;
}[keyof Tables];

export type Refused = { ok: false; message: string };
export type Saved = { ok: true; id: string } | Refused;

/** A refusal the database named (refusals.ts, else by SQLSTATE class) as a sentence; a fault is thrown. */
export function refused(error: PostgrestError, what: string): Refused {
  const message = refusalSentence(error) ?? sqlstateSentence(error.code, what);
  if (!message) throw new DataError(`${what} could not be saved: ${error.message}`, error.code);
  return { ok: false, message };
}

// supabase-js cannot follow a table name that is itself a type parameter; the public signatures below
// keep the generated types (values are checked against the table's Update type).
interface Scoped {
  eq(column: string, value: string): Scoped;
  select(columns: 'id'): PromiseLike<{ data: { id: string }[] | null; error: PostgrestError | null }>;
}
interface Writable {
  update(values: unknown): Scoped;
  delete(): Scoped;
}

/** Updates (with `values`) or deletes (`'delete'`) row `id` of this business; `found` is false when none matched. */
export async function writeOwnRow<T extends OwnTable>(
  supabase: Supabase,
  table: T,
  businessId: string,
  id: string,
  change: Tables[T]['Update'] | 'delete',
): Promise<{ found: boolean; error: PostgrestError | null }> {
  const from = supabase.from(table) as unknown as Writable;
  const query = change === 'delete' ? from.delete() : from.update(change);
  const { data, error } = await query.eq('id', id).eq('business_id', businessId).select('id');
  return { found: (data?.length ?? 0) > 0, error };
}

/**
 * `writeOwnRow` as a form's outcome: saved, the refusal as a sentence about `what` ("The service"), or
 * `gone` when no row matched ("That service no longer exists; reload the page.").
 */
export async function saveOwnRow<T extends OwnTable>(
  supabase: Supabase,
  table: T,
  businessId: string,
  id: string,
  change: Tables[T]['Update'] | 'delete',
  say: { what: string; gone: string },
): Promise<Saved> {
  const { found, error } = await writeOwnRow(supabase, table, businessId, id, change);
  if (error) return refused(error, say.what);
  if (!found) return { ok: false, message: say.gone };
  return { ok: true, id };
}

/** `writeOwnRow` where the database has no refusal to name: whether the row was there; an error is a fault. */
export async function changedOwnRow<T extends OwnTable>(
  supabase: Supabase,
  table: T,
  businessId: string,
  id: string,
  change: Tables[T]['Update'] | 'delete',
  fault: string,
): Promise<boolean> {
  const { found, error } = await writeOwnRow(supabase, table, businessId, id, change);
  if (error) throw new DataError(`${fault}: ${error.message}`, error.code);
  return found;
}
