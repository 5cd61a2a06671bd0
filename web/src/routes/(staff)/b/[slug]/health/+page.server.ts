// The health desk: where each health task starts (review queue, medication round, incidents) and every
// active pet's health record.
import { listActivePets } from '#lib/server/db/health-pets.ts';
import { listReviewQueue } from '#lib/server/db/vaccinations.ts';
import { requireSeat } from '../seat.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const [pets, queue] = await Promise.all([
    listActivePets(event.locals.supabase, business.id),
    listReviewQueue(event.locals.supabase, business.id),
  ]);
  return { pets, waiting: queue.length };
};
