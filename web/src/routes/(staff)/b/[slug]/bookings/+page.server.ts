// The booking calendar: a day (default today on the business's clock) or a week, per service with its
// places used and free, and the desk's actions. Every change is a form action that works without
// JavaScript; the rules themselves (capacity, waitlist, vaccines, life cycle) are the database's.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { localToInstant, occupancy, parseDate, viewDays, type CalendarView } from '#lib/bookings/calendar.ts';
import { MAX_SERIES, occurrences } from '#lib/bookings/recurrence.ts';
import { bookingStartCheck } from '#lib/forms-dates.ts';
import { parseForm, textField, type FieldErrors } from '#lib/forms.ts';
import { refusalSentence } from '#lib/refusals.ts';
import { businessDay } from '#lib/scan/day.ts';
import { formatDayTime } from '#lib/time/format.ts';
import {
  bookSeries,
  bookService,
  findBooking,
  cancelBooking,
  cancelSeries,
  confirmBooking,
  listBookableServices,
  listBookings,
  markNoShow,
  promotedFrom,
  seriesAhead,
  waitlistedAlongside,
  type BookingOutcome,
  type Waiting,
} from '#lib/server/db/bookings.ts';
import { familyPets, searchPets, type FamilyPet } from '#lib/server/db/pets.ts';
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
  // the other pets of the families found, so a family is booked in one form
  const family: FamilyPet[] = matches?.length
    ? await familyPets(
        event.locals.supabase,
        business.id,
        matches.map((m) => m.id),
      )
    : [];
  const now = new Date().toISOString();
  // the future bookings each series shown here still has: the number a "cancel the series" confirms
  const ahead = await seriesAhead(
    event.locals.supabase,
    business.id,
    [...new Set(bookings.flatMap((b) => (b.seriesId ? [b.seriesId] : [])))],
    now,
  );
  return {
    view,
    date,
    today,
    ahead,
    days,
    services,
    bookings,
    load: occupancy(services, bookings, days),
    query,
    matches,
    family,
    maxSeries: MAX_SERIES,
    now,
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

    // Recurrence and several pets of a family go through book_series; a single booking stays on book_service.
    const alsoPetIds = [...new Set(form.getAll('also_pet_id').map(String))].filter(
      (id) => id !== parsed.data.pet_id && z.uuid().safeParse(id).success,
    );
    const weekdays = [...new Set(form.getAll('repeat_days').map(Number))].filter((n) => n >= 1 && n <= 7);
    const until = parseDate(textField(form, 'repeat_until'));
    const seriesValues = {
      ...values,
      also_pet_id: alsoPetIds.join(','),
      repeat_days: weekdays.join(','),
      repeat_until: textField(form, 'repeat_until'),
    };
    if (weekdays.length || textField(form, 'repeat_until') || alsoPetIds.length) {
      const seriesFail = (field: string, message: string) =>
        fail(400, { action: 'book', values: seriesValues, errors: { [field]: message } as FieldErrors });
      if (weekdays.length && !until) return seriesFail('repeat_until', 'Say until which date the booking repeats.');
      if (!weekdays.length && textField(form, 'repeat_until'))
        return seriesFail('repeat_days', 'Pick the days of the week it repeats on.');
      if (until && until < parsed.data.starts_at.slice(0, 10))
        return seriesFail('repeat_until', 'The last date must be on or after the first.');
      if (alsoPetIds.length) {
        const family = await familyPets(event.locals.supabase, business.id, [parsed.data.pet_id]);
        const ids = new Set(family.map((p) => p.id));
        if (!alsoPetIds.every((id) => ids.has(id)))
          return seriesFail('also_pet_id', 'Only pets of the same family can be booked together.');
      }
      const dates = occurrences(
        { startsAt: parsed.data.starts_at, endsAt: parsed.data.ends_at, weekdays, until: until ?? undefined },
        2000,
      );
      const petIds = [parsed.data.pet_id, ...alsoPetIds];
      const asked = dates.length * petIds.length;
      if (asked > MAX_SERIES)
        return seriesFail(
          'repeat_until',
          refusalSentence({ hint: 'series_too_long', details: JSON.stringify({ max: MAX_SERIES, asked }) }) ?? '',
        );
      const zone = business.timezone;
      const series = await bookSeries(event.locals.supabase, {
        serviceId: parsed.data.service_id,
        petIds,
        starts: dates.map((d) => localToInstant(zone, d.startsAt) ?? ''),
        ends: parsed.data.ends_at ? dates.map((d) => localToInstant(zone, d.endsAt ?? '') ?? '') : undefined,
        notes: parsed.data.notes,
        confirm: parsed.data.confirm === 'on',
      });
      if (!series.ok)
        return fail(409, { action: 'book', values: seriesValues, errors: { form: series.message } as FieldErrors });
      const names = new Map(
        (await familyPets(event.locals.supabase, business.id, [parsed.data.pet_id])).map((p) => [p.id, p.name]),
      );
      const lines = series.lines.map((l) => ({
        when: formatDayTime(l.startsAt, zone),
        pet: names.get(l.petId) ?? '',
        status: l.status,
        text: l.refusal ?? (l.status === 'waitlisted' ? 'on the waitlist' : `booked (${l.status})`),
      }));
      const count = (pick: (l: (typeof lines)[number]) => boolean) => lines.filter(pick).length;
      const booked = count((l) => l.status !== null && l.status !== 'waitlisted');
      const waiting = count((l) => l.status === 'waitlisted');
      const refused = count((l) => l.status === null);
      const notice = `Series of ${lines.length}: ${booked} booked, ${waiting} on the waitlist, ${refused} refused.`;
      return { action: 'book', notice, series: { id: series.seriesId, lines } };
    }

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

  // the rest of a series from now on (cancel_series), confirmed on the row with the number it cancels
  cancelSeries: (event) =>
    onBooking(
      event,
      'cancelSeries',
      cancelForm,
      async (d, booking) => {
        if (!booking.seriesId) return 'That booking is not part of a series.';
        const cancelled = await cancelSeries(event.locals.supabase, booking.seriesId, d.reason);
        if (typeof cancelled === 'string') return cancelled;
        return {
          ok: true,
          id: booking.id,
          status: booking.status,
          notice: `Series cancelled: ${cancelled} future ${cancelled === 1 ? 'booking' : 'bookings'} cancelled; visits already made stay.`,
        };
      },
      'Series cancelled.',
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
