-- Pet taxi: trips requested from bookings, the routes planned for drivers, their stops and positions.

create table public.transport_requests (
  id uuid constraint transport_requests_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint transport_requests_business_id_fkey references public.businesses (id) on delete cascade,
  booking_id uuid,
  pet_id uuid not null,
  kind public.transport_kind not null,
  address text not null constraint transport_requests_address_not_blank check (length(btrim(address)) > 0),
  geo extensions.geography(point, 4326),
  window_start timestamptz not null,
  window_end timestamptz not null,
  status public.transport_status not null default 'requested',
  created_at timestamptz not null default now(),
  constraint transport_requests_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint transport_requests_booking_fkey foreign key (booking_id, business_id) references public.bookings (id, business_id) on delete cascade,
  constraint transport_requests_window_in_order check (window_end > window_start),
  constraint transport_requests_id_business_key unique (id, business_id)
);
alter table public.transport_requests enable row level security;
grant select, insert, update, delete on public.transport_requests to authenticated;
grant all on public.transport_requests to service_role;
create index transport_requests_business_window_idx on public.transport_requests (business_id, window_start);
create index transport_requests_booking_id_idx on public.transport_requests (booking_id);
create index transport_requests_pet_id_idx on public.transport_requests (pet_id);
create index transport_requests_geo_idx on public.transport_requests using gist (geo);
comment on table public.transport_requests is 'A pickup or drop-off of a pet within a time window.';

create table public.routes (
  id uuid constraint routes_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint routes_business_id_fkey references public.businesses (id) on delete cascade,
  service_date date not null,
  driver_id uuid constraint routes_driver_id_fkey references auth.users (id) on delete set null,
  depot_location_id uuid,
  vehicle_capacity integer not null constraint routes_vehicle_capacity_non_negative check (vehicle_capacity >= 0),
  status public.route_status not null default 'planned',
  distance_m integer constraint routes_distance_non_negative check (distance_m >= 0),
  duration_s integer constraint routes_duration_non_negative check (duration_s >= 0),
  optimised_at timestamptz,
  created_at timestamptz not null default now(),
  constraint routes_depot_fkey foreign key (depot_location_id, business_id) references public.locations (id, business_id),
  constraint routes_id_business_key unique (id, business_id)
);
alter table public.routes enable row level security;
grant select, insert, update, delete on public.routes to authenticated;
grant all on public.routes to service_role;
create index routes_business_date_idx on public.routes (business_id, service_date);
create index routes_driver_id_idx on public.routes (driver_id, service_date);
create index routes_depot_location_id_idx on public.routes (depot_location_id);
comment on table public.routes is 'One vehicle''s planned day of pickups and drop-offs.';

create table public.route_stops (
  id uuid constraint route_stops_pkey primary key default extensions.gen_random_uuid(),
  route_id uuid not null,
  business_id uuid not null constraint route_stops_business_id_fkey references public.businesses (id) on delete cascade,
  transport_request_id uuid not null,
  seq integer not null constraint route_stops_seq_positive check (seq > 0),
  planned_eta timestamptz,
  arrived_at timestamptz,
  done_at timestamptz,
  status public.stop_status not null default 'pending',
  constraint route_stops_route_fkey foreign key (route_id, business_id) references public.routes (id, business_id) on delete cascade,
  constraint route_stops_request_fkey foreign key (transport_request_id, business_id) references public.transport_requests (id, business_id) on delete cascade,
  constraint route_stops_route_seq_key unique (route_id, seq) deferrable initially deferred,
  constraint route_stops_done_after_arrival check (done_at is null or arrived_at is null or done_at >= arrived_at)
);
alter table public.route_stops enable row level security;
grant select, insert, update, delete on public.route_stops to authenticated;
grant all on public.route_stops to service_role;
create index route_stops_business_id_idx on public.route_stops (business_id);
create index route_stops_request_id_idx on public.route_stops (transport_request_id);
comment on table public.route_stops is 'A stop on a route, in order, with its planned ETA and progress.';

create table public.driver_positions (
  id bigint generated always as identity constraint driver_positions_pkey primary key,
  route_id uuid not null,
  business_id uuid not null constraint driver_positions_business_id_fkey references public.businesses (id) on delete cascade,
  recorded_at timestamptz not null default now(),
  geo extensions.geography(point, 4326) not null,
  heading real constraint driver_positions_heading_range check (heading >= 0 and heading < 360),
  speed real constraint driver_positions_speed_non_negative check (speed >= 0),
  constraint driver_positions_route_fkey foreign key (route_id, business_id) references public.routes (id, business_id) on delete cascade
);
alter table public.driver_positions enable row level security;
grant select, insert on public.driver_positions to authenticated;
grant all on public.driver_positions to service_role;
create index driver_positions_route_recorded_idx on public.driver_positions (route_id, recorded_at desc);
create index driver_positions_business_id_idx on public.driver_positions (business_id);
comment on table public.driver_positions is 'Sampled positions of a driver along a route.';

