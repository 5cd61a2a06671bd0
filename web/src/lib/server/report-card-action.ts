// The roster's "Report card" form action (mounted by the roster page as `?/reportCard`): a note and up
// to 8 photos (already resized in the browser when JavaScript runs) for one checked-in pet. The files are
// stored first, then post_report_card decides; a refusal removes the files again, so nothing is
// half-written. Every refusal is a sentence beside the form, with the note kept.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { fileProblem, tooLargeMessage } from '#lib/forms-files.ts';
import { readForm } from '#lib/forms.ts';
import { refusalSentence } from '#lib/refusals.ts';
import { REPORT_MAX_PHOTOS, REPORT_NOTE_MAX, REPORT_PHOTO_MAX_BYTES, REPORT_PHOTO_TYPES } from '#lib/reports/limits.ts';
import { worksTheDesk } from './db/businesses.ts';
import { findBookingForCard, postReportCard, removeReportPhotos, storeReportPhotos } from './db/report-cards.ts';

export interface ReportCardResult {
  reportCard: {
    bookingId: string;
    posted?: boolean;
    values?: { note: string };
    errors?: { note?: string; photos?: string; form?: string };
  };
}

const fields = z.object({
  bookingId: z.uuid(),
  note: z
    .string()
    .trim()
    .max(REPORT_NOTE_MAX, `Keep the note under ${REPORT_NOTE_MAX.toLocaleString('en-GB')} characters.`),
});

export async function reportCardAction(event: RequestEvent<{ slug: string }>) {
  const { locals, params, request } = event;
  const read = await readForm(request);
  if (!read.ok) {
    return fail(413, {
      reportCard: { bookingId: '', errors: { photos: tooLargeMessage(REPORT_PHOTO_MAX_BYTES) } },
    } satisfies ReportCardResult);
  }
  const form = read.form;
  const note = typeof form.get('note') === 'string' ? String(form.get('note')) : '';
  const bookingIdRaw = typeof form.get('bookingId') === 'string' ? String(form.get('bookingId')) : '';
  const answer = (status: number, errors: NonNullable<ReportCardResult['reportCard']['errors']>) =>
    fail(status, { reportCard: { bookingId: bookingIdRaw, values: { note }, errors } } satisfies ReportCardResult);

  const seat = await locals.seat(params.slug);
  if (!seat || !worksTheDesk(seat.role))
    return answer(403, { form: 'Only the staff of the business can post report cards.' });

  const parsed = fields.safeParse({ bookingId: bookingIdRaw, note });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return issue?.path[0] === 'note'
      ? answer(400, { note: issue.message })
      : answer(400, { form: 'That booking could not be found. Reload the roster.' });
  }
  const files = form.getAll('photos').filter((f): f is File => f instanceof File && f.size > 0);
  if (files.length > REPORT_MAX_PHOTOS) return answer(400, { photos: `Choose at most ${REPORT_MAX_PHOTOS} photos.` });
  for (const file of files) {
    const problem = await fileProblem(file, REPORT_PHOTO_TYPES, REPORT_PHOTO_MAX_BYTES);
    if (problem) return answer(400, { photos: `${file.name}: ${problem}` });
  }
  if (!files.length && !parsed.data.note)
    return answer(400, { form: 'Add a photo or a note before posting the report card.' });

  const booking = await findBookingForCard(locals.supabase, seat.business.id, parsed.data.bookingId);
  if (!booking) return answer(404, { form: 'That booking could not be found. Reload the roster.' });

  const paths = await storeReportPhotos(locals.supabase, booking, files);
  const outcome = await postReportCard(locals.supabase, booking.id, parsed.data.note || null, paths).catch(
    async (cause: unknown) => {
      await removeReportPhotos(locals.supabase, paths);
      throw cause;
    },
  );
  if (!outcome.ok) {
    await removeReportPhotos(locals.supabase, paths);
    return answer(400, {
      form: refusalSentence(outcome.refusal) ?? 'The report card could not be posted. Try again.',
    });
  }
  return { reportCard: { bookingId: booking.id, posted: true } } satisfies ReportCardResult;
}
