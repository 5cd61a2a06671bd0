import { createClient, type PostgrestError } from '@supabase/supabase-js';
import type { Claimed, Store } from './dispatch.ts';

/** The outbox over Supabase REST as the service role: the only role that may claim and record. */
export function supabaseStore(
  url: string,
  serviceRoleKey: string,
): Store & { forgetPushSubscription(id: string): Promise<void> } {
  const db = createClient(url, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const check = <T>(r: { data: T; error: PostgrestError | null }, what: string): T => {
    if (r.error) throw new Error(`${what} failed: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  return {
    async claim(limit, leaseSeconds, maxAttempts, businessId) {
      return check(
        await db.rpc('claim_notifications', {
          p_limit: limit,
          p_lease_seconds: leaseSeconds,
          p_max_attempts: maxAttempts,
          p_business_id: businessId ?? null,
        }),
        'claim',
      ) as Claimed[];
    },
    async record(id, claimId, o) {
      return check(
        await db.rpc('record_notification_outcome', {
          p_id: id,
          p_claim_id: claimId,
          p_error: o.error ?? null,
          p_retry_in_seconds: o.retryInSeconds ?? null,
          p_provider_message_id: o.providerMessageId ?? null,
          p_status_code: o.statusCode ?? null,
        }),
        'record',
      ) as string;
    },
    async forgetPushSubscription(id) {
      check(await db.from('push_subscriptions').delete().eq('id', id), 'forget push subscription');
    },
  };
}
