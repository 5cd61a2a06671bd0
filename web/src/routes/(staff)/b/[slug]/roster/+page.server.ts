import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm } from '#lib/forms.ts';
import { hoursLine } from '#lib/onboarding/hours.ts';
import { businessDay } from '#lib/scan/day.ts';
import { parseFilter, type RosterEntry } from '#lib/scan/roster.ts';
import { petSubject } from '#lib/scan/subject.ts';
import { medicationRound } from '#lib/health/schedule.ts';
import { closingTime } from '#lib/scan/late.ts';
import { giveScheduledDose, listSchedules, listSlotDoses } from '#lib/server/db/medication-schedules.ts';
import { listServiceCapacity, listTodaysBookings, siteHours } from '#lib/server/db/roster.ts';
import { memberNames } from '#lib/server/db/team.ts';
import { formatTime } from '#lib/time/format.ts';
import { checkIn, checkInFamily, checkOut } from '#lib/server/db/scans.ts';
import { activeSiteDays } from '#lib/server/db/settings.ts';
import { pendingCareProposals } from '#lib/server/db/care-proposals.ts';
import { requireSeat } from '../seat.ts';
import { reportCardAction } from '#lib/server/report-card-action.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { business } = await event.parent(); // guarded by the layout's load
  // The page re-runs this after a live change it cannot apply itself, and after a reconnect.
  event.depends('staff:roster');
  const day = businessDay(business.timezone);
  const [listed, services, sites, hours, names, pendingCare] = await Promise.all([
    listTodaysBookings(event.locals.supabase, business.id, day),
    listServiceCapacity(event.locals.supabase, business.id),
    activeSiteDays(event.locals.supabase, business.id), // the day's opening hours (h1)
    siteHours(event.locals.supabase, business.id),
    memberNames(event.locals.supabase, business.id),
    pendingCareProposals(event.locals.supabase, business.id), // portal (issue 11): care changes to review
  ]);
  // The business's clock now: which doses are due, and who is still in after closing.
  const now = formatTime(Date.now(), business.timezone);
  const inCare = [...new Set(listed.filter((e) => e.status === 'checked_in').map((e) => e.pet.id))];
  const schedules = await listSchedules(event.locals.supabase, business.id, inCare);
  const doses = await listSlotDoses(
    event.locals.supabase,
    business.id,
    schedules.map((s) => s.id),
    day.date,
  );
  const entries: RosterEntry[] = listed.map((e) => {
    const closes = closingTime(hours.serviceLocation[e.service.id] ?? null, hours.sites, day.date);
    return {
      ...e,
      alerts: e.alerts && { ...e.alerts, closedAt: closes !== null && now >= closes ? closes : null },
      round:
        e.status === 'checked_in'
          ? medicationRound(
              schedules.filter((s) => s.petId === e.pet.id),
              doses,
              now,
            )
          : [],
    };
  });
  return {
    day,
    now,
    names,
    pendingCare,
    entries,
    services,
    hours: hoursLine(sites, day.date),
    filter: parseFilter(event.url.searchParams.get('status')),
  };
};

// Check-in and check-out of a pet picked on the roster (tagged or not): the same rpc core as a tap, so the
// vaccine gate, the manager's audited override and the scan record are the tap's (issue 10, defect 4).
const petForm = z.object({
  pet_id: z.uuid(),
  // minted when the row was drawn, so a double submit is recorded once
  client_scan_id: z
    .uuid()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  override_reason: z
    .string()
    .trim()
    .max(500)
    .transform((v) => v || undefined)
    .optional(),
});

const familyForm = z.object({ client_id: z.uuid() });

const doseForm = z.object({ schedule_id: z.uuid(), slot: z.string().regex(/^\d{2}:\d{2}$/) });

async function petAction(event: Parameters<Actions[string]>[0], action: 'check_in' | 'check_out') {
  const { business } = await requireSeat(event);
  const parsed = parseForm(petForm, await event.request.formData());
  if (!parsed.ok) return fail(400, { message: 'Pick a pet from the roster.' });
  const request = {
    businessId: business.id,
    uid: petSubject(parsed.data.pet_id),
    clientScanId: parsed.data.client_scan_id ?? crypto.randomUUID(),
  };
  const outcome =
    action === 'check_in'
      ? await checkIn(event.locals.supabase, { ...request, overrideReason: parsed.data.override_reason })
      : await checkOut(event.locals.supabase, request);
  if (!outcome.ok) return fail(outcome.refusal.kind === 'forbidden' ? 403 : 400, { message: outcome.refusal.message });
  return { outcomes: [outcome.result] };
}

export const actions: Actions = {
  checkIn: (event) => petAction(event, 'check_in'),
  checkOut: (event) => petAction(event, 'check_out'),
  checkInFamily: async (event) => {
    const { business } = await requireSeat(event);
    const parsed = parseForm(familyForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { message: 'Pick a family from the roster.' });
    const outcome = await checkInFamily(event.locals.supabase, {
      businessId: business.id,
      clientId: parsed.data.client_id,
    });
    if (!outcome.ok)
      return fail(outcome.refusal.kind === 'forbidden' ? 403 : 400, { message: outcome.refusal.message });
    return { outcomes: outcome.family.outcomes };
  },
  // a scheduled dose given now by the signed-in user: one per slot and day, however often it is pressed
  giveDose: async (event) => {
    await requireSeat(event);
    const parsed = parseForm(doseForm, await event.request.formData());
    if (!parsed.ok) return fail(400, { message: 'Pick a dose from the roster.' });
    const given = await giveScheduledDose(event.locals.supabase, parsed.data.schedule_id, parsed.data.slot);
    if (!given.ok) return fail(400, { message: given.message });
    return { dose: { scheduleId: parsed.data.schedule_id, slot: parsed.data.slot, alreadyGiven: given.alreadyGiven } };
  },
  // report cards for checked-in pets (#lib/reports/ReportCardForm.svelte)
  reportCard: reportCardAction,
};
