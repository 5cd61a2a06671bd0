// Dispatch: the day's pickups and drop-offs on a map and in a list, "Plan routes" (optimize-route with the
// vans in service), the routes with their stops, ETAs, distance and duration, and a driver per route.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formError, parseForm } from '#lib/forms.ts';
import { refusalSentence } from '#lib/refusals.ts';
import {
  assignDriver,
  dayRequests,
  dayRoutes,
  editPlan,
  planDay,
  saveTransport,
  transportPets,
} from '#lib/server/db/dispatch.ts';
import { geocoder } from '#lib/server/geocoder.ts';
import { listDrivers, listVehicles } from '#lib/server/db/vehicles.ts';
import { dayOf, businessDay, localToInstant, parseDate } from '#lib/time/zone.ts';
import { planFailureSentence } from '#lib/transport/dispatch.ts';
import { moveStopForm, transportForm } from '#lib/transport/forms.ts';
import { applyMove, warningSentence } from '#lib/transport/plan-edit.ts';
import { requireSeat } from '../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const supabase = event.locals.supabase;
  const date = parseDate(event.url.searchParams.get('date')) ?? businessDay(business.timezone).date;
  const day = dayOf(business.timezone, date);
  const [requests, routes, vehicles, drivers, pets] = await Promise.all([
    dayRequests(supabase, business.id, day),
    dayRoutes(supabase, business.id, date),
    listVehicles(supabase, business.id),
    listDrivers(supabase, business.id),
    transportPets(supabase, business.id),
  ]);
  // ?pet=…&booking=… (the booking page's "Add transport") opens the form for that pet
  const prefill = {
    petId: event.url.searchParams.get('pet') ?? '',
    bookingId: event.url.searchParams.get('booking') ?? '',
    editId: event.url.searchParams.get('edit') ?? '',
  };
  return { date, requests, routes, vehicles, drivers, pets, prefill };
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

  transport: async (event) => {
    const { business } = await requireSeat(event);
    const supabase = event.locals.supabase;
    const form = await event.request.formData();
    const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
    const parsed = parseForm(transportForm, form);
    if (!parsed.ok) return fail(400, { transportErrors: parsed.errors, values });
    const f = parsed.data;
    const windowStart = localToInstant(business.timezone, `${f.date}T${f.from}`);
    const windowEnd = localToInstant(business.timezone, `${f.date}T${f.to}`);
    if (!windowStart || !windowEnd)
      return fail(400, { transportErrors: { from: 'Enter the window as times, e.g. 07:30.' }, values });
    const pet = (await transportPets(supabase, business.id)).find((p) => p.id === f.pet_id);
    if (!pet) return fail(400, { transportErrors: { pet_id: 'Choose one of the business’s pets.' }, values });
    const address = f.address || pet.address || '';
    if (!address)
      return fail(400, {
        transportErrors: { address: `Enter the address: ${pet.clientName} has none on file.` },
        values,
      });
    // Where: the pin if set; the client's own point for the address on file; else the geocoder, which may
    // fail or be absent — the request is saved all the same and waits for a pin.
    let at = f.lat !== null && f.lng !== null ? { lat: f.lat, lng: f.lng } : null;
    let placed = at ? 'pin' : '';
    if (!at && pet.at && address === pet.address) {
      at = pet.at;
      placed = 'client';
    }
    if (!at) {
      const found = await geocoder().geocode(address);
      if (found.ok) {
        at = { lat: found.hit.lat, lng: found.hit.lng };
        placed = `found: ${found.hit.label}`;
      }
    }
    const saved = await saveTransport(supabase, business.id, {
      id: f.id,
      bookingId: f.booking_id,
      petId: f.pet_id,
      kind: f.kind,
      address,
      at,
      windowStart,
      windowEnd,
      notes: f.notes,
    });
    if (!saved.ok)
      return fail(400, {
        transportErrors: formError(
          refusalSentence(saved.refusal) ?? 'The pickup or drop-off could not be saved. Check the form and try again.',
        ),
        values,
      });
    const what = `${pet.name}’s ${f.kind === 'dropoff' ? 'drop-off' : 'pickup'}`;
    return {
      transportSaved: at
        ? `Saved ${what}${placed.startsWith('found') ? ` (placed on the map at ${placed.slice(7)})` : ''}.`
        : `Saved ${what}. The address could not be placed on the map, so it is listed as needing a pin: edit it and click the map.`,
    };
  },

  move: async (event) => {
    const { business } = await requireSeat(event);
    const supabase = event.locals.supabase;
    const form = await event.request.formData();
    const parsed = parseForm(moveStopForm, form);
    if (!parsed.ok) return fail(400, { errors: formError('Choose a stop and where it goes.') });
    const m = parsed.data;
    const [routes, requests, vehicles] = await Promise.all([
      dayRoutes(supabase, business.id, m.date),
      dayRequests(supabase, business.id, dayOf(business.timezone, m.date)),
      listVehicles(supabase, business.id),
    ]);
    const move =
      m.op === 'up' || m.op === 'down'
        ? { op: m.op, requestId: m.request_id }
        : m.op === 'to'
          ? { op: m.op, requestId: m.request_id, toRoute: m.to_route ?? '' }
          : { op: m.op, requestId: m.request_id, toRoute: m.to_route ?? '', position: m.position ?? 1 };
    const applied = applyMove(
      routes.map((r) => ({ id: r.id, status: r.status, stops: r.stops.map((s) => s.requestId) })),
      move,
    );
    if (!applied.ok) return fail(400, { errors: formError(applied.message) });
    const outcome = await editPlan(supabase, business.id, m.date, applied.edit, m.confirm);
    if (!outcome.ok) {
      if (outcome.status >= 500) console.error(`optimize-route edit ${outcome.status}: ${outcome.message}`);
      return fail(outcome.status >= 500 ? 502 : outcome.status, {
        errors: formError(planFailureSentence(outcome.code)),
      });
    }
    const pets = new Map(requests.map((r) => [r.id, r.petName]));
    const vanNames = new Map(vehicles.map((v) => [v.id, v.name]));
    const names = {
      pet: (id: string) => pets.get(id) ?? 'a pet',
      van: (id: string) => {
        const i = routes.findIndex((r) => r.id === id);
        return (routes[i]?.vehicleId && vanNames.get(routes[i].vehicleId!)) || `Route ${i + 1}`;
      },
    };
    const warnings = outcome.warnings.map((w) => warningSentence(w, names));
    if (!outcome.written)
      return {
        warnings,
        pending: {
          request_id: m.request_id,
          op: m.op,
          to_route: m.to_route ?? '',
          position: m.position ? String(m.position) : '',
        },
      };
    return {
      moved: `${pets.get(m.request_id) ?? 'The stop'} moved; the routes are re-timed${warnings.length ? ' (saved despite the warning)' : ''}.`,
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
