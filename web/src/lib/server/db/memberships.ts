// The businesses a user works for, read through the request's client so row-level security decides
// what comes back.
import type { Database } from '#lib/database.types.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export type MemberRole = Database['public']['Enums']['member_role'];

export interface BusinessMembership {
  role: MemberRole;
  business: { id: string; name: string; slug: string };
}

/** `unavailable` when the schema has no memberships yet (PostgREST's PGRST205: no such table). */
export type Memberships = { available: true; items: BusinessMembership[] } | { available: false };

export async function listMyMemberships(supabase: Supabase, userId: string): Promise<Memberships> {
  const { data, error } = await supabase
    .from('memberships')
    .select('role, business:businesses!inner(id, name, slug)')
    .eq('user_id', userId);
  if (error) {
    if (error.code === 'PGRST205') return { available: false };
    throw new DataError(`could not list memberships: ${error.message}`, error.code);
  }
  const items = data
    .map(({ role, business }) => ({ role, business }))
    .sort((a, b) => a.business.name.localeCompare(b.business.name));
  return { available: true, items };
}

/** Whether the user is a pet parent (a linked client) of any business: parents have the portal, not a desk. */
export async function isClientAnywhere(supabase: Supabase, userId: string): Promise<boolean> {
  const { count, error } = await supabase
    .from('clients')
    .select('id', { count: 'exact', head: true })
    .eq('user_id', userId);
  if (error) throw new DataError(`could not look up client links: ${error.message}`, error.code);
  return (count ?? 0) > 0;
}
