// One place that turns a refusal from the database into a sentence for a person. The rpcs name every refusal
// with a `hint` key and carry its values as JSON in `details` (supabase/schemas/README.md lists them); this
// module keys on those, never on the database's message, which stays in the logs.

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

/** Sentences by hint key; a function when the sentence names a value from `details`. */
const SENTENCES: Record<string, string | ((detail: Record<string, unknown>) => string)> = {
  tag_not_found: (d) =>
    `No pet wears ${text(d.uid) ? `tag ${text(d.uid)}` : 'that tag'} here. Register the tag on the pet’s page first.`,
  walk_in_service_not_found: 'That service is not offered here any more. Pick another for the walk-in.',
  service_not_found: 'That service does not exist or is no longer offered.',
  pet_not_found: 'That pet is not an active pet of this business.',
  booking_not_found: 'That booking no longer exists.',
  not_staff_of_business: 'You do not work at this business, so you cannot scan tags here.',
  scan_staff_only: 'Only the staff of a business can check pets in and out.',
  override_managers_only: 'Only an owner or a manager can let a pet in past the vaccine check.',
  business_required: 'You work at several businesses: open the scanner from the business you are in.',
  booking_ends_before_start: 'The booking must end after it starts.',
  service_fully_booked: (d) => `The service is fully booked${text(d.day) ? ` on ${text(d.day)}` : ''}.`,
  tag_taken: (d) => `Tag ${text(d.uid)} is already worn by another pet of this business.`,
  last_owner_stays: 'A business needs an owner: the last owner cannot leave or be demoted.',
  parent_may_only_request: 'A pet parent can only request a booking; the desk confirms it.',
  parent_may_only_cancel: 'A pet parent can only cancel a booking.',
  confirmed_booking_staff_only: 'Only the desk can change a confirmed booking.',
  sign_in_required: 'Sign in first.',
  capacity_below_bookings: (d) =>
    `The capacity cannot be lower than ${String(d.booked ?? 'the')} places already booked on ${text(d.day) || 'a coming day'}. Move or cancel bookings first.`,
  owner_role_owners_only: 'Only an owner can make someone an owner, or change or remove an owner.',
  client_already_linked: 'This client already has a portal login.',
  client_not_found: 'That client is not a client of this business.',
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
};

/** A sentence for a refusal the rpcs name, or null when the hint is not one this module knows. */
export function refusalSentence(refusal: Refusal): string | null {
  const sentence = refusal.hint ? SENTENCES[refusal.hint] : undefined;
  if (sentence === undefined) return null;
  return typeof sentence === 'string' ? sentence : sentence(refusalDetail(refusal));
}
