-- A driver starts their route: planned → in progress, its trips in progress. One route at a time per driver.
-- Security definer: drivers have no update right on routes' trips (transport_requests); the checks below are
-- the rules.
create function public.start_route(p_route_id uuid) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v public.routes := private.my_route_for_update(p_route_id);
begin
  if v.status = 'in_progress' then
    return jsonb_build_object('route_id', v.id, 'status', v.status);  -- a replayed start
  end if;
  if v.status = 'done' then
    raise exception 'the route is finished' using errcode = 'PT409', hint = 'drive_route_finished';
  end if;
  if exists (select 1 from public.routes r where r.driver_id = v.driver_id and r.status = 'in_progress' and r.id <> v.id) then
    raise exception 'another route is in progress' using errcode = 'PT409', hint = 'drive_other_route_in_progress';
  end if;
  if not exists (select 1 from public.route_stops s where s.route_id = v.id) then
    raise exception 'the route has no stops' using errcode = 'PT409', hint = 'drive_route_empty';
  end if;
  update public.routes set status = 'in_progress' where id = v.id;
  update public.transport_requests t set status = 'in_progress'
  from public.route_stops s where s.route_id = v.id and t.id = s.transport_request_id and t.status = 'scheduled';
  return jsonb_build_object('route_id', v.id, 'status', 'in_progress');
end
$$;
comment on function public.start_route(uuid) is 'The driver starts their planned route (refused for others'' routes, finished routes, a second route at once).';
revoke execute on function public.start_route(uuid) from public, anon;
grant execute on function public.start_route(uuid) to authenticated;
