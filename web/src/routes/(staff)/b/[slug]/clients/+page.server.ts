// The desk's directory: one search box over clients (name, e-mail, phone) and pets (name, microchip).
// A plain GET form, so it works without JavaScript; the page's script re-runs this load as you type.
import { searchTerm } from '#lib/clients/forms.ts';
import { searchDirectory } from '#lib/server/db/clients.ts';
import { requireSeat } from '../seat.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const query = (event.url.searchParams.get('q') ?? '').slice(0, 80);
  const term = searchTerm(query);
  const hits = term ? await searchDirectory(event.locals.supabase, business.id, term) : null;
  return { query, hits };
};
