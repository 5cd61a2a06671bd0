-- Pet-taxi vans: what dispatch plans with (seats, where the day starts and ends, who usually drives).

create table public.vehicles (
  id uuid constraint vehicles_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint vehicles_business_id_fkey references public.businesses (id) on delete cascade,
  name text not null constraint vehicles_name_not_blank check (length(btrim(name)) between 1 and 80),
  seats integer not null constraint vehicles_seats_range check (seats between 1 and 60),
  depot_geo extensions.geography(point, 4326) not null,
  active boolean not null default true,
  default_driver_id uuid,
  created_at timestamptz not null default now(),
  constraint vehicles_default_driver_fkey foreign key (business_id, default_driver_id)
    references public.memberships (business_id, user_id) on delete set null (default_driver_id),
  constraint vehicles_business_name_key unique (business_id, name),
  constraint vehicles_id_business_key unique (id, business_id)
);
alter table public.vehicles enable row level security;
grant select, insert, update, delete on public.vehicles to authenticated;
grant all on public.vehicles to service_role;
create index vehicles_default_driver_idx on public.vehicles (default_driver_id);
comment on table public.vehicles is 'A van of the pet taxi: seats (pets it carries), its depot (start and end of a day) and usual driver.';
comment on column public.vehicles.default_driver_id is 'A member of the business who usually drives this van; dispatch may assign another.';

-- Vehicles: the desk reads them to plan; managers run the fleet.
create policy "staff read vehicles" on public.vehicles
  for select to authenticated using (business_id in (select private.staff_business_ids()));
create policy "managers add vehicles" on public.vehicles
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit vehicles" on public.vehicles
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove vehicles" on public.vehicles
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
