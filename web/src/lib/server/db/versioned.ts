// Saving an edit form without reverting someone else's save (issue 10, defect 5): the update matches the
// row only while its `updated_at` is still the one the form was opened with. The touch triggers keep
// `updated_at` current on every write, so any save in between moves it and this update matches nothing.
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export type Versioned = 'clients' | 'pets' | 'medical_records' | 'vaccinations';

export type SaveResult =
  | { ok: true; version: string }
  | { ok: false; gone: true }
  | { ok: false; gone: false; version: string; current: Record<string, unknown> };

/**
 * Updates one row of the business if it still has `version` (its updated_at when the form was opened).
 * Without a version (an old form) it saves as before. On a mismatch it answers the row as saved now.
 */
export async function saveIfUnchanged(
  supabase: Supabase,
  table: Versioned,
  businessId: string,
  id: string,
  changes: Record<string, unknown>,
  version: string | null,
): Promise<SaveResult> {
  // the table is one of the known ones; the builder's per-table types cannot follow a union
  const from = supabase.from(table) as unknown as ReturnType<Supabase['from']>;
  let update = from
    .update(changes as never)
    .eq('business_id', businessId)
    .eq('id', id);
  if (version) update = update.eq('updated_at', version);
  const { data, error } = await update.select('updated_at');
  if (error) throw new DataError(`could not save ${table} ${id}: ${error.message}`, error.code);
  const rows = data as unknown as { updated_at: string }[];
  if (rows.length === 1) return { ok: true, version: rows[0].updated_at };
  const now = await (supabase.from(table) as unknown as ReturnType<Supabase['from']>)
    .select(['updated_at', ...Object.keys(changes)].join(', '))
    .eq('business_id', businessId)
    .eq('id', id)
    .maybeSingle();
  if (now.error) throw new DataError(`could not read ${table} ${id}: ${now.error.message}`, now.error.code);
  if (!now.data) return { ok: false, gone: true };
  const current = now.data as unknown as Record<string, unknown>;
  return { ok: false, gone: false, version: String(current.updated_at), current };
}
