/**
 * What the webhook reads and writes, as the service role (partners hold no user session). The handler depends
 * only on this interface; `supabase-store.ts` implements it over REST and the tests with an in-memory fake.
 */

export interface PartnerRow {
  id: string;
  business_id: string;
  /** The partner's active signing secrets (`whsec_…`), at most two during a rotation. */
  secrets: string[];
}

export interface Received {
  outcome: 'landed' | 'parked';
  reason: string | null;
  /** True when this message id was accepted before: nothing was written this time. */
  replayed: boolean;
  vaccination_id?: string | null;
}

export interface PartnerStore {
  /** The partner with its active secrets, or null when there is no such partner. */
  partner(partnerId: string): Promise<PartnerRow | null>;
  /**
   * Records a verified delivery once per message id and lands or parks its record, in one transaction.
   * Throws a 409 StoreError when the message id was already used for a different message.
   */
  receive(partnerId: string, messageId: string, type: string, payload: unknown): Promise<Received>;
  /** Records a refused delivery (no body kept) with the reason the partner was told. */
  refuse(partnerId: string, messageId: string | null, reason: string): Promise<void>;
}

/** A store failure with the HTTP status it should surface as; its message is safe to show a partner. */
export class StoreError extends Error {
  status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'StoreError';
    this.status = status;
  }
}
