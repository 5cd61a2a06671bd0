-- A driver's planned day of pickups and drop-offs.

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
  vehicle_id uuid,
  constraint routes_vehicle_fkey foreign key (vehicle_id, business_id) references public.vehicles (id, business_id)
    on delete set null (vehicle_id),
  constraint routes_depot_fkey foreign key (depot_location_id, business_id) references public.locations (id, business_id),
  constraint routes_id_business_key unique (id, business_id)
);
alter table public.routes enable row level security;
grant select, insert, update, delete on public.routes to authenticated;
grant all on public.routes to service_role;
create index routes_business_date_idx on public.routes (business_id, service_date);
create index routes_driver_id_idx on public.routes (driver_id, service_date);
create index routes_depot_location_id_idx on public.routes (depot_location_id);
create index routes_vehicle_id_idx on public.routes (vehicle_id);
comment on table public.routes is 'One vehicle''s planned day of pickups and drop-offs.';

create policy "staff read routes; drivers and parents theirs" on public.routes
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_route_ids()))
    or id = any (array(select private.my_pets_route_ids())));
create policy "staff plan routes" on public.routes
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
-- Drivers move their route forward only through start_route and finish_route (which keep the "no open stops"
-- rule); the table itself is the desk's.
create policy "staff edit routes" on public.routes
  for update to authenticated
  using (business_id = any (array(select private.staff_business_ids())))
  with check (business_id = any (array(select private.staff_business_ids())));
create policy "managers remove routes" on public.routes
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create trigger routes_life_cycle before update of status on public.routes
  for each row execute function private.status_transition_guard('planned>in_progress', 'in_progress>done', 'planned>done');
comment on trigger routes_life_cycle on public.routes is 'Planned, in progress, done.';
