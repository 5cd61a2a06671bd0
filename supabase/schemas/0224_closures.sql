-- Days a site is closed whatever its weekly hours say: bank holidays, a staff day, a flood.
create table public.closures (
  id uuid constraint closures_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint closures_business_id_fkey references public.businesses (id) on delete cascade,
  location_id uuid not null,
  on_date date not null,
  reason text not null constraint closures_reason_not_blank check (length(btrim(reason)) > 0)
    constraint closures_reason_length check (length(reason) <= 200),
  created_at timestamptz not null default now(),
  constraint closures_location_fkey foreign key (location_id, business_id)
    references public.locations (id, business_id) on delete cascade,
  constraint closures_location_date_key unique (location_id, on_date)
);
alter table public.closures enable row level security;
grant select, insert, delete on public.closures to authenticated;
grant update (reason) on public.closures to authenticated;
grant all on public.closures to service_role;
create index closures_business_id_idx on public.closures (business_id);
comment on table public.closures is 'A date a location is closed, with the reason shown to staff and parents; bookings that day are refused.';

create policy "members and clients read closures" on public.closures
  for select to authenticated
  using (business_id = any (array(select private.my_business_ids())) or business_id = any (array(select private.my_client_business_ids())));
create policy "managers add closures" on public.closures
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit closures" on public.closures
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove closures" on public.closures
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
