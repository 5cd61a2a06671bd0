// Report cards: staff post the day's photos and note for a pet in care (post_report_card checks who and
// when); the pet's parent reads them. Photos live in the private report-photos bucket under
// <business_id>/<pet_id>/<booking_id>/, and pages get short-lived signed links.
import type { Supabase } from '../supabase.ts';
import { DataError } from './errors.ts';

const BUCKET = 'report-photos';
const SIGNED_SECONDS = 3600;

export interface ReportCard {
  id: string;
  bookingId: string;
  petId: string;
  day: string;
  note: string | null;
  photos: Array<{ path: string; url: string | null }>;
  postedAt: string;
}

export interface BookingForCard {
  id: string;
  businessId: string;
  petId: string;
}

/** The booking a card is for, as the staff member sees it (RLS), or null. */
export async function findBookingForCard(
  supabase: Supabase,
  businessId: string,
  bookingId: string,
): Promise<BookingForCard | null> {
  const { data, error } = await supabase
    .from('bookings')
    .select('id, business_id, pet_id')
    .eq('id', bookingId)
    .eq('business_id', businessId)
    .maybeSingle();
  if (error) throw new DataError(`could not read booking ${bookingId}: ${error.message}`, error.code);
  return data ? { id: data.id, businessId: data.business_id, petId: data.pet_id } : null;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/png': 'png' };

/** Stores the photos under the booking's folder; returns their paths (removes what it stored on failure). */
export async function storeReportPhotos(supabase: Supabase, booking: BookingForCard, files: File[]): Promise<string[]> {
  const paths: string[] = [];
  try {
    for (const file of files) {
      const path = `${booking.businessId}/${booking.petId}/${booking.id}/${crypto.randomUUID()}.${EXTENSIONS[file.type] ?? 'jpg'}`;
      const { error } = await supabase.storage
        .from(BUCKET)
        .upload(path, file, { contentType: file.type, upsert: false });
      if (error) throw new DataError(`could not store ${path}: ${error.message}`);
      paths.push(path);
    }
    return paths;
  } catch (cause) {
    await removeReportPhotos(supabase, paths);
    throw cause;
  }
}

export async function removeReportPhotos(supabase: Supabase, paths: string[]): Promise<void> {
  if (paths.length) await supabase.storage.from(BUCKET).remove(paths);
}

export type PostOutcome =
  { ok: true } | { ok: false; refusal: { code?: string; hint?: string | null; details?: string | null } };

export async function postReportCard(
  supabase: Supabase,
  bookingId: string,
  note: string | null,
  photos: string[],
): Promise<PostOutcome> {
  const { error } = await supabase.rpc('post_report_card', {
    p_booking_id: bookingId,
    p_note: note ?? undefined,
    p_photos: photos,
  });
  if (!error) return { ok: true };
  if (error.hint) return { ok: false, refusal: { code: error.code, hint: error.hint, details: error.details } };
  throw new DataError(`could not post the report card: ${error.message}`, error.code);
}

/** Report cards of the given pets (RLS: staff of the business, or the pets' parent), newest first. */
export async function listReportCards(
  supabase: Supabase,
  filter: { petIds: string[]; day?: string; limit?: number },
): Promise<ReportCard[]> {
  if (!filter.petIds.length) return [];
  let query = supabase
    .from('report_cards')
    .select('id, booking_id, pet_id, day, note, photos, created_at')
    .in('pet_id', filter.petIds)
    .order('day', { ascending: false })
    .order('created_at', { ascending: false })
    .limit(filter.limit ?? 50);
  if (filter.day) query = query.eq('day', filter.day);
  const { data, error } = await query;
  if (error) throw new DataError(`could not read report cards: ${error.message}`, error.code);
  const paths = [...new Set(data.flatMap((c) => c.photos))];
  const urls: Record<string, string> = {};
  if (paths.length) {
    const signed = await supabase.storage.from(BUCKET).createSignedUrls(paths, SIGNED_SECONDS);
    if (signed.error) throw new DataError(`could not sign report photos: ${signed.error.message}`);
    for (const item of signed.data) if (item.path && item.signedUrl && !item.error) urls[item.path] = item.signedUrl;
  }
  return data.map((c) => ({
    id: c.id,
    bookingId: c.booking_id,
    petId: c.pet_id,
    day: c.day,
    note: c.note,
    photos: c.photos.map((path) => ({ path, url: urls[path] ?? null })),
    postedAt: c.created_at,
  }));
}
