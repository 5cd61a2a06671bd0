// The events a business may subscribe a webhook endpoint to (private.webhook_event_types() in
// supabase/schemas/1520_outbound_webhooks.sql holds the same list), with the words the settings page shows.
export const WEBHOOK_EVENTS = [
  { key: 'booking.confirmed', label: 'Booking confirmed' },
  { key: 'booking.cancelled', label: 'Booking cancelled' },
  { key: 'booking.checked_in', label: 'Pet checked in' },
  { key: 'booking.checked_out', label: 'Pet checked out' },
  { key: 'incident.reported', label: 'Incident reported' },
] as const;

export function webhookEventLabel(key: string): string {
  if (key === 'webhook.test') return 'Test event';
  return WEBHOOK_EVENTS.find((e) => e.key === key)?.label ?? key;
}
