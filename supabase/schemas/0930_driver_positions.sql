-- Where a driver is along a route, sampled.

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

create policy "staff, the driver and waiting parents read positions" on public.driver_positions
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or route_id = any (array(select private.my_route_ids()))
    or route_id = any (array(select private.my_pets_route_ids())));
create policy "the driver records positions" on public.driver_positions
  for insert to authenticated with check (route_id in (select private.my_route_ids()));
