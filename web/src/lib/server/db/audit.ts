// The audit log as owners and managers read it (row-level security shows them their business's entries
// only): newest first, filtered by person, table, kind of change, pet and day, a page at a time by keyset (`before` = the
// last id seen), so a page is as fast on the thousandth page as on the first.
import type { Json } from '#lib/database.types.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface AuditFilters {
  actor?: string;
  table?: string;
  petId?: string;
  /** INSERT, UPDATE, DELETE or OVERRIDE (a vaccine-gate override with its reason) */
  action?: string;
  /** [start, end) instants of the chosen business day */
  range?: [string, string];
  before?: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  table: string;
  rowId: string | null;
  action: string;
  reason: string | null;
  /** the fields an update changed (all fields for an insert or delete) */
  changed: string[];
}

export const AUDIT_PAGE = 50;

function changedFields(action: string, old: Json | null, next: Json | null): string[] {
  const o = (old ?? {}) as Record<string, unknown>;
  const n = (next ?? {}) as Record<string, unknown>;
  if (action !== 'UPDATE') return Object.keys(action === 'DELETE' ? o : n).filter((k) => k !== 'id');
  return Object.keys(n).filter((k) => JSON.stringify(o[k]) !== JSON.stringify(n[k]));
}

export async function listAudit(
  supabase: Supabase,
  businessId: string,
  f: AuditFilters,
): Promise<{ entries: AuditEntry[]; next: number | null }> {
  let q = supabase
    .from('audit_log')
    .select('id, at, actor, table_name, row_id, action, reason, old, new')
    .eq('business_id', businessId)
    .order('id', { ascending: false })
    .limit(AUDIT_PAGE + 1);
  if (f.actor) q = q.eq('actor', f.actor);
  if (f.table) q = q.eq('table_name', f.table);
  if (f.action) q = q.eq('action', f.action);
  if (f.petId) q = q.or(`row_id.eq.${f.petId},new->>pet_id.eq.${f.petId},old->>pet_id.eq.${f.petId}`);
  if (f.range) q = q.gte('at', f.range[0]).lt('at', f.range[1]);
  if (f.before) q = q.lt('id', f.before);
  const { data, error } = await q;
  if (error) throw new DataError(`could not read the audit log: ${error.message}`, error.code);
  const page = data.slice(0, AUDIT_PAGE);
  return {
    entries: page.map((e) => ({
      id: e.id,
      at: e.at,
      actor: e.actor,
      table: e.table_name,
      rowId: e.row_id,
      action: e.action,
      reason: e.reason,
      changed: changedFields(e.action, e.old, e.new),
    })),
    next: data.length > AUDIT_PAGE ? page[page.length - 1].id : null,
  };
}

/** Pets of the business for the filter (active and inactive). */
export async function auditPets(supabase: Supabase, businessId: string): Promise<Array<{ id: string; name: string }>> {
  const { data, error } = await supabase.from('pets').select('id, name').eq('business_id', businessId).order('name');
  if (error) throw new DataError(`could not list pets: ${error.message}`, error.code);
  return data;
}
