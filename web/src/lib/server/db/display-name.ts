// A member's own display name: what colleagues see beside their work ("given by", the team list, the audit
// log). One name for the person across their businesses, set through the set_my_display_name rpc.
import { refusalSentence } from '#lib/refusals.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

/** The name on the caller's memberships (the most common one), or '' when unset or not a member. */
export async function readMyDisplayName(supabase: Supabase, userId: string): Promise<string> {
  const { data, error } = await supabase.from('memberships').select('display_name').eq('user_id', userId);
  if (error) throw new DataError(`could not read the display name: ${error.message}`, error.code);
  const counts = new Map<string, number>();
  for (const r of data) if (r.display_name) counts.set(r.display_name, (counts.get(r.display_name) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

export async function saveMyDisplayName(
  supabase: Supabase,
  name: string,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const { error } = await supabase.rpc('set_my_display_name', { p_display_name: name });
  if (!error) return { ok: true };
  const message = refusalSentence(error);
  if (!message) throw new DataError(`could not save the display name: ${error.message}`, error.code);
  return { ok: false, message };
}
