// The business profile: name, time zone and currency. Owners and managers change it (the businesses policy
// lets both update the profile's columns; the web address stays as created).
import { fail } from '@sveltejs/kit';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { businessProfileForm } from '#lib/onboarding/forms.ts';
import { refusalSentence } from '#lib/refusals.ts';
import { readProfile, saveProfile } from '#lib/server/db/settings.ts';
import type { Actions, PageServerLoad } from './$types';
import { requireManager } from './guard.ts';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireManager(event);
  return { profile: await readProfile(event.locals.supabase, business.id) };
};

export const actions: Actions = {
  save: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const values = {
      name: textField(form, 'name'),
      timezone: textField(form, 'timezone'),
      currency: textField(form, 'currency'),
    };
    const parsed = parseForm(businessProfileForm, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
    const result = await saveProfile(event.locals.supabase, business.id, parsed.data);
    if (!result.ok) {
      const sentence =
        refusalSentence(result.refusal) ?? 'The profile could not be saved: check the form and try again.';
      return fail(400, { values, errors: formError(sentence) });
    }
    return { values, saved: true };
  },
};
