// The business a staff page is about, looked up by slug through the request's client. Row-level
// security only shows businesses the user belongs to (or is a client of), and the inner join on the
// user's own membership narrows that to businesses they work for, so a stranger's business and a
// business that does not exist look exactly alike: both are null.
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';
import type { MemberRole } from './memberships.ts';

export interface StaffBusiness {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  /** ISO 4217 code from the business's settings (GBP when unset), for prices on staff pages. */
  currency: string;
}

/** The ISO 4217 code a business keeps in `settings.currency`, or null when it has none. */
export function settingsCurrency(settings: unknown): string | null {
  const currency = (settings as { currency?: unknown } | null)?.currency;
  return typeof currency === 'string' ? currency : null;
}

export interface StaffSeat {
  business: StaffBusiness;
  role: MemberRole;
}

export async function findMySeat(supabase: Supabase, userId: string, slug: string): Promise<StaffSeat | null> {
  const { data, error } = await supabase
    .from('businesses')
    .select('id, name, slug, timezone, settings, memberships!inner(role)')
    .eq('slug', slug)
    .eq('memberships.user_id', userId)
    .limit(1);
  if (error) throw new DataError(`could not look up business ${slug}: ${error.message}`, error.code);
  const row = data[0];
  const role = row?.memberships[0]?.role;
  if (!row || !role) return null;
  const currency = settingsCurrency(row.settings) ?? 'GBP';
  return { business: { id: row.id, name: row.name, slug: row.slug, timezone: row.timezone, currency }, role };
}

/** Roles that work the front desk (drivers have their own pages). */
const DESK_ROLES = ['owner', 'manager', 'staff'] as const satisfies readonly MemberRole[];
/** Roles that may override the vaccine gate (the rpc checks this again; this only shapes the page). */
const OVERRIDE_ROLES = ['owner', 'manager'] as const satisfies readonly MemberRole[];

export function worksTheDesk(role: MemberRole): boolean {
  return (DESK_ROLES as readonly MemberRole[]).includes(role);
}

export function mayOverride(role: MemberRole): boolean {
  return (OVERRIDE_ROLES as readonly MemberRole[]).includes(role);
}
