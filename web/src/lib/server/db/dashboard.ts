// The dashboard's figures, through public.dashboard(): the function decides who may see them (the
// business's desk; revenue for managers and owners only) and sums aggregate tables that triggers keep
// up to date on every write (issue 15), so the figures are live.
import { chartSeries, occupancyLines, type Charts, type OccupancyLine } from '#lib/reports/figures.ts';
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
  /** The business's currency (ISO code). */
  currency: string;
  /** Money, null for staff. Booked: confirmed, checked-in and checked-out visits; checked out: paid visits. */
  bookedTodayCents: number | null;
  checkedOutTodayCents: number | null;
  /** This month = from the 1st to the end of today, on the business's clock. */
  bookedMonthCents: number | null;
  checkedOutMonthCents: number | null;
  charts: Charts;
}

/** The business's figures now, or null when the business is gone. */
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
    currency: row.currency,
    bookedTodayCents: row.booked_today_cents,
    checkedOutTodayCents: row.checked_out_today_cents,
    bookedMonthCents: row.booked_month_cents,
    checkedOutMonthCents: row.checked_out_month_cents,
    charts: chartSeries(row.charts),
  };
}
