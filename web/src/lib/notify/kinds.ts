// The message kinds of the outbox (functions/notify/templates.ts) and the channels, named for people.

export const NOTIFICATION_KINDS = [
  { key: 'booking_confirmed', label: 'Booking confirmed' },
  { key: 'waitlist_promoted', label: 'A place opened up (waiting list)' },
  { key: 'booking_reminder', label: 'Booking reminder (the day before)' },
  { key: 'vaccine_expiring', label: 'Vaccination about to expire' },
  { key: 'incident_reported', label: 'Incident report' },
  { key: 'report_card_posted', label: 'Report card posted' },
  { key: 'van_arriving', label: 'Pet taxi arriving' },
  { key: 'picked_up', label: 'Picked up' },
  { key: 'dropped_off', label: 'Dropped off' },
  { key: 'care_proposal_reviewed', label: 'Care change accepted or declined' },
] as const;

export const NOTIFICATION_CHANNELS = [
  { key: 'email', label: 'E-mail' },
  { key: 'sms', label: 'Text message' },
  { key: 'in_app', label: 'In the app' },
  { key: 'push', label: 'Push' },
] as const;

export type NotificationChannel = 'email' | 'sms' | 'push' | 'in_app' | 'webhook';

const KIND_ALIASES: Record<string, string> = { waitlist_place_offered: 'waitlist_promoted' };

/** A person's name for a template key ("Booking reminder"), or the key itself when unknown. */
export function kindLabel(key: string): string {
  const k = KIND_ALIASES[key] ?? key;
  return NOTIFICATION_KINDS.find((x) => x.key === k)?.label ?? key.replace(/_/g, ' ');
}

export function channelLabel(key: string): string {
  return NOTIFICATION_CHANNELS.find((x) => x.key === key)?.label ?? (key === 'webhook' ? 'Webhook' : key);
}
