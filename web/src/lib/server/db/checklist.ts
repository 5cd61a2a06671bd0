// The set-up checklist of a new business, ticked from its real rows (counts through the request's client,
// so row-level security applies; owners and managers see every row counted here).
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface SetupState {
  service: boolean;
  hours: boolean;
  team: boolean;
  client: boolean;
}

async function any(
  supabase: Supabase,
  table: 'services' | 'opening_hours' | 'invitations' | 'clients',
  businessId: string,
) {
  const { count, error } = await supabase
    .from(table)
    .select('id', { count: 'exact', head: true })
    .eq('business_id', businessId);
  if (error) throw new DataError(`could not count ${table}: ${error.message}`, error.code);
  return (count ?? 0) > 0;
}

export async function setupState(supabase: Supabase, businessId: string): Promise<SetupState> {
  const [service, hours, invited, client, members] = await Promise.all([
    any(supabase, 'services', businessId),
    any(supabase, 'opening_hours', businessId),
    any(supabase, 'invitations', businessId),
    any(supabase, 'clients', businessId),
    supabase.from('memberships').select('id', { count: 'exact', head: true }).eq('business_id', businessId),
  ]);
  if (members.error) throw new DataError(`could not count members: ${members.error.message}`, members.error.code);
  // a team is under way once someone is invited or a second member has joined
  return { service, hours, team: invited || (members.count ?? 0) > 1, client };
}

export function setupDone(state: SetupState): boolean {
  return state.service && state.hours && state.team && state.client;
}
