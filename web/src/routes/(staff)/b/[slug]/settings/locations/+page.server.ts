// Locations of the business: add, edit, deactivate; each with its weekly opening hours (one interval per
// weekday, or closed) and closed days. Owners and managers only; the policies and set_opening_hours check again.
import { fail } from '@sveltejs/kit';
import { parseForm, textField, type FieldErrors } from '#lib/forms.ts';
import { isUuid } from '#lib/ids.ts';
import { closureForm, locationForm, parseWeek } from '#lib/onboarding/forms.ts';
import { refusalSentence, type Refusal } from '#lib/refusals.ts';
import {
  addClosure,
  addLocation,
  editLocation,
  listLocations,
  removeClosure,
  setHours,
  setLocationActive,
} from '#lib/server/db/settings.ts';
import type { Actions, PageServerLoad } from './$types';
import { requireManager } from '../guard.ts';

/** Every action answers in one shape: which card (`target`) and which of its forms (`part`). */
interface Answer {
  target: string;
  part?: 'place' | 'hours' | 'closure';
  values?: Record<string, string>;
  errors?: FieldErrors;
  saved?: boolean;
  added?: boolean;
}
const out = (answer: Answer): Answer => answer;

const PLACE_FIELDS = ['location_name', 'address', 'latitude', 'longitude'] as const;

export const load: PageServerLoad = async (event) => {
  const { business } = await requireManager(event);
  return {
    locations: await listLocations(event.locals.supabase, business.id),
    welcome: event.url.searchParams.has('welcome'),
  };
};

function sentence(refusal: Refusal, what: string): string {
  return refusalSentence(refusal) ?? `${what} could not be saved: check the form and try again.`;
}

/** The location a form names, if it is a well-formed id (RLS decides whether it is one of ours). */
function locationOf(form: FormData): string | null {
  const id = textField(form, 'location_id');
  return isUuid(id) ? id : null;
}

export const actions: Actions = {
  add: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const values = Object.fromEntries(PLACE_FIELDS.map((f) => [f, textField(form, f)]));
    const parsed = parseForm(locationForm, form);
    if (!parsed.ok) return fail(400, out({ target: 'new', values, errors: parsed.errors }));
    const result = await addLocation(event.locals.supabase, business.id, parsed.data);
    if (!result.ok)
      return fail(400, out({ target: 'new', values, errors: { form: sentence(result.refusal, 'The location') } }));
    return out({ target: 'new', added: true });
  },

  edit: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const id = locationOf(form);
    const values = Object.fromEntries(PLACE_FIELDS.map((f) => [f, textField(form, f)]));
    if (!id) return fail(404, out({ target: 'missing', errors: { form: 'That location no longer exists.' } }));
    const parsed = parseForm(locationForm, form);
    if (!parsed.ok) return fail(400, out({ target: id, part: 'place', values, errors: parsed.errors }));
    const result = await editLocation(event.locals.supabase, business.id, id, parsed.data);
    if (!result.ok)
      return fail(
        400,
        out({ target: id, part: 'place', values, errors: { form: sentence(result.refusal, 'The location') } }),
      );
    return out({ target: id, part: 'place', saved: true });
  },

  toggle: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const id = locationOf(form);
    if (!id) return fail(404, out({ target: 'missing', errors: { form: 'That location no longer exists.' } }));
    const result = await setLocationActive(
      event.locals.supabase,
      business.id,
      id,
      textField(form, 'active') === 'true',
    );
    if (!result.ok)
      return fail(400, out({ target: id, part: 'place', errors: { form: sentence(result.refusal, 'The location') } }));
    return out({ target: id, part: 'place', saved: true });
  },

  hours: async (event) => {
    await requireManager(event);
    const form = await event.request.formData();
    const id = locationOf(form);
    if (!id) return fail(404, out({ target: 'missing', errors: { form: 'That location no longer exists.' } }));
    const values = Object.fromEntries([...form].filter(([, v]) => typeof v === 'string') as [string, string][]);
    const parsed = parseWeek(form);
    if (!parsed.ok) return fail(400, out({ target: id, part: 'hours', values, errors: parsed.errors }));
    const result = await setHours(event.locals.supabase, id, parsed.hours);
    if (!result.ok)
      return fail(
        400,
        out({ target: id, part: 'hours', values, errors: { form: sentence(result.refusal, 'The hours') } }),
      );
    return out({ target: id, part: 'hours', saved: true });
  },

  closure: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const id = locationOf(form);
    if (!id) return fail(404, out({ target: 'missing', errors: { form: 'That location no longer exists.' } }));
    const values = { on_date: textField(form, 'on_date'), reason: textField(form, 'reason') };
    const parsed = parseForm(closureForm, form);
    if (!parsed.ok) return fail(400, out({ target: id, part: 'closure', values, errors: parsed.errors }));
    const result = await addClosure(event.locals.supabase, business.id, id, parsed.data);
    if (!result.ok)
      return fail(
        400,
        out({ target: id, part: 'closure', values, errors: { on_date: sentence(result.refusal, 'The closed day') } }),
      );
    return out({ target: id, part: 'closure', saved: true });
  },

  reopen: async (event) => {
    const { business } = await requireManager(event);
    const form = await event.request.formData();
    const closureId = textField(form, 'closure_id');
    const id = locationOf(form);
    if (!isUuid(closureId) || !id)
      return fail(404, out({ target: 'missing', errors: { form: 'That closed day no longer exists.' } }));
    const result = await removeClosure(event.locals.supabase, business.id, closureId);
    if (!result.ok)
      return fail(
        400,
        out({ target: id, part: 'closure', errors: { form: sentence(result.refusal, 'The closed day') } }),
      );
    return out({ target: id, part: 'closure', saved: true });
  },
};
