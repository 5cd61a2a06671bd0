// The secret calendar feed: GET /calendar/<token>.ics, polled by calendar apps without signing in. The token
// is the only credential; calendar_feed_events (security definer, callable by anon) finds the parent by its
// hash. An unknown or revoked token is a plain 404.
import { error } from '@sveltejs/kit';
import { calendarFeed, type FeedEvent } from '#lib/server/calendar.ts';
import type { RequestHandler } from './$types';

const FILE = /^([A-Za-z0-9_-]{20,100})\.ics$/;

export const GET: RequestHandler = async ({ params, locals, url }) => {
  const token = FILE.exec(params.file)?.[1];
  if (!token) error(404, 'Not found');
  const { data, error: failed } = await locals.supabase.rpc('calendar_feed_events', { p_token: token });
  if (failed) {
    if (failed.code === 'PT404') error(404, 'Not found');
    throw new Error(`could not read the calendar feed: ${failed.message}`);
  }
  return new Response(calendarFeed((data ?? []) as FeedEvent[], url.origin), {
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="pawcentral.ics"',
      'cache-control': 'private, max-age=300',
      'x-robots-tag': 'noindex',
    },
  });
};
