// The scanner's server side. Check-in and check-out are form actions: they work as plain form posts
// without JavaScript, and the page's script posts to the same actions with fetch (so the session stays
// in httpOnly cookies and every scan runs as the signed-in user through RLS).
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { ScanAction } from '#lib/enums.ts';
import { parseForm } from '#lib/forms.ts';
import { subjectPetId } from '#lib/scan/subject.ts';
import { tagCodeFromText } from '#lib/scan/uid.ts';
import { checkIn, checkOut, type ScanOutcome } from '#lib/server/db/scans.ts';
import { petPhotoUrl, searchPets } from '#lib/server/db/pets.ts';
import { requireSeat } from '../seat.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  // The layout's load has guarded this page already; actions below run without it and guard themselves.
  const { business } = await event.parent();
  const query = (event.url.searchParams.get('q') ?? '').trim().slice(0, 80);
  const matches = query ? await searchPets(event.locals.supabase, business.id, query) : null;
  return { query, matches };
};

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || undefined)
    .optional();

const scanForm = z.object({
  uid: z.string().max(300),
  // Minted by the device when the tag was read (the offline queue's idempotency key); a form posted
  // without JavaScript gets one here.
  client_scan_id: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  device_id: optionalText(100),
  override_reason: optionalText(500),
  walk_in_service_id: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  // A walk-in is a new paid booking: it needs this box ticked, never just one press (issue 10, defect 3).
  confirm_walk_in: z.literal('on').optional(),
});

const STATUS: Record<string, number> = { unknown_tag: 404, forbidden: 403, invalid: 400 };

async function scan(event: Parameters<Actions[string]>[0], action: ScanAction) {
  const { business } = await requireSeat(event);
  const parsed = parseForm(scanForm, await event.request.formData());
  if (!parsed.ok) return fail(400, { action, uid: '', message: Object.values(parsed.errors)[0] ?? 'Invalid scan.' });
  // a pet picked by name (no tag) travels as `pet:<uuid>`; anything else is a tag number
  const picked = subjectPetId(parsed.data.uid);
  const code = picked ? { ok: true as const, uid: parsed.data.uid } : tagCodeFromText(parsed.data.uid);
  if (!code.ok) return fail(400, { action, uid: parsed.data.uid, message: code.message });
  if (parsed.data.walk_in_service_id && !parsed.data.confirm_walk_in) {
    return fail(400, {
      action,
      uid: code.uid,
      message: 'A walk-in is a new paid booking: tick “Yes, book a new walk-in” to confirm it.',
    });
  }

  const request = {
    businessId: business.id,
    uid: code.uid,
    clientScanId: parsed.data.client_scan_id ?? crypto.randomUUID(),
    deviceId: parsed.data.device_id,
  };
  const outcome: ScanOutcome =
    action === 'check_in'
      ? await checkIn(event.locals.supabase, {
          ...request,
          overrideReason: parsed.data.override_reason,
          walkInServiceId: parsed.data.walk_in_service_id,
        })
      : await checkOut(event.locals.supabase, request);
  if (!outcome.ok)
    return fail(STATUS[outcome.refusal.kind], { action, uid: code.uid, message: outcome.refusal.message });
  // The dog's face on the card, so the desk can see it is the right dog (the bucket is private).
  const path = outcome.result.pet.photo_path;
  const photoUrl = path ? await petPhotoUrl(event.locals.supabase, path) : null;
  const result = { ...outcome.result, pet: { ...outcome.result.pet, photo_url: photoUrl } };
  return { action, uid: code.uid, clientScanId: request.clientScanId, result };
}

export const actions: Actions = {
  checkIn: (event) => scan(event, 'check_in'),
  checkOut: (event) => scan(event, 'check_out'),
};
