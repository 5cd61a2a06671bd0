import { businessDay } from '#lib/time/zone.ts';
import { listMyPets, listTodaysIncidents, listTodaysStays } from '#lib/server/db/portal.ts';
import { petPhotoUrl } from '#lib/server/db/pets.ts';
import { listReportCards } from '#lib/server/db/report-cards.ts';
import { CONNECTED_PARAM, connectedNames, connectedSentence } from '#lib/portal/connected.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { client, business, businesses } = await event.parent(); // guarded by the portal layout
  // Re-run after a live change the page cannot apply itself, and after a reconnect.
  event.depends('portal:home');
  const supabase = event.locals.supabase;
  const day = businessDay(business.timezone);
  const [pets, stays] = await Promise.all([listMyPets(supabase, client.id), listTodaysStays(supabase, client.id, day)]);
  const petIds = pets.map((p) => p.id);
  const [incidents, reportCards, photos] = await Promise.all([
    listTodaysIncidents(supabase, petIds, day),
    listReportCards(supabase, { petIds, day: day.date }),
    Promise.all(pets.map((p) => (p.photoPath ? petPhotoUrl(supabase, p.photoPath) : Promise.resolve(null)))),
  ]);
  return {
    day,
    pets: pets.map((p, i) => ({ id: p.id, name: p.name, species: p.species, breed: p.breed, photoUrl: photos[i] })),
    stays,
    incidents,
    reportCards,
    // after claim by confirmed e-mail: "You're now connected to Happy Paws …" (only the parent's own businesses)
    connected: connectedSentence(connectedNames(event.url.searchParams.get(CONNECTED_PARAM), businesses)),
  };
};
