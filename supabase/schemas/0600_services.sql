-- What a business sells: kind, price, daily capacity and the vaccines a stay requires.

create table public.services (
  id uuid constraint services_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint services_business_id_fkey references public.businesses (id) on delete cascade,
  location_id uuid,
  kind public.service_kind not null,
  name text not null constraint services_name_not_blank check (length(btrim(name)) > 0),
  duration_minutes integer constraint services_duration_positive check (duration_minutes > 0),
  price_cents integer not null default 0 constraint services_price_non_negative check (price_cents >= 0),
  daily_capacity integer constraint services_daily_capacity_non_negative check (daily_capacity >= 0),
  required_vaccine_type_ids uuid[] not null default '{}',
  is_active boolean not null default true,
  -- pet parents may request it from the portal (h4-portal; the services settings page offers the switch)
  bookable_online boolean not null default false,
  created_at timestamptz not null default now(),
  constraint services_location_fkey foreign key (location_id, business_id) references public.locations (id, business_id),
  constraint services_id_business_key unique (id, business_id)
);
alter table public.services enable row level security;
grant select, insert, update, delete on public.services to authenticated;
grant all on public.services to service_role;
create index services_business_id_idx on public.services (business_id, kind);
create index services_location_id_idx on public.services (location_id);
comment on table public.services is 'A bookable service; daily_capacity null means unlimited; required vaccines gate booking and check-in.';

create policy "members and clients read services" on public.services
  for select to authenticated
  using (business_id = any (array(select private.my_business_ids())) or business_id = any (array(select private.my_client_business_ids())));
create policy "managers add services" on public.services
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit services" on public.services
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove services" on public.services
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
