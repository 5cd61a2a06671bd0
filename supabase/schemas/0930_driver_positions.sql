-- Where a driver is along a route, sampled.

create table public.driver_positions (
  id bigint generated always as identity constraint driver_positions_pkey primary key,
  route_id uuid not null,
  business_id uuid not null constraint driver_positions_business_id_fkey references public.businesses (id) on delete cascade,
  recorded_at timestamptz not null default now(),
  geo extensions.geography(point, 4326) not null,
  heading real constraint driver_positions_heading_range check (heading >= 0 and heading < 360),
  speed real constraint driver_positions_speed_non_negative check (speed >= 0),
  client_position_id uuid,
  constraint driver_positions_route_fkey foreign key (route_id, business_id) references public.routes (id, business_id) on delete cascade,
  constraint driver_positions_client_position_key unique (route_id, client_position_id)
);
alter table public.driver_positions enable row level security;
grant select on public.driver_positions to authenticated;
grant all on public.driver_positions to service_role;
create index driver_positions_route_recorded_idx on public.driver_positions (route_id, recorded_at desc);
create index driver_positions_business_id_idx on public.driver_positions (business_id);
comment on table public.driver_positions is 'Sampled positions of a driver along a route.';
comment on column public.driver_positions.client_position_id is 'Minted on the phone: a replayed sample is recorded once.';

-- Parents never read positions here: the pet_eta rpc gives them the van's position only near their stop.
-- Drivers write positions only through record_driver_position, which refuses absurd samples.
create policy "staff and the driver read positions" on public.driver_positions
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or route_id = any (array(select private.my_route_ids())));
