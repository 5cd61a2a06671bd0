// Services: create, edit, deactivate or reactivate (never delete: bookings keep pointing at them).
import { fail } from '@sveltejs/kit';
import { formError, parseForm } from '#lib/forms.ts';
import {
  createService,
  listServices,
  serviceChoices,
  setServiceActive,
  updateService,
} from '#lib/server/db/services.ts';
import { serviceSchema } from '#lib/services/forms.ts';
import { idSchema } from '#lib/team/invitations.ts';
import { requireManager } from '../guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await requireManager(event);
  const [services, choices] = await Promise.all([
    listServices(event.locals.supabase, business.id),
    serviceChoices(event.locals.supabase, business.id),
  ]);
  // the seat carries the business's currency (GBP when unset), which the prices are entered in
  return { services, ...choices, currency: business.currency };
};

function echo(form: FormData) {
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === 'string' && k !== 'vaccine') values[k] = v;
  return { values, vaccines: form.getAll('vaccine').filter((v): v is string => typeof v === 'string') };
}

async function read(event: Parameters<Actions[string]>[0]) {
  const form = await event.request.formData();
  const typed = echo(form);
  const parsed = parseForm(serviceSchema, form);
  const id = typeof form.get('id') === 'string' ? String(form.get('id')) : '';
  return { typed, parsed, id };
}

export const actions: Actions = {
  create: async (event) => {
    const { business } = await requireManager(event);
    const { typed, parsed } = await read(event);
    if (!parsed.ok) return fail(400, { target: 'new', ...typed, errors: parsed.errors });
    const saved = await createService(event.locals.supabase, business.id, {
      ...parsed.data,
      required_vaccine_type_ids: typed.vaccines,
    });
    if (!saved.ok) return fail(400, { target: 'new', ...typed, errors: formError(saved.message) });
    return { target: 'new', notice: `${parsed.data.name} added.` };
  },

  update: async (event) => {
    const { business } = await requireManager(event);
    const { typed, parsed, id } = await read(event);
    if (!parsed.ok) return fail(400, { target: id, ...typed, errors: parsed.errors });
    const saved = await updateService(event.locals.supabase, business.id, id, {
      ...parsed.data,
      required_vaccine_type_ids: typed.vaccines,
    });
    if (!saved.ok) return fail(400, { target: id, ...typed, errors: formError(saved.message) });
    return { target: id, notice: `${parsed.data.name} saved.` };
  },

  deactivate: async (event) => toggle(event, false),
  reactivate: async (event) => toggle(event, true),
};

async function toggle(event: Parameters<Actions[string]>[0], active: boolean) {
  const { business } = await requireManager(event);
  const parsed = parseForm(idSchema, await event.request.formData());
  if (!parsed.ok) return fail(400, { target: 'list', errors: formError(parsed.errors.id ?? 'Reload the page.') });
  const saved = await setServiceActive(event.locals.supabase, business.id, parsed.data.id, active);
  if (!saved.ok) return fail(400, { target: 'list', errors: formError(saved.message) });
  return {
    target: 'list',
    notice: active ? 'Service offered again.' : 'Service deactivated: no new bookings; existing ones stay.',
  };
}
