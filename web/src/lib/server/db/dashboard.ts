// The dashboard's figures, through public.dashboard(): the function decides who may see them (the
// business's desk; revenue for managers and owners only) and reads the materialized view pg_cron
// refreshes every minute.
import { occupancyLines, type OccupancyLine } from '#lib/reports/figures.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface Dashboard {
  today: string;
  refreshedAt: string;
  occupancy: OccupancyLine[];
  petsCheckedIn: number;
  activePets: number;
  compliantPets: number;
  /** null for staff: revenue is for managers and owners. */
  revenueTodayCents: number | null;
  revenueMonthCents: number | null;
}

/** The business's figures as of the last refresh, or null before the first refresh has seen the business. */
export async function readDashboard(supabase: Supabase, businessId: string): Promise<Dashboard | null> {
  const { data, error } = await supabase.rpc('dashboard', { p_business_id: businessId });
  if (error) throw new DataError(`could not read the dashboard: ${error.message}`, error.code);
  const row = data[0];
  if (!row) return null;
  return {
    today: row.today,
    refreshedAt: row.refreshed_at,
    occupancy: occupancyLines(row.occupancy),
    petsCheckedIn: row.pets_checked_in,
    activePets: row.active_pets,
    compliantPets: row.compliant_pets,
    revenueTodayCents: row.revenue_today_cents,
    revenueMonthCents: row.revenue_month_cents,
  };
}
