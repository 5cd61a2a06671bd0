import { hoursLine } from '#lib/onboarding/hours.ts';
import { businessDay } from '#lib/scan/day.ts';
import { parseFilter } from '#lib/scan/roster.ts';
import { listServiceCapacity, listTodaysBookings } from '#lib/server/db/roster.ts';
import { activeSiteDays } from '#lib/server/db/settings.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await event.parent(); // guarded by the layout's load
  // The page re-runs this after a live change it cannot apply itself, and after a reconnect.
  event.depends('staff:roster');
  const day = businessDay(business.timezone);
  const [entries, services, sites] = await Promise.all([
    listTodaysBookings(event.locals.supabase, business.id, day),
    listServiceCapacity(event.locals.supabase, business.id),
    activeSiteDays(event.locals.supabase, business.id), // the day's opening hours (h1)
  ]);
  return {
    day,
    entries,
    services,
    hours: hoursLine(sites, day.date),
    filter: parseFilter(event.url.searchParams.get('status')),
  };
};
