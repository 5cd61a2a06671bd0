// A new client with any number of pets in one form and one transaction. Without JavaScript the "Add
// another pet" and "Remove" buttons post here too and come back with the rows changed and nothing lost.
import { fail, redirect } from '@sveltejs/kit';
import { parseNewClient, readNewClient } from '#lib/clients/forms.ts';
import { formError } from '#lib/forms.ts';
import { createClientWithPets } from '#lib/server/db/clients.ts';
import { DataError, refusalSentence } from '#lib/server/db/errors.ts';
import { requireSeat } from '../../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  await requireSeat(event);
};

export const actions: Actions = {
  create: async (event) => {
    const { business } = await requireSeat(event);
    const parsed = parseNewClient(await event.request.formData());
    if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
    let clientId: string;
    try {
      clientId = await createClientWithPets(event.locals.supabase, business.id, parsed.client, parsed.pets);
    } catch (error) {
      // The form checks what the database checks; a refusal here is a rule we do not mirror.
      const refusal = error instanceof DataError ? refusalSentence(error.code, 'The client') : null;
      if (refusal) return fail(400, { values: parsed.values, errors: formError(refusal) });
      throw error;
    }
    redirect(303, `/b/${business.slug}/clients/${clientId}?created=1`);
  },

  addPet: async (event) => {
    await requireSeat(event);
    const values = readNewClient(await event.request.formData());
    return { values: { ...values, pets: [...values.pets, {}] }, errors: {} };
  },

  removePet: async (event) => {
    await requireSeat(event);
    const form = await event.request.formData();
    const values = readNewClient(form);
    // (Not named "remove": a form control's name shadows the form element's own remove() method.)
    const index = Number(form.get('remove_row'));
    return { values: { ...values, pets: values.pets.filter((_, i) => i !== index) }, errors: {} };
  },
};
