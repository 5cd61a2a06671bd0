// The reports dashboard. Who sees what is decided in the database (public.dashboard): the business's
// owner, managers and staff may open it; revenue and the CSV exports are for managers and owners.
import { readDashboard } from '#lib/server/db/dashboard.ts';
import { requireSeat } from '../seat.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business, role } = await requireSeat(event);
  const stats = await readDashboard(event.locals.supabase, business.id);
  // the export endpoints check this again (export/download.ts)
  return { stats, mayExport: role === 'owner' || role === 'manager' };
};
