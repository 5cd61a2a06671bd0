-- The drivers' side of the pet taxi: the travel model shared with the optimiser, live ETAs, the idempotency
-- record of a driver's taps, the parents' eta:<route id> nudges and the outbox messages of a run.

-- The optimiser's travel model (functions/_shared/routing/distance/haversine.ts and
-- functions/optimize-route/input.ts): great-circle distance on a sphere of radius 6 371 008.8 m, stretched by a
-- road factor, driven at an average speed (the business's settings, private.taxi_travel_model: 1.3 and 30 km/h
-- by default), with 5 minutes of service at each stop. The same numbers here, so a parent's ETA agrees with the
-- plan (tests/integration/travel-model.test.ts checks both give the same figures, default and tuned).
-- A business tunes the model in its settings (`taxi_road_factor`, a number 1–3; `taxi_speed_kmh`, 5–130);
-- anything else there counts as unset. The optimiser reads the same keys with the same rules
-- (functions/optimize-route/travel.ts): one source of truth for plans and ETAs.
create function private.taxi_travel_model(p_business_id uuid, out road_factor double precision, out speed_kmh double precision)
language sql
stable
set search_path = ''
as $$
  select
    coalesce((select case when jsonb_typeof(b.settings -> 'taxi_road_factor') = 'number'
                           and (b.settings ->> 'taxi_road_factor')::double precision between 1 and 3
                          then (b.settings ->> 'taxi_road_factor')::double precision end
              from public.businesses b where b.id = p_business_id), 1.3),
    coalesce((select case when jsonb_typeof(b.settings -> 'taxi_speed_kmh') = 'number'
                           and (b.settings ->> 'taxi_speed_kmh')::double precision between 5 and 130
                          then (b.settings ->> 'taxi_speed_kmh')::double precision end
              from public.businesses b where b.id = p_business_id), 30)
$$;
comment on function private.taxi_travel_model(uuid) is
  'The business''s pet-taxi travel model: settings.taxi_road_factor (1–3, default 1.3) and settings.taxi_speed_kmh (5–130, default 30).';
revoke execute on function private.taxi_travel_model(uuid) from public;

create function private.taxi_travel_seconds(
  p_from extensions.geography,
  p_to extensions.geography,
  p_road_factor double precision,
  p_speed_kmh double precision
)
returns double precision
language sql
immutable
set search_path = ''
as $$
  with p as (
    select radians(extensions.st_y(p_from::extensions.geometry)) as lat1, radians(extensions.st_x(p_from::extensions.geometry)) as lng1,
           radians(extensions.st_y(p_to::extensions.geometry)) as lat2, radians(extensions.st_x(p_to::extensions.geometry)) as lng2
  )
  -- haversine metres × road factor ÷ (speed in m/s)
  select 2 * 6371008.8 * asin(least(1, sqrt(sin((lat2 - lat1) / 2) ^ 2 + cos(lat1) * cos(lat2) * sin((lng2 - lng1) / 2) ^ 2)))
         * p_road_factor / (p_speed_kmh * 1000 / 3600.0)
  from p
$$;
comment on function private.taxi_travel_seconds(extensions.geography, extensions.geography, double precision, double precision) is
  'Driving seconds between two points under the optimiser''s model (haversine × road factor at an average speed).';
revoke execute on function private.taxi_travel_seconds(extensions.geography, extensions.geography, double precision, double precision) from public;

create function private.taxi_service_seconds() returns integer
language sql
immutable
set search_path = ''
as $$ select 300 $$;
comment on function private.taxi_service_seconds() is 'Minutes spent at a stop (the optimiser''s default service_minutes, 5), in seconds.';
revoke execute on function private.taxi_service_seconds() from public;

-- When the van reaches each stop still to serve, from where it is now: the last sampled position (or the depot
-- before the first sample), then the remaining stops in order, waiting for a window to open as the optimiser's
-- plan does and spending the service time at each. An arrived stop is being served: the van leaves it
-- service time after arriving.
-- Legs use the plan's own distance provider where the plan measured them: a stop's leg_seconds (road times
-- when the optimiser ran with ROUTING_URL) is the leg from the stop before it. The leg from a live position,
-- which no plan measured, is the travel model's time scaled by that stop's planned leg against the model's
-- time for the same leg (a road ratio, kept within 0.5–4), so road times carry into the live estimate too.
create function private.route_etas(p_route_id uuid, p_now timestamptz)
returns table (stop_id uuid, seq integer, eta timestamptz, stops_before integer)
language plpgsql
stable
set search_path = ''
as $$
declare
  v_at extensions.geography;
  v_depot extensions.geography;
  v_from_seq integer;
  v_model record;
  v_t timestamptz := p_now;
  v_n integer := 0;
  v_model_s double precision;
  v_ratio double precision;
  v_travel double precision;
  s record;
