// Today's medication round: the pets checked in now, their parents' instructions, the doses already
// given today, and the form to log one (given by the signed-in user, now).
import { fail } from '@sveltejs/kit';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { doseForm, fieldError } from '#lib/health/forms.ts';
import { businessDay } from '#lib/scan/day.ts';
import { listCheckedInPets, listDoses, logDose } from '#lib/server/db/medication.ts';
import { memberNames } from '#lib/server/db/team.ts';
import { requireSeat } from '../../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireSeat(event);
  const day = businessDay(business.timezone);
  const [pets, doses, names] = await Promise.all([
    listCheckedInPets(event.locals.supabase, business.id, day),
    listDoses(event.locals.supabase, business.id, { since: day.start }),
    memberNames(event.locals.supabase, business.id),
  ]);
  return { day, pets, doses, names, userId: event.locals.user?.id ?? null };
};

export const actions: Actions = {
  logDose: async (event) => {
    const { business } = await requireSeat(event);
    const form = await event.request.formData();
    const values = {
      pet_id: textField(form, 'pet_id'),
      medication: textField(form, 'medication'),
      dose: textField(form, 'dose'),
    };
    const parsed = parseForm(doseForm, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
    // Doses here are for pets in care now; the booking ties the dose to the stay.
    const pets = await listCheckedInPets(event.locals.supabase, business.id, businessDay(business.timezone));
    const pet = pets.find((p) => p.petId === parsed.data.pet_id);
    if (!pet) return fail(400, { values, errors: fieldError('pet_id', 'Choose a pet that is checked in.') });
    try {
      await logDose(event.locals.supabase, {
        businessId: business.id,
        petId: pet.petId,
        bookingId: pet.bookingId,
        medication: parsed.data.medication,
        dose: parsed.data.dose,
      });
    } catch (cause) {
      console.error(cause);
      return fail(500, { values, errors: formError('The dose could not be logged. Try again.') });
    }
    return { logged: `${parsed.data.dose} of ${parsed.data.medication} logged for ${pet.name}.` };
  },
};