-- Route access crosses tables (stops → requests → pets → clients); definer helpers keep policies
-- from re-entering each other.
create function private.my_route_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select r.id from public.routes r where r.driver_id = (select auth.uid())
$$;
comment on function private.my_route_ids() is 'Routes the caller drives.';
revoke execute on function private.my_route_ids() from public;
grant execute on function private.my_route_ids() to authenticated, service_role;

create function private.my_pets_route_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select distinct s.route_id
  from public.route_stops s
  join public.transport_requests t on t.id = s.transport_request_id
  join public.pets p on p.id = t.pet_id
  join public.clients c on c.id = p.client_id
  where c.user_id = (select auth.uid())
$$;
comment on function private.my_pets_route_ids() is 'Routes with a stop for one of the caller''s pets.';
revoke execute on function private.my_pets_route_ids() from public;
grant execute on function private.my_pets_route_ids() to authenticated, service_role;

create function private.my_driven_request_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select s.transport_request_id from public.route_stops s join public.routes r on r.id = s.route_id
  where r.driver_id = (select auth.uid())
$$;
comment on function private.my_driven_request_ids() is 'Transport requests on the caller''s routes (what a driver needs to see).';
revoke execute on function private.my_driven_request_ids() from public;
grant execute on function private.my_driven_request_ids() to authenticated, service_role;

create policy "staff read trips; drivers theirs; parents their pets'" on public.transport_requests
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or id in (select private.my_driven_request_ids())
    or pet_id in (select private.my_pet_ids()));
create policy "staff add trips; parents request for their pets" on public.transport_requests
  for insert to authenticated
  with check (business_id in (select private.staff_business_ids())
    or (pet_id in (select private.my_pet_ids()) and status = 'requested'));
create policy "staff edit trips" on public.transport_requests
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove trips" on public.transport_requests
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create policy "staff read routes; drivers and parents theirs" on public.routes
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or id in (select private.my_route_ids())
    or id in (select private.my_pets_route_ids()));
create policy "staff plan routes" on public.routes
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit routes; drivers progress theirs" on public.routes
  for update to authenticated
  using (business_id in (select private.staff_business_ids()) or id in (select private.my_route_ids()))
  with check (business_id in (select private.staff_business_ids()) or id in (select private.my_route_ids()));
create policy "managers remove routes" on public.routes
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create policy "staff read stops; drivers theirs; parents their pets' stop" on public.route_stops
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or route_id in (select private.my_route_ids())
    or transport_request_id in (select t.id from public.transport_requests t where t.pet_id in (select private.my_pet_ids())));
create policy "staff add stops" on public.route_stops
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit stops; drivers mark theirs" on public.route_stops
  for update to authenticated
  using (business_id in (select private.staff_business_ids()) or route_id in (select private.my_route_ids()))
  with check (business_id in (select private.staff_business_ids()) or route_id in (select private.my_route_ids()));
create policy "staff remove stops" on public.route_stops
  for delete to authenticated using (business_id in (select private.staff_business_ids()));

create policy "staff, the driver and waiting parents read positions" on public.driver_positions
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or route_id in (select private.my_route_ids())
    or route_id in (select private.my_pets_route_ids()));
create policy "the driver records positions" on public.driver_positions
  for insert to authenticated with check (route_id in (select private.my_route_ids()));

-- A driver moving a route or stop forward may not re-plan it; staff and trusted writers may.
create function private.route_driver_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if current_user = 'authenticated' and not private.has_role(new.business_id, array['owner', 'manager', 'staff']::public.member_role[])
     and (new.driver_id is distinct from old.driver_id or new.service_date <> old.service_date
          or new.vehicle_capacity <> old.vehicle_capacity or new.business_id <> old.business_id) then
    raise exception 'a driver may only change the progress of a route' using errcode = '42501';
  end if;
  return new;
end
$$;
comment on function private.route_driver_guard() is 'Trigger: drivers record route progress but cannot re-plan the route.';
create trigger routes_driver_guard before update on public.routes for each row execute function private.route_driver_guard();
comment on trigger routes_driver_guard on public.routes is 'Lets drivers record progress only.';

create function private.stop_driver_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if current_user = 'authenticated' and not private.has_role(new.business_id, array['owner', 'manager', 'staff']::public.member_role[])
     and (new.route_id <> old.route_id or new.seq <> old.seq or new.business_id <> old.business_id
          or new.transport_request_id <> old.transport_request_id or new.planned_eta is distinct from old.planned_eta) then
    raise exception 'a driver may only change the progress of a stop' using errcode = '42501';
  end if;
  return new;
end
$$;
comment on function private.stop_driver_guard() is 'Trigger: drivers mark stops arrived/done but cannot re-plan them.';
create trigger route_stops_driver_guard before update on public.route_stops for each row execute function private.stop_driver_guard();
comment on trigger route_stops_driver_guard on public.route_stops is 'Lets drivers record progress only.';