begin
  -- step 1: the business's travel model, the van's own depot (the optimiser started it there, else the route's
  -- depot location) and where the van is: its last position (v_from_seq null: no planned leg starts there), or
  -- the depot before the first (v_from_seq 0: the first stop's planned leg starts there)
  select m.road_factor, m.speed_kmh into v_model
  from public.routes r cross join lateral private.taxi_travel_model(r.business_id) m where r.id = p_route_id;
  select coalesce(v.depot_geo, l.geo) into v_depot
  from public.routes r
  left join public.locations l on l.id = r.depot_location_id
  left join public.vehicles v on v.id = r.vehicle_id
  where r.id = p_route_id;
  select d.geo into v_at from public.driver_positions d where d.route_id = p_route_id order by d.recorded_at desc limit 1;
  if v_at is null then
    v_at := v_depot;
    v_from_seq := 0;
  end if;
  -- step 2: walk the remaining stops in order, each with the point its planned leg starts from
  for s in
    select x.* from (
      select rs.id, rs.seq, rs.status, rs.arrived_at, rs.leg_seconds, t.geo, t.window_start,
             coalesce(lag(t.geo) over (order by rs.seq), v_depot) as planned_from
      from public.route_stops rs join public.transport_requests t on t.id = rs.transport_request_id
      where rs.route_id = p_route_id
    ) x
    where x.status in ('pending', 'arrived')
    order by x.seq
  loop
    if s.status = 'arrived' then
      v_t := greatest(v_t, s.arrived_at);
    elsif s.geo is not null and v_at is not null then
      if s.leg_seconds is not null and v_from_seq = s.seq - 1 then
        v_travel := s.leg_seconds;
      else
        v_ratio := 1;
        if s.leg_seconds is not null and s.planned_from is not null then
          v_model_s := private.taxi_travel_seconds(s.planned_from, s.geo, v_model.road_factor, v_model.speed_kmh);
          if v_model_s >= 30 then
            v_ratio := least(4, greatest(0.5, s.leg_seconds / v_model_s));
          end if;
        end if;
        v_travel := v_ratio * private.taxi_travel_seconds(v_at, s.geo, v_model.road_factor, v_model.speed_kmh);
      end if;
      v_t := v_t + make_interval(secs => v_travel);
      v_t := greatest(v_t, s.window_start);
    end if;
    stop_id := s.id; seq := s.seq; eta := v_t; stops_before := v_n;
    return next;
    v_t := greatest(v_t + make_interval(secs => private.taxi_service_seconds()),
                    case when s.status = 'arrived' then s.arrived_at + make_interval(secs => private.taxi_service_seconds()) end);
    v_at := coalesce(s.geo, v_at);
    v_from_seq := case when s.geo is not null then s.seq end;
    v_n := v_n + 1;
  end loop;
end
$$;
comment on function private.route_etas(uuid, timestamptz) is
  'ETA of every stop still to serve on a route, from the van''s last position: the plan''s measured legs (road times with ROUTING_URL), the travel model scaled by them from a live position.';
revoke execute on function private.route_etas(uuid, timestamptz) from public;

-- A driver's tap on a stop (arrived, picked up, dropped off, unable), recorded once per id minted on the phone:
-- a tap replayed after a network drop gets the first answer instead of a refused transition.
create table private.drive_ops (
  op_id uuid constraint drive_ops_pkey primary key,
  business_id uuid not null constraint drive_ops_business_id_fkey references public.businesses (id) on delete cascade,
  route_id uuid not null,
  actor_id uuid not null,
  action text not null,
  result jsonb not null,
  created_at timestamptz not null default now()
);
alter table private.drive_ops enable row level security;
grant all on private.drive_ops to service_role;
create index drive_ops_business_id_idx on private.drive_ops (business_id);
comment on table private.drive_ops is 'Idempotency record of drivers'' stop taps and route starts (read and written only by the drive rpcs).';

-- The route a driver acts on: theirs, in their business. Anything else is "not found" (no hint that it exists).
create function private.my_route_for_update(p_route_id uuid) returns public.routes
language plpgsql
set search_path = ''
as $$
declare
  v public.routes;
begin
  select * into v from public.routes r where r.id = p_route_id and r.driver_id = (select auth.uid()) for update;
  if not found then
    raise exception 'route not found' using errcode = 'PT404', hint = 'drive_route_not_found';
  end if;
  return v;
end
$$;
comment on function private.my_route_for_update(uuid) is 'Locks and returns the caller''s own route, or refuses (drive_route_not_found).';
revoke execute on function private.my_route_for_update(uuid) from public;

-- Parents' nudge: eta:<route id> carries no rows and no positions, only "look again" (pet_eta answers what the
-- parent may see). Sent on every stop change, route start or finish and position sample.
create function private.nudge_route_eta() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_row jsonb := to_jsonb(coalesce(new, old));
  v_route text := case when tg_table_name = 'routes' then v_row ->> 'id' else v_row ->> 'route_id' end;
