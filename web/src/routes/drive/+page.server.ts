// /drive: the signed-in driver's routes today. The forms work without JavaScript (these actions); with it, the
// page sends the same moves through /drive/ops so they can wait offline and replay.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { driverDay, finishRoute, recordStop, startRoute } from '#lib/server/db/drive.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  event.depends('drive:day');
  const day = await driverDay(event.locals.supabase);
  return { day, userId: event.locals.user?.id ?? null };
};

const routeForm = z.object({ route_id: z.uuid() });
const finishForm = routeForm.extend({ confirm_open: z.literal('yes').optional() });
const stopForm = z.object({
  stop_id: z.uuid(),
  action: z.enum(['arrived', 'done', 'unable']),
  reason: z.string().trim().max(500).optional(),
  op_id: z.uuid().optional(),
});

const read = async (request: Request) => Object.fromEntries(await request.formData());

export const actions: Actions = {
  start: async ({ request, locals }) => {
    const form = routeForm.safeParse(await read(request));
    if (!form.success) return fail(400, { message: 'That route could not be read. Reload the page.' });
    const r = await startRoute(locals.supabase, form.data.route_id);
    return r.ok ? { done: 'started' } : fail(409, { message: r.message, hint: r.hint });
  },
  finish: async ({ request, locals }) => {
    const form = finishForm.safeParse(await read(request));
    if (!form.success) return fail(400, { message: 'That route could not be read. Reload the page.' });
    const r = await finishRoute(locals.supabase, form.data.route_id, form.data.confirm_open === 'yes');
    return r.ok ? { done: 'finished' } : fail(409, { message: r.message, hint: r.hint, routeId: form.data.route_id });
  },
  mark: async ({ request, locals }) => {
    const form = stopForm.safeParse(await read(request));
    if (!form.success) return fail(400, { message: 'That stop could not be read. Reload the page.' });
    const r = await recordStop(locals.supabase, {
      stopId: form.data.stop_id,
      action: form.data.action,
      reason: form.data.reason,
      opId: form.data.op_id,
    });
    return r.ok ? { done: 'marked' } : fail(409, { message: r.message, hint: r.hint, stopId: form.data.stop_id });
  },
};
