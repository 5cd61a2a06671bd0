-- A driver's tap on a stop: 'arrived', 'done' (picked up or dropped off, by the trip's kind) or 'unable' (with a
-- reason). Only on the caller's own route, only while it is in progress, only forward. p_op_id, minted on the
-- phone, makes a replay answer like the first time. Security definer: drivers have no update right on stops or
-- trips; these checks are the rules.
create function public.record_stop_progress(p_stop_id uuid, p_action text, p_reason text default null, p_op_id uuid default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_stop public.route_stops;
  v_route public.routes;
  v_done jsonb;
  v_result jsonb;
  v_reason text := nullif(btrim(p_reason), '');
begin
  if p_op_id is not null then
    select o.result into v_done from private.drive_ops o where o.op_id = p_op_id and o.actor_id = (select auth.uid());
    if found then
      return v_done;
    end if;
  end if;
  select * into v_stop from public.route_stops s where s.id = p_stop_id;
  if not found then
    raise exception 'stop not found' using errcode = 'PT404', hint = 'drive_stop_not_found';
  end if;
  begin
    v_route := private.my_route_for_update(v_stop.route_id);
  exception when sqlstate 'PT404' then
    raise exception 'stop not found' using errcode = 'PT404', hint = 'drive_stop_not_found';
  end;
  select * into v_stop from public.route_stops s where s.id = p_stop_id for update;
  if p_action not in ('arrived', 'done', 'unable') then
    raise exception 'unknown action' using errcode = '22023', hint = 'drive_action_unknown',
      detail = jsonb_build_object('action', p_action)::text;
  end if;
  if v_route.status = 'planned' then
    raise exception 'start the route first' using errcode = 'PT409', hint = 'drive_route_not_started';
  elsif v_route.status = 'done' then
    raise exception 'the route is finished' using errcode = 'PT409', hint = 'drive_route_finished';
  end if;
  if p_action = 'unable' and (v_reason is null or length(v_reason) > 500) then
    raise exception 'say why the stop could not be served' using errcode = '22023', hint = 'drive_unable_reason_required';
  end if;
  if v_stop.status in ('done', 'skipped') or (v_stop.status = 'arrived' and p_action = 'arrived') then
    raise exception 'the stop has moved on' using errcode = 'PT409', hint = 'drive_stop_already_recorded',
      detail = jsonb_build_object('status', v_stop.status)::text;
  end if;
  update public.route_stops
  set status = case p_action when 'arrived' then 'arrived' when 'done' then 'done' else 'skipped' end::public.stop_status,
      skip_reason = case when p_action = 'unable' then v_reason end
  where id = v_stop.id
  returning * into v_stop;
  if p_action = 'done' then
    update public.transport_requests set status = 'done' where id = v_stop.transport_request_id and status = 'in_progress';
  end if;
  v_result := jsonb_build_object('stop_id', v_stop.id, 'status', v_stop.status, 'arrived_at', v_stop.arrived_at,
                                 'done_at', v_stop.done_at, 'skip_reason', v_stop.skip_reason);
  if p_op_id is not null then
    insert into private.drive_ops (op_id, business_id, route_id, actor_id, action, result)
    values (p_op_id, v_stop.business_id, v_stop.route_id, (select auth.uid()), p_action, v_result)
    on conflict (op_id) do nothing;
  end if;
  return v_result;
end
$$;
comment on function public.record_stop_progress(uuid, text, text, uuid) is
  'The driver marks a stop of their started route arrived, done or unable (with a reason); idempotent on p_op_id.';
revoke execute on function public.record_stop_progress(uuid, text, text, uuid) from public, anon;
grant execute on function public.record_stop_progress(uuid, text, text, uuid) to authenticated;
