import { StoreError, type PartnerRow, type PartnerStore, type Received } from './store.ts';

export interface FakePet {
  id: string;
  business_id: string;
  microchip: string;
}

export interface FakeEvent {
  partner_id: string;
  message_id: string | null;
  type: string;
  payload: unknown;
  outcome: 'landed' | 'parked' | 'refused';
  reason: string | null;
}

/** In-memory PartnerStore for tests; mirrors receive_partner_event's idempotency and matching by microchip. */
export class FakeStore implements PartnerStore {
  partners: PartnerRow[];
  pets: FakePet[];
  events: FakeEvent[] = [];
  vaccinations: Array<{ pet_id: string; partner_id: string; payload: unknown }> = [];
  reads = 0;

  constructor(init: { partners: PartnerRow[]; pets: FakePet[] }) {
    this.partners = init.partners;
    this.pets = init.pets;
  }

  partner(id: string) {
    this.reads++;
    return Promise.resolve(this.partners.find((p) => p.id === id) ?? null);
  }

  receive(partnerId: string, messageId: string, type: string, payload: unknown): Promise<Received> {
    const earlier = this.events.find(
      (e) => e.partner_id === partnerId && e.message_id === messageId && e.outcome !== 'refused',
    );
    if (earlier) {
      if (JSON.stringify(earlier.payload) !== JSON.stringify(payload)) {
        return Promise.reject(new StoreError(409, 'this webhook-id was already used for a different message'));
      }
      return Promise.resolve({
        outcome: earlier.outcome as Received['outcome'],
        reason: earlier.reason,
        replayed: true,
      });
    }
    const partner = this.partners.find((p) => p.id === partnerId)!;
    const chip = String((payload as { microchip: string }).microchip).toUpperCase();
    const pets = this.pets.filter((p) => p.business_id === partner.business_id && p.microchip.toUpperCase() === chip);
    const reason =
      pets.length === 0
        ? `no pet of this business has microchip ${chip}`
        : pets.length > 1
          ? `${pets.length} pets share microchip ${chip}`
          : null;
    const outcome = reason ? 'parked' : 'landed';
    this.events.push({ partner_id: partnerId, message_id: messageId, type, payload, outcome, reason });
    if (!reason) this.vaccinations.push({ pet_id: pets[0].id, partner_id: partnerId, payload });
    return Promise.resolve({ outcome, reason, replayed: false });
  }

  refuse(partnerId: string, messageId: string | null, reason: string) {
    this.events.push({
      partner_id: partnerId,
      message_id: messageId,
      type: 'unverified',
      payload: {},
      outcome: 'refused',
      reason,
    });
    return Promise.resolve();
  }
}
