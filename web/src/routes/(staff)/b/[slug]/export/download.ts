// The CSV downloads' shared answer: only managers and owners export (the lists hold every client's
// contact details, more than the desk needs to see at once); strangers get the zone's 404. The body
// streams as the rows are read.
import { error, type RequestEvent } from '@sveltejs/kit';
import { csvStream } from '#lib/csv.ts';
import { businessDay } from '#lib/scan/day.ts';
import type { Export } from '#lib/server/db/exports.ts';
import type { Supabase } from '#lib/server/supabase.ts';
import { requireSeat } from '../seat.ts';

type Event = Pick<RequestEvent, 'locals' | 'url'> & { params: { slug: string } };

export async function download(
  event: Event,
  name: string,
  build: (supabase: Supabase, businessId: string) => Export | Promise<Export>,
): Promise<Response> {
  const { business, role } = await requireSeat(event);
  if (role !== 'owner' && role !== 'manager') error(403, 'Only managers and owners can export data.');
  const { header, rows } = await build(event.locals.supabase, business.id);
  const filename = `${business.slug}-${name}-${businessDay(business.timezone).date}.csv`;
  return new Response(csvStream(header, rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
}
