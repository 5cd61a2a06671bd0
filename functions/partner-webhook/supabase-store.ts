import { createClient, type PostgrestError } from '@supabase/supabase-js';
import { StoreError, type PartnerStore, type Received } from './store.ts';

/**
 * PartnerStore over Supabase REST with the service role key: the only role that may read a partner's secrets
 * and call the landing rpcs. Database messages stay in the log; a partner sees a sentence of ours.
 */
export function supabaseStore(url: string, serviceRoleKey: string): PartnerStore {
  const db = createClient(url, serviceRoleKey, { auth: { persistSession: false, autoRefreshToken: false } });
  const check = <T>(r: { data: T; error: PostgrestError | null }): T => {
    if (r.error) throw failure(r.error);
    return r.data;
  };

  return {
    async partner(id) {
      const row = check(await db.from('partners').select('id, business_id').eq('id', id).maybeSingle());
      if (!row) return null;
      const creds =
        check(
          await db
            .from('partner_credentials')
            .select('secret')
            .eq('partner_id', id)
            .is('revoked_at', null)
            .order('created_at'),
        ) ?? [];
      return { ...row, secrets: creds.map((c: { secret: string }) => c.secret) };
    },
    async receive(partnerId, messageId, type, payload) {
      return check(
        await db.rpc('receive_partner_event', {
          p_partner_id: partnerId,
          p_message_id: messageId,
          p_type: type,
          p_payload: payload,
        }),
      ) as Received;
    },
    async refuse(partnerId, messageId, reason) {
      check(
        await db.rpc('refuse_partner_delivery', { p_partner_id: partnerId, p_message_id: messageId, p_reason: reason }),
      );
    },
  };
}

function failure(error: PostgrestError): Error {
  console.error('partner-webhook store:', error.code, error.message);
  if (error.hint === 'message_id_reused')
    return new StoreError(409, 'this webhook-id was already used for a different message');
  return new Error(`store failed (${error.code})`);
}
