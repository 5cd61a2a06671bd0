-- Sites and route depots.
create table public.locations (
  id uuid constraint locations_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint locations_business_id_fkey references public.businesses (id) on delete cascade,
  name text not null constraint locations_name_not_blank check (length(btrim(name)) > 0),
  address text,
  geo extensions.geography(point, 4326),
  capacity jsonb not null default '{}'::jsonb
    constraint locations_capacity_object check (jsonb_typeof(capacity) = 'object')
    constraint locations_capacity_non_negative check (not jsonb_path_exists(capacity, '$.* ? (@.type() != "number" || @ < 0)')),
  is_depot boolean not null default false,
  created_at timestamptz not null default now(),
  is_active boolean not null default true,
  constraint locations_id_business_key unique (id, business_id)
);
alter table public.locations enable row level security;
grant select, insert, update, delete on public.locations to authenticated;
grant all on public.locations to service_role;
create index locations_business_id_idx on public.locations (business_id);
create index locations_geo_idx on public.locations using gist (geo);
comment on table public.locations is 'A site of a business (also a route depot); capacity maps service kind to places.';
comment on column public.locations.is_active is 'A deactivated site keeps its history but takes no new services or bookings.';
comment on column public.locations.capacity is 'Places per service kind, e.g. {"daycare": 40}; values are non-negative integers.';

-- Locations: every member sees the sites; managers run them.
create policy "members read their business's locations" on public.locations
  for select to authenticated using (business_id in (select private.my_business_ids()));
create policy "managers add locations" on public.locations
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit locations" on public.locations
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove locations" on public.locations
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
