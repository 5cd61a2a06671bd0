-- Writes a hand edit of a day's plan (a stop moved to another van or reordered), re-timed by the
-- optimize-route function with the optimiser's travel model: each edited route gets its stops in the new
-- order with their ETAs and its new distance and duration. Only planned routes change; a route that has
-- started keeps its stops. Security definer, like replace_route_plan: it shares that rpc's plan checks
-- (private.check_route_plan, which only definer rpcs call); the caller's role is checked first, by hand (drivers,
-- who may update their own stops, and parents are refused with a reason), and every write is scoped to the
-- business; the audit, life-cycle and realtime triggers still fire with the caller's JWT as actor.
create function public.edit_route_plan(p_business_id uuid, p_service_date date, p_route_ids uuid[], p_routes jsonb) returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_route jsonb;
  v_id uuid;
  v_status public.route_status;
  v_n int := 0;
begin
  if not private.has_role(p_business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
    raise exception 'only staff of the business may plan its routes' using errcode = '42501',
      hint = 'plan_routes_staff_only';
  end if;
  perform private.check_route_plan(p_business_id, p_routes);
  if p_route_ids is null or cardinality(p_route_ids) <> jsonb_array_length(p_routes)
     or cardinality(p_route_ids) <> (select count(distinct x) from unnest(p_route_ids) x) then
    raise exception 'one route id per edited route' using errcode = '22023', hint = 'route_edit_ids_invalid';
  end if;
  perform pg_advisory_xact_lock(hashtextextended('replace_route_plan:' || p_business_id || ':' || p_service_date, 0));
  foreach v_id in array p_route_ids loop
    select r.status into v_status from public.routes r
    where r.id = v_id and r.business_id = p_business_id and r.service_date = p_service_date for update;
    if not found then
      raise exception 'no such route on that day' using errcode = 'PT404', hint = 'route_not_found';
    end if;
    if v_status <> 'planned' then
      raise exception 'the route has started; its stops stay as they are' using errcode = 'PT409', hint = 'route_started',
        detail = jsonb_build_object('route_id', v_id, 'status', v_status)::text;
    end if;
  end loop;
  -- a stop may move only between the edited routes: a request routed elsewhere stays where it is
  if exists (
    select 1 from public.route_stops s, jsonb_array_elements(p_routes) r, jsonb_array_elements(r -> 'stops') st
    where s.transport_request_id = (st ->> 'transport_request_id')::uuid and s.route_id <> all (p_route_ids)) then
    raise exception 'a stop of the edit sits on another route' using errcode = '22023', hint = 'route_edit_stop_elsewhere';
  end if;

  delete from public.route_stops s where s.route_id = any (p_route_ids) and s.business_id = p_business_id;
  for v_route in select e from jsonb_array_elements(p_routes) e loop
    v_n := v_n + 1;
    update public.routes set
      distance_m = (v_route ->> 'distance_m')::int,
      duration_s = (v_route ->> 'duration_s')::int,
      optimised_at = coalesce((v_route ->> 'optimised_at')::timestamptz, optimised_at)
    where id = p_route_ids[v_n] and business_id = p_business_id;
    insert into public.route_stops (route_id, business_id, transport_request_id, seq, planned_eta, leg_seconds)
    select p_route_ids[v_n], p_business_id, (s ->> 'transport_request_id')::uuid, (s ->> 'seq')::int,
           (s ->> 'planned_eta')::timestamptz, (s ->> 'leg_seconds')::int
    from jsonb_array_elements(v_route -> 'stops') s;
  end loop;
  update public.transport_requests t set status = 'scheduled'
  where t.business_id = p_business_id and t.status = 'requested'
    and t.id in (select s.transport_request_id from public.route_stops s where s.route_id = any (p_route_ids));
end
$$;
comment on function public.edit_route_plan(uuid, date, uuid[], jsonb) is
  'Writes re-timed stops of hand-edited planned routes (staff; a started route is refused with PT409 route_started).';
revoke execute on function public.edit_route_plan(uuid, date, uuid[], jsonb) from public, anon;
grant execute on function public.edit_route_plan(uuid, date, uuid[], jsonb) to authenticated;
