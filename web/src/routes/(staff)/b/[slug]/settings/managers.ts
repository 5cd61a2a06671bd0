// The settings pages' guard: owners and managers only. Other desk staff get a 403 page that says why;
// strangers still get the staff zone's 404 (requireSeat), so nobody learns which businesses exist.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { StaffSeat } from '#lib/server/db/businesses.ts';
import { requireSeat } from '../seat.ts';

type Event = Pick<RequestEvent, 'locals' | 'url'> & { params: { slug: string } };

export async function requireManagerSeat(event: Event): Promise<StaffSeat> {
  const seat = await requireSeat(event);
  if (seat.role !== 'owner' && seat.role !== 'manager')
    error(403, 'The settings are for the business’s owners and managers. Ask one of them to make the change.');
  return seat;
}
