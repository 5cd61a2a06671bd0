-- The staff review queue: a parked partner delivery that should not land (a pet that left, a duplicate) is
-- dismissed with the reason staff give. Nothing is written but the delivery's outcome; audited with the caller
-- as actor (partner_events_audit). Definer: staff have no write grant on partner_events.
create function public.dismiss_partner_event(p_event_id uuid, p_reason text) returns jsonb
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
  if length(btrim(coalesce(p_reason, ''))) = 0 then
    raise exception 'a reason is required to dismiss a delivery' using errcode = '22023',
      hint = 'dismiss_reason_required';
  end if;
  update public.partner_events set outcome = 'dismissed', reason = left(btrim(p_reason), 500), processed_at = now()
  where id = p_event_id
  returning * into v_event;
  return jsonb_build_object('event_id', v_event.id, 'outcome', v_event.outcome, 'reason', v_event.reason);
end
$$;
comment on function public.dismiss_partner_event(uuid, text) is
  'Staff dismiss a parked partner delivery with a reason; nothing lands; audited.';
revoke execute on function public.dismiss_partner_event(uuid, text) from public, anon;
grant execute on function public.dismiss_partner_event(uuid, text) to authenticated, service_role;
