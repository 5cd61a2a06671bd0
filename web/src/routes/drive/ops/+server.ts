// The page's moves with JavaScript: a stop tap, a route start or finish, or a position sample, each carrying the
// id the phone minted (so a replay after a network drop is recorded once). Answers 200 with the rpc's result,
// 4xx with a sentence when refused; the phone keeps the op and retries only when the network failed.
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { finishRoute, recordPosition, recordStop, startRoute } from '#lib/server/db/drive.ts';
import type { RequestHandler } from './$types';

const op = z.discriminatedUnion('kind', [
  z.object({ id: z.uuid(), kind: z.literal('start'), payload: z.object({ route_id: z.uuid() }) }),
  z.object({
    id: z.uuid(),
    kind: z.literal('finish'),
    payload: z.object({ route_id: z.uuid(), confirm_open: z.boolean().default(false) }),
  }),
  z.object({
    id: z.uuid(),
    kind: z.literal('stop'),
    payload: z.object({
      stop_id: z.uuid(),
      action: z.enum(['arrived', 'done', 'unable']),
      reason: z.string().max(500).nullable().default(null),
    }),
  }),
  z.object({
    id: z.uuid(),
    kind: z.literal('position'),
    payload: z.object({
      route_id: z.uuid(),
      lat: z.number(),
      lng: z.number(),
      recorded_at: z.iso.datetime({ offset: true }),
      heading: z.number().nullable().default(null),
      speed: z.number().nullable().default(null),
    }),
  }),
]);

export const POST: RequestHandler = async ({ request, locals }) => {
  if (!locals.user) error(401, 'Sign in again.');
  const parsed = op.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return json({ message: 'The phone sent something this page cannot read.' }, { status: 400 });
  const o = parsed.data;
  const supabase = locals.supabase;
  const r =
    o.kind === 'start'
      ? await startRoute(supabase, o.payload.route_id)
      : o.kind === 'finish'
        ? await finishRoute(supabase, o.payload.route_id, o.payload.confirm_open)
        : o.kind === 'stop'
          ? await recordStop(supabase, {
              stopId: o.payload.stop_id,
              action: o.payload.action,
              reason: o.payload.reason,
              opId: o.id,
            })
          : await recordPosition(supabase, {
              routeId: o.payload.route_id,
              lat: o.payload.lat,
              lng: o.payload.lng,
              recordedAt: o.payload.recorded_at,
              heading: o.payload.heading,
              speed: o.payload.speed,
              clientId: o.id,
            });
  return r.ok
    ? json({ result: r.result }, { headers: { 'cache-control': 'no-store' } })
    : json({ message: r.message, hint: r.hint }, { status: 409 });
};
