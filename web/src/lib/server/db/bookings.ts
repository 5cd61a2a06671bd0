// Bookings as the desk sees and changes them. Reads go through RLS; every change is one of the booking
// rpcs (or, for a no-show, a plain status update the life-cycle trigger checks), running as the
// signed-in user. The database decides capacity, the waitlist and vaccines; refusals it is expected to
// make come back as a sentence for the page, anything else is a DataError.
import { refusalSentence } from '#lib/refusals.ts';
import type { BookingStatus, CalendarService } from '#lib/bookings/calendar.ts';
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

export interface DeskBooking {
  id: string;
  serviceId: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  notes: string | null;
  createdAt: string;
  pet: { id: string; name: string; species: string };
  clientName: string;
  /** The series (recurring, multi-pet) the booking belongs to, if any. */
  seriesId: string | null;
}

export interface BookableService extends CalendarService {
  kind: string;
  priceCents: number;
  durationMinutes: number | null;
}

export type BookingOutcome = { ok: true; id: string; status: BookingStatus } | { ok: false; message: string };

/** Codes the booking rpcs raise on purpose; anything else is a fault, not a refusal. */
const REFUSALS = new Set(['PT404', '23514', '23P01', '22023', '22P02', '22007', '22008', '42501']);

/**
 * One sentence for a refused booking action: the refusal's hint through refusals.ts, or, for a refusal the
 * rpcs do not name (a bad value PostgREST rejects, a policy denial), a sentence by SQLSTATE alone. The
 * database's message is never read.
 */
export function bookingRefusal(error: { code?: string; hint?: string | null; details?: string | null }): string {
  const named = refusalSentence(error);
  if (named) return named;
  switch (error.code) {
    case '42501':
      return 'You are not allowed to do that.';
    case '23P01':
      return 'The booking cannot take a place at that time.';
    case '23514':
      return 'That change is not allowed for this booking.';
    case 'PT404':
      return 'That booking no longer exists.';
    default:
      return 'Those booking details are not valid.';
  }
}

function outcome(
  data: { id: string; status: BookingStatus } | null,
  error: { code?: string; message: string; details?: string | null; hint?: string | null } | null,
  what: string,
): BookingOutcome {
  if (error) {
    if (REFUSALS.has(error.code ?? '')) return { ok: false, message: bookingRefusal(error) };
    throw new DataError(`could not ${what}: ${error.message}`, error.code);
  }
  if (!data) return { ok: false, message: 'That booking no longer exists.' };
  return { ok: true, id: data.id, status: data.status };
}

/** Bookings of the business overlapping [from, to), oldest first, waitlist in the order it is served. */
export async function listBookings(
  supabase: Supabase,
  businessId: string,
  range: { from: string; to: string },
): Promise<DeskBooking[]> {
  const { data, error } = await supabase
    .from('bookings')
    .select(
      'id, service_id, status, starts_at, ends_at, notes, created_at, series_id, pet:pets!inner(id, name, species, client:clients!inner(full_name))',
    )
    .eq('business_id', businessId)
    .lt('starts_at', range.to)
    .gt('ends_at', range.from)
    .order('starts_at')
    .order('created_at')
    .limit(2000);
  if (error) throw new DataError(`could not read bookings: ${error.message}`, error.code);
  return data.map((row) => ({
    id: row.id,
    serviceId: row.service_id,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    notes: row.notes,
    createdAt: row.created_at,
    pet: { id: row.pet.id, name: row.pet.name, species: row.pet.species },
    clientName: row.pet.client.full_name,
    seriesId: row.series_id,
  }));
}

