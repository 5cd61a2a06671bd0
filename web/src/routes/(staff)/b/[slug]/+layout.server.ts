import { mayOverride } from '#lib/server/db/businesses.ts';
import type { LayoutServerLoad } from './$types';
import { requireSeat } from './seat.ts';

export const load: LayoutServerLoad = async (event) => {
  const { business, role } = await requireSeat(event);
  return { business, role, mayOverride: mayOverride(role) };
};
