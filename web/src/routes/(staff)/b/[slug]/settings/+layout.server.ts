import type { LayoutServerLoad } from './$types';
import { requireManager } from './guard.ts';

export const load: LayoutServerLoad = async (event) => {
  await requireManager(event);
  return {};
};
