// The booking calendar: a day (default today on the business's clock) or a week, per service with its
// places used and free, and the desk's actions. Every change is a form action that works without
// JavaScript; the rules themselves (capacity, waitlist, vaccines, life cycle) are the database's.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { localToInstant, occupancy, parseDate, viewDays, type CalendarView } from '#lib/bookings/calendar.ts';
import { bookingStartCheck } from '#lib/forms-dates.ts';
import { parseForm, textField, type FieldErrors } from '#lib/forms.ts';
import { businessDay } from '#lib/scan/day.ts';
import {
  bookService,
  findBooking,
  cancelBooking,
  confirmBooking,
  listBookableServices,
  listBookings,
  markNoShow,
  promotedFrom,
  waitlistedAlongside,
  type BookingOutcome,
  type Waiting,
} from '#lib/server/db/bookings.ts';
import { searchPets } from '#lib/server/db/pets.ts';
import { activeSiteDays } from '#lib/server/db/settings.ts';
import { hoursLine } from '#lib/onboarding/hours.ts';
import { requireSeat } from '../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const params = event.url.searchParams;
  const view: CalendarView = params.get('view') === 'week' ? 'week' : 'day';
  const today = businessDay(business.timezone).date;
  const date = parseDate(params.get('date')) ?? today;
  const days = viewDays(business.timezone, view, date);
  const range = { from: days[0].start, to: days[days.length - 1].end };
  const query = (params.get('q') ?? '').trim().slice(0, 80);
  const [services, bookings, matches, sites] = await Promise.all([
    listBookableServices(event.locals.supabase, business.id),
    listBookings(event.locals.supabase, business.id, range),
    query ? searchPets(event.locals.supabase, business.id, query) : Promise.resolve(null),
    activeSiteDays(event.locals.supabase, business.id), // the day's opening hours (h1)
  ]);
  return {
    view,
    date,
    today,
    days,
    services,
    bookings,
    load: occupancy(services, bookings, days),
    query,
    matches,
    now: new Date().toISOString(),
    hours: view === 'day' ? hoursLine(sites, date) : null,
  };
};

const uuid = (message: string) => z.uuid({ message });
const optionalLocal = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

const bookForm = z.object({
  pet_id: uuid('Pick a pet.'),
  service_id: uuid('Pick a service.'),
  starts_at: z.string().trim().min(1, 'Say when the booking starts.'),
  ends_at: optionalLocal,
  notes: z
    .string()
    .trim()
    .max(1000, 'Keep notes under 1000 characters.')
    .transform((v) => v || undefined)
    .optional(),
  confirm: z.literal('on').optional(),
  confirm_past: z.literal('on').optional(),
});

const bookingForm = z.object({ booking_id: uuid('Pick a booking.') });
const cancelForm = bookingForm.extend({
  reason: z
    .string()
    .trim()
    .min(1, 'Say why the booking is cancelled.')
    .max(500, 'Keep the reason under 500 characters.'),
});

type Event = Parameters<Actions[string]>[0];
/** What an action on a booking ends with: the database's outcome (with a notice of its own), or a refusal. */
type Answer = (BookingOutcome & { notice?: string }) | string;
type FoundBooking = NonNullable<Awaited<ReturnType<typeof findBooking>>> & { businessId: string };

/** Actions on one booking: check it is this business's, then let the database decide. */
async function onBooking<S extends z.ZodType<{ booking_id: string }>>(
  event: Event,
  action: string,
  schema: S,
  run: (data: z.output<S>, booking: FoundBooking) => Promise<Answer>,
  done: string,
) {
  const { business } = await requireSeat(event);
  const form = await event.request.formData();
  const bookingId = textField(form, 'booking_id');
  const parsed = parseForm(schema, form);
  if (!parsed.ok)
    return fail(400, {
      action,
      bookingId,
      errors: parsed.errors as FieldErrors,
      values: { reason: textField(form, 'reason') },
    });
  const booking = await findBooking(event.locals.supabase, business.id, parsed.data.booking_id);
  if (!booking)
    return fail(404, {
      action,
      bookingId,
      errors: { form: 'That booking no longer exists.' } as FieldErrors,
      values: { reason: '' },
    });
  const answer = await run(parsed.data, { ...booking, businessId: business.id });
  // a string is a refusal the page makes itself, before asking the database
  const result: BookingOutcome = typeof answer === 'string' ? { ok: false, message: answer } : answer;
  if (!result.ok)
    return fail(409, {
      action,
      bookingId,
      errors: { form: result.message } as FieldErrors,
      values: { reason: textField(form, 'reason') },
    });
  const notice = typeof answer !== 'string' && answer.notice ? answer.notice : done;
  return { action, bookingId, notice, status: result.status };
}

