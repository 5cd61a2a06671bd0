// The pet taxi's vans: name, seats, depot (where a day starts and ends), active, usual driver. Staff read
// them (dispatch plans with them); owners and managers add, change and remove them (RLS enforces it too).
import { error, fail } from '@sveltejs/kit';
import { formError, parseForm, textField } from '#lib/forms.ts';
import { mayOverride } from '#lib/server/db/businesses.ts';
import { DataError, refusalSentence } from '#lib/server/db/errors.ts';
import { defaultDepot, listDrivers, listVehicles, removeVehicle, saveVehicle } from '#lib/server/db/vehicles.ts';
import { removeVehicleForm, vehicleForm } from '#lib/transport/forms.ts';
import { requireSeat } from '../../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business, role } = await requireSeat(event);
  const supabase = event.locals.supabase;
  const [vehicles, drivers, depot] = await Promise.all([
    listVehicles(supabase, business.id),
    listDrivers(supabase, business.id),
    defaultDepot(supabase, business.id),
  ]);
  return { vehicles, drivers, depot, mayManage: mayOverride(role) };
};

const FIELDS = ['id', 'name', 'seats', 'depot_lat', 'depot_lng', 'active', 'default_driver_id'];

export const actions: Actions = {
  save: async (event) => {
    const { business, role } = await requireSeat(event);
    if (!mayOverride(role)) error(403, 'Only owners and managers change the vans.');
    const form = await event.request.formData();
    const values = Object.fromEntries(FIELDS.map((n) => [n, textField(form, n)]));
    const parsed = parseForm(vehicleForm, form);
    if (!parsed.ok) return fail(400, { values, errors: parsed.errors, editing: values.id || 'new' });
    const drivers = await listDrivers(event.locals.supabase, business.id);
    if (parsed.data.default_driver_id && !drivers.some((d) => d.userId === parsed.data.default_driver_id))
      return fail(400, {
        values,
        errors: { default_driver_id: 'Choose one of the business’s members.' },
        editing: values.id || 'new',
      });
    try {
      const id = await saveVehicle(event.locals.supabase, business.id, parsed.data);
      if (!id)
        return fail(404, { values, errors: formError('That van no longer exists.'), editing: values.id || 'new' });
    } catch (cause) {
      if (!(cause instanceof DataError)) throw cause;
      const message =
        cause.code === '23505'
          ? 'Another van already has that name. Pick a different one.'
          : (refusalSentence(cause.code, 'The van') ?? 'The van could not be saved. Try again.');
      const errors = cause.code === '23505' ? { name: message } : formError(message);
      console.error(cause);
      return fail(cause.code === '23505' ? 409 : 500, { values, errors, editing: values.id || 'new' });
    }
    return { saved: parsed.data.id ? `${parsed.data.name} saved.` : `${parsed.data.name} added.` };
  },

  remove: async (event) => {
    const { business, role } = await requireSeat(event);
    if (!mayOverride(role)) error(403, 'Only owners and managers change the vans.');
    const parsed = parseForm(removeVehicleForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { errors: formError('That van was not found.') });
    const removed = await removeVehicle(event.locals.supabase, business.id, parsed.data.id);
    if (!removed) return fail(404, { errors: formError('That van was already removed.') });
    return { saved: 'Van removed.' };
  },
};
