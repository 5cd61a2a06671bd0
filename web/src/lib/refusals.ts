// One place that turns a refusal from the database into a sentence for a person. The rpcs name every refusal
// with a `hint` key and carry its values as JSON in `details` (supabase/schemas/README.md lists them); this
// module keys on those, never on the database's message, which stays in the logs.
import { formatDay, formatLongDay } from './time/format.ts';

export interface Refusal {
  code?: string;
  hint?: string | null;
  details?: string | null;
}

/** The values a refusal carries in `details` (a JSON object), or an empty object. */
export function refusalDetail(refusal: Refusal): Record<string, unknown> {
  if (!refusal.details) return {};
  try {
    const parsed: unknown = JSON.parse(refusal.details);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `details` parsed whatever its shape (the vaccine refusal carries a JSON array), or null. */
function parsedDetails(refusal: Refusal): unknown {
  if (!refusal.details) return null;
  try {
    return JSON.parse(refusal.details);
  } catch {
    return null;
  }
}

const VACCINE_WORDS: Record<string, string> = {
  missing: 'missing',
  expired: 'expired',
  expires_during_stay: 'expires during the stay',
};

/** The vaccine refusal's `details` is the pet_vaccine_status list: name what is wrong with each. */
function vaccineProblems(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((v): v is { name: string; status: string } => typeof v?.name === 'string' && v.status !== 'valid')
    .map((v) => `${v.name} ${VACCINE_WORDS[v.status] ?? v.status}`);
}

const STATUS_WORDS: Record<string, string> = {
  requested: 'requested',
  confirmed: 'confirmed',
  waitlisted: 'waitlisted',
  checked_in: 'checked-in',
  checked_out: 'checked-out',
  cancelled: 'cancelled',
  no_show: 'no-show',
};

const MOVE_WORDS: Record<string, string> = {
  confirmed: 'confirmed',
  cancelled: 'cancelled',
  no_show: 'marked as a no-show',
  checked_in: 'checked in',
  checked_out: 'checked out',
  waitlisted: 'put on the waitlist',
  requested: 'reopened',
};

const SPECIES_PLURAL: Record<string, string> = {
  dog: 'dogs',
  cat: 'cats',
  rabbit: 'rabbits',
  bird: 'birds',
  other: 'other animals',
};

const day = (value: unknown): string => (text(value) ? formatDay(text(value)) : '');

/** Sentences by hint key; a function when the sentence names a value from `details`. */
const SENTENCES: Record<string, string | ((detail: Record<string, unknown>, raw: unknown) => string)> = {
  tag_not_found: (d) =>
    `No pet wears ${text(d.uid) ? `tag ${text(d.uid)}` : 'that tag'} here. Register the tag on the pet’s page first.`,
  walk_in_service_not_found: 'That service is not offered here any more. Pick another for the walk-in.',
  service_not_found: 'That service does not exist or is no longer offered.',
  pet_not_found: 'That pet is not an active pet of this business.',
  booking_not_found: 'That booking no longer exists.',
  client_not_found: 'That client is not a client of this business.',
  not_staff_of_business: 'You do not work at this business, so you cannot scan tags here.',
  scan_staff_only: 'Only the staff of a business can check pets in and out.',
  override_managers_only: 'Only an owner or a manager can let a pet in past the vaccine check.',
  business_required: 'You work at several businesses: open the scanner from the business you are in.',
  booking_ends_before_start: 'The booking must end after it starts.',
  service_fully_booked: (d) => `The service is fully booked${day(d.day) ? ` on ${day(d.day)}` : ''}.`,
  pet_already_booked: (d) =>
    `${text(d.pet_name) || 'This pet'} is already booked for ${text(d.service_name) || 'this service'}${
      day(d.day) ? ` on ${day(d.day)}` : ' at that time'
    }${d.status === 'waitlisted' ? ' (on the waitlist)' : ''}.`,
  vaccine_blocks_booking: (_d, raw) => {
    const problems = vaccineProblems(raw);
    return problems.length
      ? `The pet cannot be booked: ${problems.join(', ')}.`
      : 'The pet cannot be booked: vaccinations required by this service are missing or expire before the stay ends.';
  },
  series_not_found: 'That series of bookings no longer exists.',
  series_empty: 'Pick at least one pet and one date.',
  series_too_long: (d) =>
    `One booking form can make at most ${typeof d.max === 'number' ? d.max : 120} bookings${
      typeof d.asked === 'number' ? ` (this would make ${d.asked})` : ''
    }: choose fewer days, an earlier end date or fewer pets.`,
  series_ends_mismatch: 'Each date of the series needs its end.',
  booking_move_not_allowed: (d) => {
    const from = text(d.from);
    const to = text(d.to);
    return from && to
      ? `A ${STATUS_WORDS[from] ?? from} booking cannot be ${MOVE_WORDS[to] ?? `moved to ${to}`}.`
      : 'That change is not allowed for this booking.';
  },
  tag_taken: (d) => `Tag ${text(d.uid)} is already worn by another pet of this business.`,
  last_owner_stays: 'A business needs an owner: the last owner cannot leave or be demoted.',
  parent_may_only_request: 'A pet parent can only request a booking; the desk confirms it.',
  parent_may_only_cancel: 'A pet parent can only cancel a booking.',
  confirmed_booking_staff_only: 'Only the desk can change a confirmed booking.',
  // opening hours and onboarding (h1)
  closed_day: (d) =>
    `The site is closed ${text(d.date) ? `on ${longDay(text(d.date))}` : 'that day'}${text(d.reason) ? ` (${text(d.reason)})` : ''}. Pick another day.`,
  outside_opening_hours: (d) =>
    text(d.opens)
      ? `That is outside the opening hours: ${text(d.opens)}–${text(d.closes)}${text(d.date) ? ` on ${longDay(text(d.date))}` : ''}.`
      : `The site closes at ${text(d.closes)} ${text(d.date) ? `on ${longDay(text(d.date))}` : 'that day'}: the visit must end by then.`,
  slug_taken: (d) => `The web address “${text(d.slug)}” is taken. Try another.`,
  slug_invalid: 'Use lower-case letters, digits and single hyphens for the web address, like happy-paws.',
  time_zone_invalid: (d) =>
    `“${text(d.time_zone)}” is not a time zone we know. Pick one from the list, like Europe/London.`,
  currency_invalid: 'Pick a currency from the list (a three-letter ISO 4217 code, like GBP).',
  coordinates_invalid: 'Latitude must lie between −90 and 90 and longitude between −180 and 180; give both or neither.',
  business_name_required: 'Give the business a name.',
  location_name_required: 'Give the location a name.',
  location_not_found: 'That location does not exist or is not one of this business.',
  settings_managers_only: 'Only owners and managers change the settings.',
  opening_hours_invalid: (d) => `Closing must come after opening${weekday(d.weekday)}.`,
  closure_exists: 'That day is already marked closed.',
  opening_hours_overlap: (d) => `One interval per day: the hours overlap${weekday(d.weekday)}.`,
  sign_in_required: 'Sign in first.',
  capacity_below_bookings: (d) =>
    `The capacity cannot be lower than ${String(d.booked ?? 'the')} places already booked on ${text(d.day) || 'a coming day'}. Move or cancel bookings first.`,
  owner_role_owners_only: 'Only an owner can make someone an owner, or change or remove an owner.',
  client_already_linked: 'This client already has a portal login.',
  invitation_not_found: 'This invitation link is not valid. Ask whoever invited you to send a new one.',
  invitation_used: 'This invitation has already been used. Sign in with the account that accepted it.',
  invitation_expired: 'This invitation has expired (they last 7 days). Ask whoever invited you to send a new one.',
  invitation_revoked: 'This invitation was withdrawn or replaced by a newer e-mail. Use the latest link you received.',
  invitation_email_mismatch:
    'This invitation was sent to another e-mail address. Sign out and sign in (or create an account) with that address.',
  invitation_already_member: 'That person is already a member of this business.',
  invitation_pending: 'An invitation to that address is already waiting. Resend it from the list instead.',
  invitation_managers_only: 'Only an owner or a manager can invite staff.',
  invitation_staff_only: 'Only the desk staff of this business can invite a client to the portal.',
  notification_not_found: 'That message no longer exists, or it belongs to another business.',
  notification_not_retryable: (d) =>
    `Only a failed or dead message can be sent again${text(d.status) ? ` (this one is ${text(d.status)})` : ''}.`,
  unsubscribe_link_not_found: 'This unsubscribe link is not valid. Open the newest message and use its link.',
  // outbound webhooks (settings → webhooks)
  webhooks_managers_only: 'Only an owner or a manager can set up webhooks.',
  webhook_url_invalid: 'Enter a web address that starts with https:// (or http://) and names a server.',
  webhook_events_invalid: 'Choose at least one event to send.',
  webhook_description_too_long: 'Keep the description to 200 characters.',
  webhook_endpoint_not_found: 'That webhook no longer exists, or it belongs to another business.',
  notify_claim_out_of_range: 'The dispatcher asked for an impossible batch.',
  report_card_staff_only: 'Only the staff of the business can post report cards.',
  report_card_not_in_care: 'A report card is for a pet checked in today. Check the pet in first.',
  report_card_empty: 'Add a photo or a note before posting the report card.',
  report_card_note_too_long: 'The note is too long: keep it under 1,000 characters.',
  report_card_photo_invalid: 'One of the photos does not belong to this pet. Choose the photos again.',
  report_card_too_many_photos: 'A report card holds at most 8 photos a day.',
  calendar_parents_only: 'Calendar feeds are for pet parents with a client record at a business.',
  calendar_feed_not_found: 'This calendar link was replaced or turned off. Copy the new link from your portal.',
  partner_not_found: 'That partner does not exist here, or your role may not change it.',
  partner_secret_not_found: 'That webhook secret does not exist here, or your role may not revoke it.',
  partner_secret_limit: 'This partner already has two active secrets. Revoke one before generating another.',
  partner_event_not_found: 'That delivery is not one of this business’s partner deliveries.',
  partner_event_not_parked: 'That delivery is no longer waiting for review; someone dealt with it already.',
  dismiss_reason_required: 'Say why the delivery is dismissed.',
  preferred_partner_wrong_kind: (d) =>
    d.field === 'preferred_food_brand_id'
      ? 'Pick a food brand partner as the food brand.'
      : 'Pick a vet partner as the vet.',
  route_vehicle_unknown: 'One of the vans in the plan is not an active van of this business any more. Plan again.',
  list_drivers_staff_only: 'Only the desk of this business can see who drives its vans.',
  // vaccine types and display names (owner, #9)
  vaccine_type_in_use: (d) =>
    `${text(d.name) || 'This vaccine'} cannot be deleted: ${
      typeof d.records === 'number' && d.records > 0
        ? `${d.records} vaccination record${d.records === 1 ? '' : 's'} name${d.records === 1 ? 's' : ''} it`
        : `${text(d.service) || 'a service'} requires it`
    }. Deactivate it instead.`,
  vaccine_type_species_in_use: (d) =>
    `${text(d.name) || 'This vaccine'} already has vaccination records, so its species cannot change. Add a new vaccine for the other species.`,
  vaccine_type_required_by_service: (d) =>
    `${text(d.service) || 'An active service'} requires ${text(d.name) || 'this vaccine'}. Remove it from that service’s required vaccines first.`,
  vaccine_type_inactive_required:
    'A deactivated vaccine cannot be required of every pet. Untick “required” or keep it active.',
  vaccine_type_name_taken: (d) =>
    `There is already a vaccine called “${text(d.name)}” for ${SPECIES_PLURAL[text(d.species)] ?? 'that species'}. Use another name or edit that one.`,
  display_name_invalid: 'Your name needs 1 to 80 characters.',
  // medication schedules (desk, issue 10)
  medication_schedule_not_found: 'That medication is no longer on the pet’s schedule. Reload the page.',
  medication_times_required: 'Give at least one time of day for the medication, like 08:00.',
  not_a_scheduled_time: (d) =>
    `No dose of this medication is scheduled${text(d.time) ? ` at ${text(d.time)}` : ' then'}. Reload the page.`,
  pet_not_in_care: 'A scheduled dose is recorded for a pet checked in now. Check the pet in first.',
  // dispatch: transport requests and hand edits of a plan
  transport_staff_only: 'Only the desk of this business can add or change its pickups and drop-offs.',
  transport_kind_required: 'Choose pickup or drop-off.',
  transport_address_required: 'Enter the address, or give the client an address first.',
  transport_window_invalid: 'The time window must end after it starts.',
  transport_window_too_long: (d) =>
    `A time window is at most ${typeof d.max_hours === 'number' ? d.max_hours : 12} hours.`,
  transport_notes_too_long: 'Keep the notes for the driver under 500 characters.',
  transport_request_not_found: 'That pickup or drop-off no longer exists. Reload the page.',
  transport_request_closed: 'That trip has started or ended, so it can no longer be changed.',
  route_not_found: 'That route no longer exists. Reload the page.',
  route_started: 'That route has started, so its stops stay as they are.',
  route_edit_ids_invalid: 'The edit names its routes wrongly. Reload the page and try again.',
  route_edit_stop_elsewhere: 'One of the stops sits on another route now. Reload the page and try again.',
  route_request_on_started_route: 'A van has started meanwhile with one of these stops. Plan again.',
  // The drivers' page (/drive) and the parents' ETA: supabase/schemas/rpc/{driver_day,start_route,finish_route,
  // record_stop_progress,record_driver_position,pet_eta}.sql
  drive_sign_in: 'Sign in again to see your routes.',
  drive_route_not_found: 'That route is not one of yours. Ask dispatch to check who drives it.',
  drive_stop_not_found: 'That stop is not on one of your routes. Reload the page to see your route as it is now.',
  drive_route_not_started: 'Start the route first.',
  drive_route_finished: 'This route is already finished.',
  drive_other_route_in_progress: 'Another of your routes is still in progress. Finish it before starting this one.',
  drive_route_empty: 'This route has no stops yet. Ask dispatch to plan it.',
  drive_stops_still_open: (d) =>
    `${typeof d.open === 'number' ? (d.open === 1 ? '1 stop is' : `${d.open} stops are`) : 'Some stops are'} not done yet. ` +
    'Mark them, or confirm that you are finishing the route without them.',
  drive_action_unknown: 'That step is not one a stop can take.',
  drive_unable_reason_required: 'Say why you could not serve this stop (up to 500 characters).',
  drive_stop_already_recorded: (d) =>
    `This stop is already ${d.status === 'skipped' ? 'marked as not served' : d.status === 'done' ? 'done' : 'marked arrived'}.`,
  position_route_not_in_progress: 'Your location is shared only while the route is in progress.',
  position_out_of_range: 'Your phone reported a location that cannot be right; it was not shared.',
  position_in_future: "Your phone's clock is ahead; that location was not shared. Check the date and time settings.",
  position_too_old: 'That location was more than 10 minutes old, so it was not shared.',
  position_jump_too_fast: (d) =>
    `That location was ${typeof d.kmh === 'number' ? `${d.kmh} km/h` : 'too far'} from the last one, faster than a van can go; it was not shared.`,
  // portal (issue 11): care-change proposals, cancel cut-off, data export, account deletion
  care_change_needs_review:
    'Care instructions change through a proposal: send it from the pet’s page and the team accepts or declines it.',
  care_proposal_not_found: 'That proposed change no longer exists.',
  care_proposal_staff_only: 'Only the team of the business can accept or decline a proposed change.',
  care_proposal_decision_required: 'Choose whether to accept or decline the change.',
  care_proposal_already_reviewed: (d) =>
    `Someone already ${d.status === 'accepted' ? 'accepted' : 'declined'} this change; reload the page to see it.`,
  care_proposal_note_too_long: (d) => `The note can be at most ${typeof d.max === 'number' ? d.max : 500} characters.`,
  cancel_after_cutoff: (d) => {
    const hours = typeof d.cutoff_hours === 'number' ? d.cutoff_hours : null;
    return hours === null
      ? 'It is too late to cancel this booking online. Call the desk to cancel it.'
      : `Bookings can be cancelled online until ${hours} hour${hours === 1 ? '' : 's'} before they start; this one is too close. Call the desk to cancel it.`;
  },
  data_export_running: 'Your data is already being gathered. Wait for it to finish, then download it.',
  data_export_not_found: 'That download no longer exists. Start a new one.',
  data_export_progress_invalid: 'The download could not be made. Try again.',
  data_export_path_invalid: 'The download could not be made. Try again.',
  account_email_mismatch: 'Type the e-mail address you sign in with, exactly, to confirm.',
  account_has_staff_seats: (d) =>
    `You work at ${typeof d.businesses === 'number' && d.businesses > 1 ? `${d.businesses} businesses` : 'a business'}: leave the team (or hand over ownership) before deleting your account.`,
  // portal (s4): claim by confirmed e-mail
  email_not_confirmed:
    'Confirm your e-mail address first: open the link we sent you. Then your pets at the businesses that know this address appear here.',
};

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** " on Tuesday" for an ISO weekday (1 Monday … 7 Sunday), else nothing. */
function weekday(value: unknown): string {
  return typeof value === 'number' && value >= 1 && value <= 7 ? ` on ${WEEKDAYS[value - 1]}` : '';
}

/** A calendar date (YYYY-MM-DD) as "Tuesday 8 December 2026"; anything else as it came. */
const longDay = (iso: string): string => formatLongDay(iso);

/** A sentence for a refusal the rpcs name, or null when the hint is not one this module knows. */
export function refusalSentence(refusal: Refusal): string | null {
  const sentence = refusal.hint ? SENTENCES[refusal.hint] : undefined;
  if (sentence === undefined) return null;
  return typeof sentence === 'string' ? sentence : sentence(refusalDetail(refusal), parsedDetails(refusal));
}
