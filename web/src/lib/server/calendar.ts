// The parent's calendar feed as iCalendar (RFC 5545), built with ical-generator (CONVENTIONS.md). Each
// booking is one event; its UID stays the booking id so calendar apps update it in place when it moves.
import ical, { ICalEventStatus } from 'ical-generator';

export interface FeedEvent {
  booking_id: string;
  status: string;
  starts_at: string;
  ends_at: string;
  updated_at: string;
  pet_name: string;
  service_name: string;
  business_name: string;
  business_timezone: string;
  address: string | null;
}

const STATUS_WORDS: Record<string, string> = {
  requested: 'requested',
  confirmed: 'confirmed',
  waitlisted: 'on the waiting list',
  checked_in: 'in care',
  checked_out: 'done',
};

export function calendarFeed(events: FeedEvent[], origin: string): string {
  const calendar = ical({
    name: 'PawCentral: my pets',
    prodId: { company: 'PawCentral', product: 'portal', language: 'EN' },
    ttl: 60 * 60,
  });
  for (const e of events) {
    calendar.createEvent({
      id: `${e.booking_id}@pawcentral`,
      start: new Date(e.starts_at),
      end: new Date(e.ends_at),
      stamp: new Date(e.updated_at),
      lastModified: new Date(e.updated_at),
      summary: `${e.pet_name}: ${e.service_name} at ${e.business_name}`,
      description: `${e.pet_name}'s ${e.service_name.toLowerCase()} is ${STATUS_WORDS[e.status] ?? e.status}.`,
      location: e.address ?? e.business_name,
      status:
        e.status === 'requested' || e.status === 'waitlisted' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      url: `${origin}/portal/bookings`,
    });
  }
  return calendar.toString();
}
