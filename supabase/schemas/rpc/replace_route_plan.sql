-- Re-plans a day's planned routes in one transaction (routes that have started are kept) (the optimize-route edge function's writer): over REST a re-plan
-- would take several requests (a failure part-way leaving half a plan), and a plan needing fewer vans must
-- delete routes, which only managers may.

-- Checks the shape of a plan before anything is written, so bad input is refused with a reason.
create function private.check_route_plan(p_business_id uuid, p_routes jsonb) returns void
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_route jsonb;
  v_stop jsonb;
  v_n int := 0;
  v_seqs int[];
  v_request uuid;
  v_requests uuid[] := '{}';
begin
  if p_routes is null or jsonb_typeof(p_routes) <> 'array' then
    raise exception 'p_routes must be a JSON array of routes' using errcode = '22023',
      hint = 'routes_not_array';
  end if;
  for v_route in select e from jsonb_array_elements(p_routes) e loop
    v_n := v_n + 1;
    if jsonb_typeof(v_route) <> 'object' then
      raise exception 'route % is not an object', v_n using errcode = '22023',
        hint = 'route_not_object',
        detail = jsonb_build_object('route', v_n)::text;
    end if;
    if exists (select 1 from jsonb_object_keys(v_route) k
               where k not in ('depot_location_id', 'vehicle_id', 'vehicle_capacity', 'distance_m', 'duration_s', 'optimised_at',
                                 'stops')) then
      raise exception 'route % has unknown fields', v_n using errcode = '22023',
        hint = 'route_unknown_fields',
        detail = jsonb_build_object('route', v_n, 'allowed', array['depot_location_id', 'vehicle_id', 'vehicle_capacity',
          'distance_m', 'duration_s', 'optimised_at', 'stops'])::text;
    end if;
    if jsonb_typeof(v_route -> 'vehicle_capacity') is distinct from 'number'
       or (v_route ->> 'vehicle_capacity') !~ '^\d{1,6}$' then
      raise exception 'route %: vehicle_capacity must be a non-negative integer', v_n using errcode = '22023',
        hint = 'route_capacity_invalid',
        detail = jsonb_build_object('route', v_n)::text;
    end if;
    if coalesce(jsonb_typeof(v_route -> 'distance_m'), 'null') not in ('null', 'number') or (v_route ->> 'distance_m') !~ '^\d{1,9}$'
       or coalesce(jsonb_typeof(v_route -> 'duration_s'), 'null') not in ('null', 'number') or (v_route ->> 'duration_s') !~ '^\d{1,9}$' then
      raise exception 'route %: distance_m and duration_s must be non-negative integers or null', v_n using errcode = '22023',
        hint = 'route_figures_invalid',
        detail = jsonb_build_object('route', v_n)::text;
    end if;
    if coalesce(jsonb_typeof(v_route -> 'optimised_at'), 'null') not in ('null', 'string')
       or coalesce(jsonb_typeof(v_route -> 'depot_location_id'), 'null') not in ('null', 'string')
       or coalesce(jsonb_typeof(v_route -> 'vehicle_id'), 'null') not in ('null', 'string') then
      raise exception 'route %: optimised_at, depot_location_id and vehicle_id must be strings or null', v_n using errcode = '22023',
        hint = 'route_fields_invalid',
        detail = jsonb_build_object('route', v_n)::text;
    end if;
    perform (v_route ->> 'optimised_at')::timestamptz;
    if (v_route ->> 'depot_location_id') is not null and not exists (
      select 1 from public.locations l where l.id = (v_route ->> 'depot_location_id')::uuid and l.business_id = p_business_id) then
      raise exception 'route %: the depot is not a location of this business', v_n using errcode = '22023',
        hint = 'route_depot_unknown',
        detail = jsonb_build_object('route', v_n)::text;
    end if;
    -- the van must be one of this business's active vans
    if (v_route ->> 'vehicle_id') is not null and not exists (
      select 1 from public.vehicles v where v.id = (v_route ->> 'vehicle_id')::uuid and v.business_id = p_business_id and v.active) then
      raise exception 'route %: the vehicle is not an active van of this business', v_n using errcode = '22023',
        hint = 'route_vehicle_unknown',
        detail = jsonb_build_object('route', v_n)::text;
    end if;
    if jsonb_typeof(v_route -> 'stops') is distinct from 'array' then
      raise exception 'route %: stops must be an array', v_n using errcode = '22023',
        hint = 'route_stops_not_array',
        detail = jsonb_build_object('route', v_n)::text;
    end if;
    v_seqs := '{}';
    for v_stop in select e from jsonb_array_elements(v_route -> 'stops') e loop
      if jsonb_typeof(v_stop) <> 'object'
         or exists (select 1 from jsonb_object_keys(v_stop) k where k not in ('transport_request_id', 'seq', 'planned_eta', 'leg_seconds')) then
        raise exception 'route %: each stop is an object of transport_request_id, seq, planned_eta and leg_seconds', v_n using errcode = '22023',
          hint = 'route_stop_invalid',
          detail = jsonb_build_object('route', v_n)::text;
      end if;
      if jsonb_typeof(v_stop -> 'seq') is distinct from 'number' or (v_stop ->> 'seq') !~ '^[1-9]\d{0,5}$'
         or (v_stop ->> 'seq')::int = any (v_seqs) then
        raise exception 'route %: stop seq must be a positive integer, unique within the route', v_n using errcode = '22023',
          hint = 'route_stop_seq_invalid',
          detail = jsonb_build_object('route', v_n)::text;
      end if;
      v_seqs := v_seqs || (v_stop ->> 'seq')::int;
      if coalesce(jsonb_typeof(v_stop -> 'planned_eta'), 'null') not in ('null', 'string') then
        raise exception 'route %: planned_eta must be a timestamp string or null', v_n using errcode = '22023',
          hint = 'route_stop_eta_invalid',
          detail = jsonb_build_object('route', v_n)::text;
      end if;
      perform (v_stop ->> 'planned_eta')::timestamptz;
      -- (in parentheses: PL/pgSQL would end the condition at the case's first "then")
      if (case coalesce(jsonb_typeof(v_stop -> 'leg_seconds'), 'null')
            when 'null' then false
            when 'number' then (case when (v_stop ->> 'leg_seconds') ~ '^\d{1,5}$' then (v_stop ->> 'leg_seconds')::int > 86400 else true end)
            else true end) then
        raise exception 'route %: leg_seconds must be whole seconds from 0 to 86400, or null', v_n using errcode = '22023',
          hint = 'route_stop_leg_invalid',
          detail = jsonb_build_object('route', v_n)::text;
      end if;
      v_request := (v_stop ->> 'transport_request_id')::uuid;
      if v_request is null or v_request = any (v_requests) then
        raise exception 'route %: every stop needs a transport_request_id, each request at most once in the plan', v_n
          using errcode = '22023',
          hint = 'route_stop_request_invalid',
          detail = jsonb_build_object('route', v_n)::text;
      end if;
      v_requests := v_requests || v_request;
      if not exists (select 1 from public.transport_requests t
                     where t.id = v_request and t.business_id = p_business_id and t.status in ('requested', 'scheduled')) then
        raise exception 'route %: transport request % is not an open request of this business', v_n, v_request
          using errcode = '22023',
          hint = 'route_request_not_open',
          detail = jsonb_build_object('route', v_n, 'transport_request_id', v_request)::text;
      end if;
    end loop;
  end loop;
exception
  -- a malformed uuid or timestamp inside the plan is bad input like any other
  when invalid_text_representation or invalid_datetime_format or datetime_field_overflow then
    raise exception 'route %: %', v_n, sqlerrm using errcode = '22023',
      hint = 'route_value_invalid',
      detail = jsonb_build_object('route', v_n)::text;
end
$$;
comment on function private.check_route_plan(uuid, jsonb) is 'Raises 22023 with a reason unless p_routes is a well-formed plan over open requests of the business.';
revoke execute on function private.check_route_plan(uuid, jsonb) from public;

-- Security definer: staff plan routes, but RLS lets only managers delete them, and a re-plan needing fewer
-- vans must delete the surplus planned routes. The caller's role is checked first, by hand; the underlying
-- writes still fire the audit (actor = the caller's JWT), life-cycle and realtime triggers.
create function public.replace_route_plan(p_business_id uuid, p_service_date date, p_routes jsonb) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_existing uuid[];
  v_started uuid[];
  v_ids uuid[] := '{}';
  v_old_requests uuid[];
  v_route jsonb;
  v_id uuid;
  v_n int := 0;
begin
  if not private.has_role(p_business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
    raise exception 'only staff of the business may plan its routes' using errcode = '42501',
      hint = 'plan_routes_staff_only';
  end if;
  if p_service_date is null then
    raise exception 'p_service_date is required' using errcode = '22023',
      hint = 'service_date_required';
  end if;
  perform private.check_route_plan(p_business_id, p_routes);

  -- one re-plan of a business's day at a time: a concurrent one waits and then sees this one's routes
  perform pg_advisory_xact_lock(hashtextextended('replace_route_plan:' || p_business_id || ':' || p_service_date, 0));
  select coalesce(array_agg(r.id order by r.created_at, r.id) filter (where r.status = 'planned'), '{}'),
         coalesce(array_agg(r.id order by r.created_at, r.id) filter (where r.status <> 'planned'), '{}')
    into v_existing, v_started
  from (select id, status, created_at from public.routes
        where business_id = p_business_id and service_date = p_service_date for update) r;
  -- routes that have started (in progress or done) stay as they are, with their stops: the new plan must
  -- leave their requests alone
  if exists (
    select 1 from public.route_stops s, jsonb_array_elements(p_routes) r, jsonb_array_elements(r -> 'stops') st
    where s.route_id = any (v_started) and s.transport_request_id = (st ->> 'transport_request_id')::uuid) then
    raise exception 'a stop of the plan is on a route that has started' using errcode = 'PT409',
      hint = 'route_request_on_started_route',
      detail = jsonb_build_object('service_date', p_service_date, 'started_routes', to_jsonb(v_started))::text;
  end if;

  -- requests the old plan routed, to hand back the ones the new plan leaves out
  select coalesce(array_agg(distinct s.transport_request_id), '{}') into v_old_requests
  from public.route_stops s where s.route_id = any (v_existing);
  -- the surplus planned routes go with their stops (cascade); the kept ones are emptied for new stops
  delete from public.routes r where r.id = any (v_existing[jsonb_array_length(p_routes) + 1:]);
  delete from public.route_stops s where s.route_id = any (v_existing[:jsonb_array_length(p_routes)]);

  for v_route in select e from jsonb_array_elements(p_routes) e loop
    v_n := v_n + 1;
    if v_n <= cardinality(v_existing) then
      update public.routes set
        depot_location_id = (v_route ->> 'depot_location_id')::uuid,
        vehicle_id = (v_route ->> 'vehicle_id')::uuid,
        vehicle_capacity = (v_route ->> 'vehicle_capacity')::int,
        distance_m = (v_route ->> 'distance_m')::int,
        duration_s = (v_route ->> 'duration_s')::int,
        optimised_at = (v_route ->> 'optimised_at')::timestamptz
      where id = v_existing[v_n]
      returning id into v_id;
    else
      -- created_at a microsecond apart: routes are reused in created_at order, which must be this plan's order
      insert into public.routes (business_id, service_date, depot_location_id, vehicle_id, vehicle_capacity, distance_m,
                                 duration_s, optimised_at, created_at)
      values (p_business_id, p_service_date, (v_route ->> 'depot_location_id')::uuid, (v_route ->> 'vehicle_id')::uuid,
              (v_route ->> 'vehicle_capacity')::int,
              (v_route ->> 'distance_m')::int, (v_route ->> 'duration_s')::int, (v_route ->> 'optimised_at')::timestamptz,
              now() + v_n * interval '1 microsecond')
      returning id into v_id;
    end if;
    v_ids := v_ids || v_id;
    insert into public.route_stops (route_id, business_id, transport_request_id, seq, planned_eta, leg_seconds)
    select v_id, p_business_id, (s ->> 'transport_request_id')::uuid, (s ->> 'seq')::int, (s ->> 'planned_eta')::timestamptz,
           (s ->> 'leg_seconds')::int
    from jsonb_array_elements(v_route -> 'stops') s
    order by (s ->> 'seq')::int;
  end loop;

  -- routed requests are scheduled; those the new plan dropped are open again
  update public.transport_requests t set status = 'scheduled'
  where t.business_id = p_business_id and t.status = 'requested'
    and t.id in (select s.transport_request_id from public.route_stops s where s.route_id = any (v_ids));
  update public.transport_requests t set status = 'requested'
  where t.business_id = p_business_id and t.status = 'scheduled' and t.id = any (v_old_requests)
    and not exists (select 1 from public.route_stops s where s.transport_request_id = t.id);

  -- the plan as written, in the order given
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', r.id, 'service_date', r.service_date, 'status', r.status, 'driver_id', r.driver_id,
      'depot_location_id', r.depot_location_id, 'vehicle_id', r.vehicle_id, 'vehicle_capacity', r.vehicle_capacity, 'distance_m', r.distance_m,
      'duration_s', r.duration_s, 'optimised_at', r.optimised_at,
      'stops', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'transport_request_id', s.transport_request_id,
                  'seq', s.seq, 'planned_eta', s.planned_eta, 'status', s.status) order by s.seq), '[]'::jsonb)
                from public.route_stops s where s.route_id = r.id)
    ) order by o.n)
    from unnest(v_ids) with ordinality o (id, n) join public.routes r on r.id = o.id
  ), '[]'::jsonb);
end
$$;
comment on function public.replace_route_plan(uuid, date, jsonb) is
  'Replaces a business''s planned routes of a day with p_routes in one transaction (staff; keeps route ids in order; started routes and their stops stay).';
revoke execute on function public.replace_route_plan(uuid, date, jsonb) from public, anon;
grant execute on function public.replace_route_plan(uuid, date, jsonb) to authenticated;
