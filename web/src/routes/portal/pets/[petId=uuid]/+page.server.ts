import { error } from '@sveltejs/kit';
import { findMyPet, listPetStays } from '#lib/server/db/portal.ts';
import { petPhotoUrl } from '#lib/server/db/pets.ts';
import { listReportCards } from '#lib/server/db/report-cards.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { client } = await event.parent(); // guarded by the portal layout
  const supabase = event.locals.supabase;
  const pet = await findMyPet(supabase, client.id, event.params.petId);
  if (!pet) error(404, 'Not found');
  const [stays, reportCards, photoUrl] = await Promise.all([
    listPetStays(supabase, pet.id),
    listReportCards(supabase, { petIds: [pet.id], limit: 60 }),
    pet.photoPath ? petPhotoUrl(supabase, pet.photoPath) : Promise.resolve(null),
  ]);
  return { pet: { ...pet, photoUrl }, stays, reportCards };
};
