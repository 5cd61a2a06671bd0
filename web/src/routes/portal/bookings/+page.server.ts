import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { readForm } from '#lib/forms.ts';
import { bookedOutcome, cutoffHours, mayCancel, refusedOutcome, type Outcome } from '#lib/portal/outcome.ts';
import { refusalSentence } from '#lib/refusals.ts';
import {
  businessSettings,
  cancelMyBooking,
  listBookableServices,
  listMyBookings,
  listMyPets,
  requestBooking,
} from '#lib/server/db/portal.ts';
import { requirePortal } from '#lib/server/portal.ts';
import { addDays, businessDay, localToInstant, parseDate } from '#lib/time/zone.ts';
import type { Actions, PageServerLoad } from './$types';

const DAYS_AHEAD = 366;

export const load: PageServerLoad = async (event) => {
  const { client, business } = await event.parent();
  const supabase = event.locals.supabase;
  const [services, pets, bookings, settings] = await Promise.all([
    listBookableServices(supabase, business.id),
    listMyPets(supabase, client.id),
    listMyBookings(supabase, client.id),
    businessSettings(supabase, business.id),
  ]);
  const cutoff = cutoffHours(settings);
  const today = businessDay(business.timezone).date;
  return {
    services,
    pets: pets.map((p) => ({ id: p.id, name: p.name })),
    upcoming: bookings.upcoming.map((b) => {
      // leaving the waiting list is always allowed; a booking holding a place only until the cut-off
      const holdsPlace = ['requested', 'confirmed'].includes(b.status);
      const inTime = mayCancel(b.startsAt, cutoff);
      return {
        ...b,
        cancellable: b.status === 'waitlisted' || (holdsPlace && inTime),
        // inside the cut-off: say so where the button would be, in the words of the database's refusal
        tooLate:
          holdsPlace && !inTime
            ? refusalSentence({ hint: 'cancel_after_cutoff', details: JSON.stringify({ cutoff_hours: cutoff }) })
            : null,
      };
    }),
    past: bookings.past,
    cutoff,
    today,
    lastDay: addDays(today, DAYS_AHEAD),
  };
};

const requestFields = z.object({
  serviceId: z.uuid({ message: 'Choose a service.' }),
  startDate: z.string().min(1, 'Choose the first day.'),
  endDate: z.string().optional(),
});

type Values = { serviceId: string; startDate: string; endDate: string; petIds: string[] };

export const actions: Actions = {
  request: async (event) => {
    const { current } = await requirePortal(event);
    const read = await readForm(event.request);
    if (!read.ok) return fail(413, { request: { errors: { form: 'The form was too large to receive.' } } });
    const form = read.form;
    const values: Values = {
      serviceId: String(form.get('serviceId') ?? ''),
      startDate: String(form.get('startDate') ?? ''),
      endDate: String(form.get('endDate') ?? ''),
      petIds: form.getAll('petIds').map(String),
    };
    const answer = (errors: Record<string, string>) => fail(400, { request: { values, errors } });
    const parsed = requestFields.safeParse(values);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
      return answer(errors);
    }
    const supabase = event.locals.supabase;
    const business = current.business;
    const [services, pets] = await Promise.all([
      listBookableServices(supabase, business.id),
      listMyPets(supabase, current.clientId),
    ]);
    const service = services.find((s) => s.id === parsed.data.serviceId);
    if (!service) return answer({ serviceId: 'Choose one of the services offered here.' });
    const chosen = pets.filter((p) => values.petIds.includes(p.id));
    if (!values.petIds.length) return answer({ petIds: 'Choose at least one pet.' });
    if (chosen.length !== values.petIds.length) return answer({ petIds: 'Choose among your own pets.' });

    const today = businessDay(business.timezone).date;
    const start = parseDate(parsed.data.startDate);
    if (!start) return answer({ startDate: 'Enter the first day as a date.' });
    if (start < today) return answer({ startDate: 'That day is in the past. Choose today or a later day.' });
    if (start > addDays(today, DAYS_AHEAD))
      return answer({ startDate: 'Bookings open a year ahead. Choose an earlier day.' });
    const endText = parsed.data.endDate?.trim() ? parsed.data.endDate : '';
    const end = endText ? parseDate(endText) : null;
    if (endText && !end) return answer({ endDate: 'Enter the last day as a date.' });
    if (end && end < start) return answer({ endDate: 'The last day cannot be before the first.' });
    if (service.kind === 'boarding' && (!end || end === start))
      return answer({ endDate: 'For an overnight stay, choose the day you collect your pet.' });

    // A day's visit runs 08:00–18:00 on the business's clock; an overnight stay ends at 11:00 on the last day;
    // a service with a duration (grooming) lasts as long as it takes.
    const startsAt = localToInstant(business.timezone, `${start}T08:00`);
    const endsAt =
      service.durationMinutes !== null
        ? null
        : localToInstant(business.timezone, `${end ?? start}T${service.kind === 'boarding' ? '11:00' : '18:00'}`);
    if (!startsAt) return answer({ startDate: 'Enter the first day as a date.' });

    const outcomes: Outcome[] = [];
    for (const pet of chosen) {
      const result = await requestBooking(supabase, { serviceId: service.id, petId: pet.id, startsAt, endsAt });
      outcomes.push(
        result.ok
          ? bookedOutcome(pet.id, pet.name, result.value.status)
          : refusedOutcome(pet.id, pet.name, result.refusal),
      );
    }
    return { request: { outcomes, values: outcomes.some((o) => o.kind === 'refused') ? values : undefined } };
  },

  cancel: async (event) => {
    const { current } = await requirePortal(event);
    const form = await event.request.formData();
    const bookingId = String(form.get('bookingId') ?? '');
    const supabase = event.locals.supabase;
    const { upcoming } = await listMyBookings(supabase, current.clientId);
    const booking = upcoming.find((b) => b.bookingId === bookingId);
    if (!booking) return fail(404, { cancel: { bookingId, error: 'That booking no longer exists.' } });
    // The cut-off is the database's rule (bookings_15_cancel_cutoff): its refusal names the hours.
    const result = await cancelMyBooking(supabase, bookingId);
    if (!result.ok)
      return fail(400, {
        cancel: { bookingId, error: refusalSentence(result.refusal) ?? 'The booking could not be cancelled.' },
      });
    return { cancel: { bookingId, cancelled: true } };
  },
};