/** Who, if anyone, the freed place went to. */
function cancelNotice(promoted: Waiting[]): string {
  if (!promoted.length) return 'Booking cancelled. Nobody on the waitlist could take the place.';
  const names = promoted.map((w) => w.petName).join(' and ');
  return `Booking cancelled. ${names} moved from the waitlist into the freed place.`;
}

export const actions: Actions = {
  book: async (event) => {
    const { business } = await requireSeat(event);
    const form = await event.request.formData();
    const values = {
      pet_id: textField(form, 'pet_id'),
      service_id: textField(form, 'service_id'),
      starts_at: textField(form, 'starts_at'),
      ends_at: textField(form, 'ends_at'),
      notes: textField(form, 'notes'),
      confirm: textField(form, 'confirm'),
      confirm_past: textField(form, 'confirm_past'),
    };
    const parsed = parseForm(bookForm, form);
    if (!parsed.ok) return fail(400, { action: 'book', values, errors: parsed.errors as FieldErrors });
    const startsAt = localToInstant(business.timezone, parsed.data.starts_at);
    if (!startsAt)
      return fail(400, { action: 'book', values, errors: { starts_at: 'Enter a date and time.' } as FieldErrors });
    const endsAt = parsed.data.ends_at ? localToInstant(business.timezone, parsed.data.ends_at) : undefined;
    if (endsAt === null)
      return fail(400, { action: 'book', values, errors: { ends_at: 'Enter a date and time.' } as FieldErrors });
    const start = bookingStartCheck(startsAt, new Date(), parsed.data.confirm_past === 'on');
    if (!start.ok)
      return fail(400, { action: 'book', values, errors: { [start.field]: start.message } as FieldErrors });
    if (endsAt && Date.parse(endsAt) <= Date.parse(startsAt))
      return fail(400, {
        action: 'book',
        values,
        errors: { ends_at: 'The booking must end after it starts.' } as FieldErrors,
      });

    const result = await bookService(event.locals.supabase, {
      serviceId: parsed.data.service_id,
      petId: parsed.data.pet_id,
      startsAt,
      endsAt,
      notes: parsed.data.notes,
      confirm: parsed.data.confirm === 'on',
    });
    if (!result.ok) return fail(409, { action: 'book', values, errors: { form: result.message } as FieldErrors });
    const notice =
      result.status === 'waitlisted'
        ? 'The day is full: the booking is on the waitlist and will get the next free place.'
        : `Booked (${result.status}).`;
    return { action: 'book', bookingId: result.id, notice, status: result.status };
  },

  confirm: (event) =>
    onBooking(
      event,
      'confirm',
      bookingForm,
      (d) => confirmBooking(event.locals.supabase, d.booking_id),
      'Booking confirmed.',
    ),

  cancel: (event) =>
    onBooking(
      event,
      'cancel',
      cancelForm,
      async (d, booking) => {
        const supabase = event.locals.supabase;
        const waiting = await waitlistedAlongside(supabase, booking.businessId, d.booking_id);
        const result = await cancelBooking(supabase, d.booking_id, d.reason);
        if (!result.ok) return result;
        return { ...result, notice: cancelNotice(await promotedFrom(supabase, waiting)) };
      },
      'Booking cancelled.',
    ),

  noShow: (event) =>
    onBooking(
      event,
      'noShow',
      bookingForm,
      // the database allows requested/confirmed → no_show at any time; a no-show before the visit has
      // begun is not a no-show, so the page holds that line
      async (d, booking) =>
        Date.parse(booking.startsAt) > Date.now()
          ? 'A booking can only be marked as a no-show once its visit has begun.'
          : markNoShow(event.locals.supabase, booking.businessId, d.booking_id),
      'Marked as a no-show.',
    ),
};
