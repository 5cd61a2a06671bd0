// Settings are for a business's owners and managers: the layout's load shows everyone else a 403 page, and
// each settings action asks again (actions do not run layout loads). The database refuses the writes of
// other roles anyway; this only keeps them from pages they cannot use.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { StaffSeat } from '#lib/server/db/businesses.ts';
import { requireSeat } from '../seat.ts';

type Event = Pick<RequestEvent, 'locals' | 'url'> & { params: { slug: string } };

export const MANAGER_ROLES = ['owner', 'manager'] as const;

export async function requireManager(event: Event): Promise<StaffSeat> {
  const seat = await requireSeat(event);
  if (!(MANAGER_ROLES as readonly string[]).includes(seat.role))
    error(403, 'The settings of a business are for its owners and managers. Ask one of them for what you need.');
  return seat;
}
