import { businessDay } from '#lib/scan/day.ts';
import { parseFilter } from '#lib/scan/roster.ts';
import { listServiceCapacity, listTodaysBookings } from '#lib/server/db/roster.ts';
import { reportCardAction } from '#lib/server/report-card-action.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await event.parent(); // guarded by the layout's load
  // The page re-runs this after a live change it cannot apply itself, and after a reconnect.
  event.depends('staff:roster');
  const day = businessDay(business.timezone);
  const [entries, services] = await Promise.all([
    listTodaysBookings(event.locals.supabase, business.id, day),
    listServiceCapacity(event.locals.supabase, business.id),
  ]);
  return { day, entries, services, filter: parseFilter(event.url.searchParams.get('status')) };
};

// Report cards for checked-in pets (h4-portal: #lib/reports/ReportCardForm.svelte).
export const actions: Actions = { reportCard: reportCardAction };
