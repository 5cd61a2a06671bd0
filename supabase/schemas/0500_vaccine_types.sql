-- The vaccine catalogue: global rows (business_id null) and each business's own.

create table public.vaccine_types (
  id uuid constraint vaccine_types_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid constraint vaccine_types_business_id_fkey references public.businesses (id) on delete cascade,
  species text not null constraint vaccine_types_species_known check (species in ('dog', 'cat', 'rabbit', 'bird', 'other')),
  name text not null constraint vaccine_types_name_not_blank check (length(btrim(name)) > 0),
  valid_days integer not null constraint vaccine_types_valid_days_positive check (valid_days > 0),
  required boolean not null default false,
  created_at timestamptz not null default now()
);
alter table public.vaccine_types enable row level security;
grant select, insert, update, delete on public.vaccine_types to authenticated;
grant all on public.vaccine_types to service_role;
create unique index vaccine_types_scope_name_key on public.vaccine_types (coalesce(business_id, '00000000-0000-0000-0000-000000000000'::uuid), species, lower(name));
create index vaccine_types_business_id_idx on public.vaccine_types (business_id);
comment on table public.vaccine_types is 'Vaccines a business tracks; business_id null = the global catalogue every business may use.';

create policy "all read global vaccines; members and clients their business's" on public.vaccine_types
  for select to authenticated
  using (business_id is null or business_id = any (array(select private.my_business_ids()))
    or business_id = any (array(select private.my_client_business_ids())));
create policy "managers add vaccine types" on public.vaccine_types
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit vaccine types" on public.vaccine_types
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove vaccine types" on public.vaccine_types
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
