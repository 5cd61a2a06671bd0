-- Lands one verified partner webhook in a single transaction: the delivery is recorded (idempotent on the
-- partner's message id), then a vaccination record keyed by microchip lands on the unique matching pet of the
-- partner's business as a verified partner record, or is parked with a reason for staff review. Called only
-- by the partner-webhook function with the service role, after it has checked the signature and the payload.
-- Invoker: the service role writes as itself; no API role may call it.
create function public.receive_partner_event(p_partner_id uuid, p_message_id text, p_type text, p_payload jsonb)
returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_partner public.partners;
  v_event_id uuid;
  v_previous public.partner_events;
begin
  select * into v_partner from public.partners where id = p_partner_id;
  if not found then
    raise exception 'partner not found' using errcode = 'PT404', hint = 'partner_not_found';
  end if;

  -- the delivery, unless this message id was already accepted (a retry): then the first outcome stands
  insert into public.partner_events (business_id, partner_id, message_id, type, payload, outcome)
  values (v_partner.business_id, p_partner_id, p_message_id, p_type, p_payload, 'parked')
  on conflict (partner_id, message_id) where outcome <> 'refused' do nothing
  returning id into v_event_id;
  if v_event_id is null then
    select * into v_previous from public.partner_events
    where partner_id = p_partner_id and message_id = p_message_id and outcome <> 'refused';
    if v_previous.payload is distinct from p_payload or v_previous.type is distinct from p_type then
      raise exception 'message id % was already used for a different message', p_message_id
        using errcode = 'PT409', hint = 'message_id_reused';
    end if;
    return jsonb_build_object('event_id', v_previous.id, 'outcome', v_previous.outcome, 'reason', v_previous.reason,
      'replayed', true);
  end if;

  if p_type <> 'vaccination.recorded.v1' then
    raise exception 'unsupported event type %', p_type using errcode = 'PT422', hint = 'unsupported_event_type';
  end if;

  -- the landing (pet by microchip, vaccine by name) is shared with the staff review queue
  return private.land_partner_record(v_event_id) || jsonb_build_object('replayed', false);
end
$$;
comment on function public.receive_partner_event(uuid, text, text, jsonb) is
  'Records a verified partner webhook once per message id; lands its record on the pet by microchip, or parks it.';
revoke execute on function public.receive_partner_event(uuid, text, text, jsonb) from public, anon, authenticated;
grant execute on function public.receive_partner_event(uuid, text, text, jsonb) to service_role;