/** How many live bookings (requested, confirmed, waitlisted) each series has from now on: what cancel_series cancels. */
export async function seriesAhead(
  supabase: Supabase,
  businessId: string,
  seriesIds: string[],
  now: string,
): Promise<Record<string, number>> {
  if (!seriesIds.length) return {};
  const { data, error } = await supabase
    .from('bookings')
    .select('series_id')
    .eq('business_id', businessId)
    .in('series_id', seriesIds)
    .gte('starts_at', now)
    .in('status', ['requested', 'confirmed', 'waitlisted'])
    .limit(5000);
  if (error) throw new DataError(`could not count the series' bookings: ${error.message}`, error.code);
  const counts: Record<string, number> = {};
  for (const row of data) if (row.series_id) counts[row.series_id] = (counts[row.series_id] ?? 0) + 1;
  return counts;
}

export async function listBookableServices(supabase: Supabase, businessId: string): Promise<BookableService[]> {
  const { data, error } = await supabase
    .from('services')
    .select('id, name, kind, daily_capacity, price_cents, duration_minutes')
    .eq('business_id', businessId)
    .eq('is_active', true)
    .order('name');
  if (error) throw new DataError(`could not read services: ${error.message}`, error.code);
  return data.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    dailyCapacity: s.daily_capacity,
    priceCents: s.price_cents,
    durationMinutes: s.duration_minutes,
  }));
}

export interface NewBooking {
  serviceId: string;
  petId: string;
  startsAt: string;
  endsAt?: string;
  notes?: string;
  confirm: boolean;
}

/** Books through book_service: a full day comes back waitlisted, bad vaccines come back refused. */
export async function bookService(supabase: Supabase, input: NewBooking): Promise<BookingOutcome> {
  const { data, error } = await supabase.rpc('book_service', {
    p_service_id: input.serviceId,
    p_pet_id: input.petId,
    p_starts_at: input.startsAt,
    p_ends_at: input.endsAt,
    p_notes: input.notes,
    p_confirm: input.confirm,
  });
  return outcome(data, error, 'book');
}

/** One occurrence of a series as the database answered it: booked in a status, or refused with a sentence. */
export interface SeriesLine {
  petId: string;
  startsAt: string;
  bookingId: string | null;
  status: BookingStatus | null;
  refusal: string | null;
}

export type SeriesOutcome = { ok: true; seriesId: string; lines: SeriesLine[] } | { ok: false; message: string };

interface SeriesAnswer {
  series_id: string;
  results: {
    pet_id: string;
    starts_at: string;
    booking_id?: string;
    status?: BookingStatus;
    refused?: { code: string; hint: string; details: string | null };
  }[];
}

/**
 * Books every pet at every start through book_series (each occurrence through book_service: capacity,
 * vaccines, double booking). Every occurrence comes back booked or refused; the series as a whole is
 * refused only when it is empty or over the cap.
 */
export async function bookSeries(
  supabase: Supabase,
  input: { serviceId: string; petIds: string[]; starts: string[]; ends?: string[]; notes?: string; confirm: boolean },
): Promise<SeriesOutcome> {
  const { data, error } = await supabase.rpc('book_series', {
    p_service_id: input.serviceId,
    p_pet_ids: input.petIds,
    p_starts: input.starts,
    p_ends: input.ends,
    p_notes: input.notes,
    p_confirm: input.confirm,
  });
  if (error) {
    if (REFUSALS.has(error.code ?? '')) return { ok: false, message: bookingRefusal(error) };
    throw new DataError(`could not book the series: ${error.message}`, error.code);
  }
  const answer = data as unknown as SeriesAnswer;
  return {
    ok: true,
    seriesId: answer.series_id,
    lines: answer.results.map((r) => ({
      petId: r.pet_id,
      startsAt: r.starts_at,
      bookingId: r.booking_id ?? null,
      status: r.status ?? null,
      refusal: r.refused ? bookingRefusal(r.refused) : null,
    })),
  };
}

/** Cancels the rest of a series (its live bookings from now on); how many were cancelled. */
export async function cancelSeries(supabase: Supabase, seriesId: string, reason: string): Promise<number | string> {
  const { data, error } = await supabase.rpc('cancel_series', { p_series_id: seriesId, p_reason: reason });
  if (error) {
    if (REFUSALS.has(error.code ?? '')) return bookingRefusal(error);
    throw new DataError(`could not cancel the series: ${error.message}`, error.code);
  }
  return data;
}

