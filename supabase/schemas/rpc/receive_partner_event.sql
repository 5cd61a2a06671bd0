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
  v_pets uuid[];
  v_pet public.pets;
  v_vaccine_type_id uuid;
  v_vaccine text := coalesce(p_payload #>> '{vaccine,name}', p_payload #>> '{vaccine,code}');
  v_vaccination_id uuid;
  v_reason text;
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

  -- the pet: exactly one of the partner's business with this microchip (chips are compared without case)
  v_pets := array(select p.id from public.pets p
                  where p.business_id = v_partner.business_id
                    and upper(p.microchip) = upper(p_payload ->> 'microchip'));
  if cardinality(v_pets) = 0 then
    v_reason := 'no pet of this business has microchip ' || (p_payload ->> 'microchip');
  elsif cardinality(v_pets) > 1 then
    v_reason := cardinality(v_pets) || ' pets of this business share microchip ' || (p_payload ->> 'microchip');
  else
    select * into v_pet from public.pets where id = v_pets[1];
    -- the vaccine: by name for the pet's species, the business's own catalogue before the global one
    select vt.id into v_vaccine_type_id from public.vaccine_types vt
    where (vt.business_id = v_partner.business_id or vt.business_id is null)
      and vt.species = v_pet.species and lower(vt.name) = lower(btrim(v_vaccine))
    order by vt.business_id nulls last
    limit 1;
    if v_vaccine_type_id is null then
      v_reason := 'no ' || v_pet.species || ' vaccine named ' || coalesce(v_vaccine, '(none)') || ' in the catalogue';
    end if;
  end if;

  if v_reason is null then
    insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, partner_id,
      batch, source, verified_at)
    values (v_partner.business_id, v_pet.id, v_vaccine_type_id, (p_payload ->> 'administered_on')::date,
      (p_payload ->> 'expires_on')::date, p_partner_id, p_payload ->> 'batch', 'partner', now())
    returning id into v_vaccination_id;
    update public.partner_events set outcome = 'landed', processed_at = now() where id = v_event_id;
  else
    update public.partner_events set outcome = 'parked', reason = v_reason where id = v_event_id;
  end if;
  return jsonb_build_object('event_id', v_event_id,
    'outcome', case when v_reason is null then 'landed' else 'parked' end,
    'reason', v_reason, 'vaccination_id', v_vaccination_id, 'replayed', false);
end
$$;
comment on function public.receive_partner_event(uuid, text, text, jsonb) is
  'Records a verified partner webhook once per message id; lands its record on the pet by microchip, or parks it.';
revoke execute on function public.receive_partner_event(uuid, text, text, jsonb) from public, anon, authenticated;
grant execute on function public.receive_partner_event(uuid, text, text, jsonb) to service_role;
