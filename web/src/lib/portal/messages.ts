// The in-app inbox's wording: one sentence per outbox template (the payload fields of the outbox contract).
export interface InboxMessage {
  id: string;
  template: string;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function messageText(template: string, payload: Record<string, unknown>, when: (iso: string) => string): string {
  const pet = text(payload.pet_name) || 'Your pet';
  const at = (v: unknown) => (text(v) ? when(text(v)) : '');
  switch (template) {
    case 'booking_confirmed':
      return `${pet}'s ${text(payload.service_name).toLowerCase() || 'booking'} on ${at(payload.starts_at)} is confirmed.`;
    case 'waitlist_promoted':
      return `A place opened: ${pet}'s ${text(payload.service_name).toLowerCase() || 'booking'} on ${at(payload.starts_at)} is confirmed.`;
    case 'booking_reminder':
      return `Reminder: ${pet}'s ${text(payload.service_name).toLowerCase() || 'booking'} is on ${at(payload.starts_at)}.`;
    case 'vaccine_expiring':
      return `${pet}'s ${text(payload.vaccine_name) || 'vaccination'} expires on ${text(payload.expires_on)}. Upload the new certificate in the portal.`;
    case 'incident_reported':
      return `About ${pet}: ${text(payload.summary)}`;
    case 'report_card_posted':
      return `${pet}'s report card for ${text(payload.date)} is ready.`;
    case 'van_arriving':
      return `The van with ${pet} arrives in about ${text(payload.minutes)} minutes.`;
    case 'picked_up':
      return `${pet} was picked up at ${at(payload.at)}.`;
    case 'dropped_off':
      return `${pet} was dropped off at ${at(payload.at)}.`;
    case 'care_proposal_reviewed': {
      const whose = text(payload.pet_name) ? `${text(payload.pet_name)}'s` : "your pet's";
      const outcome =
        payload.decision === 'accepted'
          ? `Your change to ${whose} care instructions was accepted.`
          : payload.decision === 'rejected'
            ? `Your change to ${whose} care instructions was declined.`
            : `Your change to ${whose} care instructions was reviewed.`;
      return text(payload.note) ? `${outcome} Note from the team: ${text(payload.note)}` : outcome;
    }
    default:
      return 'A message from the team.';
  }
}