export async function confirmBooking(supabase: Supabase, bookingId: string): Promise<BookingOutcome> {
  const { data, error } = await supabase.rpc('confirm_booking', { p_booking_id: bookingId });
  return outcome(data, error, 'confirm the booking');
}

/** Cancels; the database hands the freed place to the waitlist in order. */
export async function cancelBooking(supabase: Supabase, bookingId: string, reason: string): Promise<BookingOutcome> {
  const { data, error } = await supabase.rpc('cancel_booking', { p_booking_id: bookingId, p_reason: reason });
  return outcome(data, error, 'cancel the booking');
}

/** There is no rpc for a no-show: the life-cycle trigger alone decides whether the move is allowed. */
export async function markNoShow(supabase: Supabase, businessId: string, bookingId: string): Promise<BookingOutcome> {
  const { data, error } = await supabase
    .from('bookings')
    .update({ status: 'no_show' })
    .eq('id', bookingId)
    .eq('business_id', businessId)
    .select('id, status')
    .maybeSingle();
  return outcome(data, error, 'mark the no-show');
}

/** A booking of the business the page is about, or null (a member of two businesses acts on one at a time). */
export async function findBooking(
  supabase: Supabase,
  businessId: string,
  bookingId: string,
): Promise<{ id: string; status: BookingStatus; startsAt: string; seriesId: string | null } | null> {
  const { data, error } = await supabase
    .from('bookings')
    .select('id, status, starts_at, series_id')
    .eq('id', bookingId)
    .eq('business_id', businessId)
    .maybeSingle();
  if (error) throw new DataError(`could not read the booking: ${error.message}`, error.code);
  return data && { id: data.id, status: data.status, startsAt: data.starts_at, seriesId: data.series_id };
}

export interface Waiting {
  id: string;
  petName: string;
}

/**
 * The waitlisted bookings that a cancellation of `bookingId` could promote: same service, overlapping
 * times. cancel_booking answers only with the cancelled row (the promotion is a trigger's work), so the
 * desk reads these before cancelling and asks afterwards which of them now hold a place.
 */
export async function waitlistedAlongside(
  supabase: Supabase,
  businessId: string,
  bookingId: string,
): Promise<Waiting[]> {
  const booking = await supabase
    .from('bookings')
    .select('service_id, starts_at, ends_at')
    .eq('id', bookingId)
    .eq('business_id', businessId)
    .maybeSingle();
  if (booking.error) throw new DataError(`could not read the booking: ${booking.error.message}`, booking.error.code);
  if (!booking.data) return [];
  const { data, error } = await supabase
    .from('bookings')
    .select('id, pet:pets!inner(name)')
    .eq('business_id', businessId)
    .eq('service_id', booking.data.service_id)
    .eq('status', 'waitlisted')
    .lt('starts_at', booking.data.ends_at)
    .gt('ends_at', booking.data.starts_at)
    .order('created_at');
  if (error) throw new DataError(`could not read the waitlist: ${error.message}`, error.code);
  return data.map((row) => ({ id: row.id, petName: row.pet.name }));
}

/** Which of `waiting` are no longer waitlisted but confirmed: the ones a freed place went to. */
export async function promotedFrom(supabase: Supabase, waiting: Waiting[]): Promise<Waiting[]> {
  if (!waiting.length) return [];
  const { data, error } = await supabase
    .from('bookings')
    .select('id')
    .in(
      'id',
      waiting.map((w) => w.id),
    )
    .eq('status', 'confirmed');
  if (error) throw new DataError(`could not read the waitlist: ${error.message}`, error.code);
  const confirmed = new Set(data.map((row) => row.id));
  return waiting.filter((w) => confirmed.has(w.id));
}
