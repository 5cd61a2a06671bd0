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
};

/** A sentence for a refusal the rpcs name, or null when the hint is not one this module knows. */
export function refusalSentence(refusal: Refusal): string | null {
  const sentence = refusal.hint ? SENTENCES[refusal.hint] : undefined;
  if (sentence === undefined) return null;
  return typeof sentence === 'string' ? sentence : sentence(refusalDetail(refusal));
}
