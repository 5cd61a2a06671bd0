// "Create your business": the business, the caller as its owner and its first location in one rpc.
import { fail, redirect } from '@sveltejs/kit';
import { parseForm, textField, type FieldErrors } from '#lib/forms.ts';
import { newBusinessForm } from '#lib/onboarding/forms.ts';
import { refusalSentence } from '#lib/refusals.ts';
import { loginUrl } from '#lib/redirects.ts';
import { createBusiness } from '#lib/server/db/settings.ts';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['name', 'slug', 'timezone', 'currency', 'location_name', 'address', 'latitude', 'longitude'] as const;

/** Which field a refusal of create_business belongs beside. */
const FIELD_OF_HINT: Record<string, string> = {
  slug_taken: 'slug',
  slug_invalid: 'slug',
  time_zone_invalid: 'timezone',
  currency_invalid: 'currency',
  coordinates_invalid: 'latitude',
  business_name_required: 'name',
  location_name_required: 'location_name',
};

export const load: PageServerLoad = ({ locals, url }) => {
  if (!locals.user) redirect(303, loginUrl(url.pathname));
};

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = await request.formData();
    const values = Object.fromEntries(FIELDS.map((f) => [f, textField(form, f)])) as Record<
      (typeof FIELDS)[number],
      string
    >;
    const parsed = parseForm(newBusinessForm, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors });

    const result = await createBusiness(locals.supabase, parsed.data);
    if (!result.ok) {
      const sentence = refusalSentence(result.refusal);
      if (!sentence) throw new Error(`create_business refused: ${result.refusal.code} ${result.refusal.hint ?? ''}`);
      const field = FIELD_OF_HINT[result.refusal.hint ?? ''] ?? 'form';
      return fail(result.refusal.code === '23505' ? 409 : 400, {
        values,
        errors: { [field]: sentence } as FieldErrors,
      });
    }
    redirect(303, `/b/${result.value.slug}/settings/locations?welcome=1`);
  },
};
