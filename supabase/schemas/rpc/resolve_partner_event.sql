-- The staff review queue: a parked partner delivery (no pet with its microchip, or several) lands on the pet a
-- member of staff picks, through the same landing as the webhook (private.land_partner_record). If the vaccine
-- is still not in the catalogue the delivery stays parked with that reason. The change to the delivery is
-- audited with the caller as actor (partner_events_audit).
-- Definer: staff may not write partner_events or vaccinations with a partner as source directly.
create function public.resolve_partner_event(p_event_id uuid, p_pet_id uuid) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_event public.partner_events;
begin
  select * into v_event from public.partner_events where id = p_event_id for update;
  if not found or not private.has_role(v_event.business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
    raise exception 'partner event not found' using errcode = 'PT404', hint = 'partner_event_not_found';
  end if;
  if v_event.outcome <> 'parked' then
    raise exception 'this delivery is no longer waiting for review' using errcode = 'PT409',
      hint = 'partner_event_not_parked', detail = jsonb_build_object('outcome', v_event.outcome)::text;
  end if;
  return private.land_partner_record(p_event_id, p_pet_id);
end
$$;
comment on function public.resolve_partner_event(uuid, uuid) is
  'Staff land a parked partner delivery on the pet they pick (same landing as the webhook); audited.';
revoke execute on function public.resolve_partner_event(uuid, uuid) from public, anon;
grant execute on function public.resolve_partner_event(uuid, uuid) to authenticated, service_role;
