-- Records a delivery the partner-webhook function refused (bad signature, stale timestamp, malformed or
-- oversized body) for the partner's audit trail. Nothing of the unverified body is kept, and the row stays
-- out of the idempotency key, so a forgery cannot claim the id of a genuine message. Service role only.
create function public.refuse_partner_delivery(p_partner_id uuid, p_message_id text, p_reason text) returns uuid
language sql
volatile
security invoker
set search_path = ''
as $$
  insert into public.partner_events (business_id, partner_id, message_id, type, payload, outcome, reason, processed_at)
  select p.business_id, p.id, nullif(left(p_message_id, 200), ''), 'unverified', '{}'::jsonb, 'refused', p_reason, now()
  from public.partners p where p.id = p_partner_id
  returning id
$$;
comment on function public.refuse_partner_delivery(uuid, text, text) is
  'Records a refused partner webhook delivery with its reason, keeping none of its body.';
revoke execute on function public.refuse_partner_delivery(uuid, text, text) from public, anon, authenticated;
grant execute on function public.refuse_partner_delivery(uuid, text, text) to service_role;
