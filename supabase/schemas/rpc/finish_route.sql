-- A driver finishes their route. Stops still pending or arrived are refused unless the driver confirms, and then
-- they are marked skipped with the reason "not served: route finished", so no stop is silently left open.
-- Security definer like start_route.
create function public.finish_route(p_route_id uuid, p_confirm_pending boolean default false) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v public.routes := private.my_route_for_update(p_route_id);
  v_open integer;
begin
  if v.status = 'done' then
    return jsonb_build_object('route_id', v.id, 'status', v.status, 'skipped', 0);  -- a replayed finish
  end if;
  if v.status <> 'in_progress' then
    raise exception 'the route has not started' using errcode = 'PT409', hint = 'drive_route_not_started';
  end if;
  select count(*) into v_open from public.route_stops s where s.route_id = v.id and s.status in ('pending', 'arrived');
  if v_open > 0 and not coalesce(p_confirm_pending, false) then
    raise exception 'stops are still open' using errcode = 'PT409', hint = 'drive_stops_still_open',
      detail = jsonb_build_object('open', v_open)::text;
  end if;
  update public.route_stops set status = 'skipped', skip_reason = coalesce(skip_reason, 'Not served: the route was finished')
  where route_id = v.id and status in ('pending', 'arrived');
  update public.routes set status = 'done' where id = v.id;
  return jsonb_build_object('route_id', v.id, 'status', 'done', 'skipped', v_open);
end
$$;
comment on function public.finish_route(uuid, boolean) is 'The driver finishes their route; open stops only with confirmation (then skipped with a reason).';
revoke execute on function public.finish_route(uuid, boolean) from public, anon;
grant execute on function public.finish_route(uuid, boolean) to authenticated;