begin
  perform realtime.send(jsonb_build_object('route_id', v_route), 'nudge', 'eta:' || v_route, true);
  return null;
end
$$;
comment on function private.nudge_route_eta() is 'Trigger: tells eta:<route id> listeners (parents) that the route moved, without data.';
revoke execute on function private.nudge_route_eta() from public;
create trigger route_stops_nudge_eta after insert or update or delete on public.route_stops
  for each row execute function private.nudge_route_eta();
comment on trigger route_stops_nudge_eta on public.route_stops is 'Nudges parents on eta:<route id>.';
create trigger driver_positions_nudge_eta after insert on public.driver_positions
  for each row execute function private.nudge_route_eta();
comment on trigger driver_positions_nudge_eta on public.driver_positions is 'Nudges parents on eta:<route id>.';
create trigger routes_nudge_eta after update of status on public.routes
  for each row execute function private.nudge_route_eta();
comment on trigger routes_nudge_eta on public.routes is 'Nudges parents on eta:<route id> when a route starts or ends.';

-- "Picked up" / "dropped off" to the pet's parent, once per stop, through the outbox (preferences apply when the
-- dispatcher claims it).
-- Security definer: the outbox has no insert grant for the API roles, and staff may also mark a stop done.
create function private.notify_stop_done() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (business_id, recipient_user_id, recipient_client_id, channel, template, payload, dedupe_key)
  select new.business_id, c.user_id, c.id,
         case when c.email is not null then 'email' else 'in_app' end::public.notification_channel,
         case t.kind when 'pickup' then 'picked_up' else 'dropped_off' end,
         jsonb_build_object('pet_id', p.id, 'pet_name', p.name, 'at', new.done_at, 'stop_id', new.id),
         case t.kind when 'pickup' then 'picked_up:' else 'dropped_off:' end || new.id
  from public.transport_requests t join public.pets p on p.id = t.pet_id join public.clients c on c.id = p.client_id
  where t.id = new.transport_request_id and (c.email is not null or c.user_id is not null)
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;
comment on function private.notify_stop_done() is 'Trigger: a stop done is sent to the pet''s parent (picked up / dropped off) through the outbox.';
revoke execute on function private.notify_stop_done() from public;
create trigger route_stops_notify_done after update of status on public.route_stops
  for each row when (new.status = 'done' and old.status <> 'done') execute function private.notify_stop_done();
comment on trigger route_stops_notify_done on public.route_stops is 'Tells the parent their pet was picked up or dropped off.';

-- "Arriving in about 10 minutes", once per stop: checked on every position sample of a route in progress.
create function private.notify_arriving(p_route_id uuid, p_now timestamptz) returns integer
language plpgsql
set search_path = ''
as $$
declare
  v_count integer;
begin
  insert into public.notifications (business_id, recipient_user_id, recipient_client_id, channel, template, payload, dedupe_key)
  select rs.business_id, c.user_id, c.id,
         case when c.email is not null then 'email' else 'in_app' end::public.notification_channel,
         'van_arriving',
         jsonb_build_object('pet_id', p.id, 'pet_name', p.name, 'stop_id', rs.id,
                            'minutes', greatest(1, ceil(extract(epoch from e.eta - p_now) / 60))::int),
         'van_arriving:' || rs.id
  from private.route_etas(p_route_id, p_now) e
  join public.route_stops rs on rs.id = e.stop_id and rs.status = 'pending'
  join public.transport_requests t on t.id = rs.transport_request_id
  join public.pets p on p.id = t.pet_id join public.clients c on c.id = p.client_id
  where e.eta <= p_now + interval '10 minutes' and (c.email is not null or c.user_id is not null)
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function private.notify_arriving(uuid, timestamptz) is 'Enqueues "the van is about 10 minutes away" once per pending stop that close.';
revoke execute on function private.notify_arriving(uuid, timestamptz) from public;
