-- The one place a partner's vaccination record lands (webhook deliveries, the staff review queue, and later the
-- FHIR vet sync): on the given pet, or else on the unique pet of the partner's business with the record's
-- microchip; the vaccine by name (or code) for the pet's species, the business's catalogue before the global one.
-- Lands a verified partner vaccination and marks the delivery landed, or parks it with a reason staff can act on.
-- Invoker: its callers have checked who may land (receive_partner_event: service role; resolve_partner_event:
-- staff of the business, as a definer). No API role may call it.
create function private.land_partner_record(p_event_id uuid, p_pet_id uuid default null) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_event public.partner_events;
  v_pets uuid[];
  v_pet public.pets;
  v_vaccine_type_id uuid;
  v_vaccine text;
  v_vaccination_id uuid;
  v_reason text;
begin
  select * into v_event from public.partner_events where id = p_event_id for update;
  if not found then
    raise exception 'partner event not found' using errcode = 'PT404', hint = 'partner_event_not_found';
  end if;
  v_vaccine := coalesce(v_event.payload #>> '{vaccine,name}', v_event.payload #>> '{vaccine,code}');

  if p_pet_id is not null then
    v_pets := array(select p.id from public.pets p where p.id = p_pet_id and p.business_id = v_event.business_id);
    if cardinality(v_pets) = 0 then
      raise exception 'pet not found' using errcode = 'PT404', hint = 'pet_not_found';
    end if;
  else
    -- the pet: exactly one of the partner's business with this microchip (chips are compared without case)
    v_pets := array(select p.id from public.pets p
                    where p.business_id = v_event.business_id
                      and upper(p.microchip) = upper(v_event.payload ->> 'microchip'));
  end if;
  if cardinality(v_pets) = 0 then
    v_reason := 'no pet of this business has microchip ' || coalesce(v_event.payload ->> 'microchip', '(none)');
  elsif cardinality(v_pets) > 1 then
    v_reason := cardinality(v_pets) || ' pets of this business share microchip ' || (v_event.payload ->> 'microchip');
  else
    select * into v_pet from public.pets where id = v_pets[1];
    select vt.id into v_vaccine_type_id from public.vaccine_types vt
    where (vt.business_id = v_event.business_id or vt.business_id is null)
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
    values (v_event.business_id, v_pet.id, v_vaccine_type_id, (v_event.payload ->> 'administered_on')::date,
      (v_event.payload ->> 'expires_on')::date, v_event.partner_id, v_event.payload ->> 'batch', 'partner', now())
    returning id into v_vaccination_id;
    update public.partner_events set outcome = 'landed', reason = null, processed_at = now() where id = p_event_id;
  else
    update public.partner_events set outcome = 'parked', reason = v_reason where id = p_event_id;
  end if;
  return jsonb_build_object('event_id', p_event_id,
    'outcome', case when v_reason is null then 'landed' else 'parked' end,
    'reason', v_reason, 'vaccination_id', v_vaccination_id, 'pet_id', v_pet.id);
end
$$;
comment on function private.land_partner_record(uuid, uuid) is
  'Lands a partner delivery''s vaccination on the given pet (or the unique pet by microchip), or parks it with a reason.';
revoke execute on function private.land_partner_record(uuid, uuid) from public;
grant execute on function private.land_partner_record(uuid, uuid) to service_role;
