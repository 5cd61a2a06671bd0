// The staff zone's guard, shared by the layout's load, the actions and the endpoints below it (actions
// and endpoints do not run layout loads, so each asks again; `locals.seat` looks the seat up only once
// per request). A business the user does not work for is a 404, exactly like one that does not exist:
// Bark Avenue's staff cannot learn that Happy Paws is a customer. Drivers are members but not desk
// staff: they are told where their pages are.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { loginUrl } from '#lib/redirects.ts';
import { worksTheDesk, type StaffSeat } from '#lib/server/db/businesses.ts';
import { listMyClientLinks } from '#lib/server/db/portal.ts';

type Event = Pick<RequestEvent, 'locals' | 'url'> & { params: { slug: string } };

export async function requireSeat({ locals, params, url }: Event): Promise<StaffSeat> {
  if (!locals.user) redirect(303, loginUrl(url.pathname + url.search));
  const seat = await locals.seat(params.slug);
  if (!seat) {
    // A pet parent who opens a staff address is pointed to their portal (the same answer for every
    // slug, so it says nothing about which businesses exist).
    if ((await listMyClientLinks(locals.supabase, locals.user.id)).length)
      error(403, 'These pages are for the staff of a business. Your pets are in your portal at /portal.');
    error(404, 'Not found');
  }
  if (!worksTheDesk(seat.role))
    error(403, 'These pages are for the front desk. Drivers follow their route under /drive.');
  return seat;
}
