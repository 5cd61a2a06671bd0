// Vaccine types: the global catalogue (read-only) and the business's own — add, edit, deactivate or offer
// again, and delete only one nothing names (the database refuses the others with a sentence).
import { fail } from '@sveltejs/kit';
import { formError, parseForm } from '#lib/forms.ts';
import {
  createVaccineType,
  deleteVaccineType,
  listVaccineTypes,
  setVaccineTypeActive,
  updateVaccineType,
} from '#lib/server/db/vaccine-types.ts';
import { idSchema } from '#lib/team/invitations.ts';
import { vaccineTypeSchema } from '#lib/vaccines/forms.ts';
import { requireManager } from '../guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireManager(event);
  return { vaccines: await listVaccineTypes(event.locals.supabase, business.id) };
};

type Event = Parameters<Actions[string]>[0];

function echo(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === 'string') values[k] = v;
  return values;
}

async function save(event: Event, target: 'new' | 'edit') {
  const { business } = await requireManager(event);
  const form = await event.request.formData();
  const values = echo(form);
  const id = target === 'new' ? 'new' : values.id || '';
  const parsed = parseForm(vaccineTypeSchema, form);
  if (!parsed.ok) return fail(400, { target: id, values, errors: parsed.errors });
  const saved =
    target === 'new'
      ? await createVaccineType(event.locals.supabase, business.id, parsed.data)
      : await updateVaccineType(event.locals.supabase, business.id, id, parsed.data);
  if (!saved.ok) return fail(400, { target: id, values, errors: formError(saved.message) });
  return { target: id, notice: `${parsed.data.name} ${target === 'new' ? 'added' : 'saved'}.` };
}

async function byId(
  event: Event,
  run: (id: string, businessId: string) => Promise<{ ok: boolean; message?: string }>,
  notice: string,
) {
  const { business } = await requireManager(event);
  const parsed = parseForm(idSchema, await event.request.formData());
  if (!parsed.ok) return fail(400, { target: 'list', errors: formError(parsed.errors.id ?? 'Reload the page.') });
  const done = await run(parsed.data.id, business.id);
  if (!done.ok) return fail(400, { target: 'list', errors: formError(done.message ?? 'Reload the page.') });
  return { target: 'list', notice };
}

export const actions: Actions = {
  create: (event) => save(event, 'new'),
  update: (event) => save(event, 'edit'),
  deactivate: (event) =>
    byId(
      event,
      (id, b) => setVaccineTypeActive(event.locals.supabase, b, id, false),
      'Vaccine deactivated: no longer asked for; its records stay.',
    ),
  reactivate: (event) =>
    byId(event, (id, b) => setVaccineTypeActive(event.locals.supabase, b, id, true), 'Vaccine offered again.'),
  delete: (event) => byId(event, (id, b) => deleteVaccineType(event.locals.supabase, b, id), 'Vaccine deleted.'),
};
