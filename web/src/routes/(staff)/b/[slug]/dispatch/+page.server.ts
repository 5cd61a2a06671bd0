// Dispatch: the day's pickups and drop-offs on a map and in a list, "Plan routes" (optimize-route with the
// vans in service), the routes with their stops, ETAs, distance and duration, and a driver per route.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formError, parseForm } from '#lib/forms.ts';
import { assignDriver, dayRequests, dayRoutes, planDay } from '#lib/server/db/dispatch.ts';
import { listDrivers, listVehicles } from '#lib/server/db/vehicles.ts';
import { dayOf, businessDay, parseDate } from '#lib/time/zone.ts';
import { planFailureSentence } from '#lib/transport/dispatch.ts';
import { requireSeat } from '../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const supabase = event.locals.supabase;
  const date = parseDate(event.url.searchParams.get('date')) ?? businessDay(business.timezone).date;
  const day = dayOf(business.timezone, date);
  const [requests, routes, vehicles, drivers] = await Promise.all([
    dayRequests(supabase, business.id, day),
    dayRoutes(supabase, business.id, date),
    listVehicles(supabase, business.id),
    listDrivers(supabase, business.id),
  ]);
  return { date, requests, routes, vehicles, drivers };
};

const planForm = z.object({ date: z.string().refine((d) => parseDate(d) !== null, 'Choose a day.') });
const assignForm = z.object({
  route_id: z.uuid('That route was not found.'),
  driver_id: z
    .union([z.uuid(), z.literal('')])
    .optional()
    .transform((v) => v || null),
});

export const actions: Actions = {
  plan: async (event) => {
    const { business } = await requireSeat(event);
    const parsed = parseForm(planForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { errors: parsed.errors });
    const started = performance.now();
    const outcome = await planDay(event.locals.supabase, business.id, parsed.data.date);
    if (!outcome.ok) {
      if (outcome.status >= 500) console.error(`optimize-route ${outcome.status}: ${outcome.message}`);
      return fail(outcome.status >= 500 ? 502 : outcome.status, {
        errors: formError(planFailureSentence(outcome.code)),
      });
    }
    return {
      planned: `Planned ${outcome.stops} ${outcome.stops === 1 ? 'stop' : 'stops'} on ${outcome.routes} ${outcome.routes === 1 ? 'route' : 'routes'} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
      unserved: outcome.unserved,
    };
  },

  assign: async (event) => {
    const { business } = await requireSeat(event);
    const parsed = parseForm(assignForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { errors: formError('Choose a route and a driver.') });
    const drivers = await listDrivers(event.locals.supabase, business.id);
    if (parsed.data.driver_id && !drivers.some((d) => d.userId === parsed.data.driver_id))
      return fail(400, { errors: formError('Choose one of the business’s members as the driver.') });
    const done = await assignDriver(event.locals.supabase, business.id, parsed.data.route_id, parsed.data.driver_id);
    if (!done) return fail(404, { errors: formError('That route no longer exists. Reload the page.') });
    const who = drivers.find((d) => d.userId === parsed.data.driver_id)?.name;
    return { assigned: who ? `${who} drives the route.` : 'The route has no driver now.' };
  },
};
