-- Incidents: something that happened to a pet in care.

create table public.incidents (
  id uuid constraint incidents_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint incidents_business_id_fkey references public.businesses (id) on delete cascade,
  pet_id uuid not null,
  booking_id uuid,
  kind text not null constraint incidents_kind_not_blank check (length(btrim(kind)) > 0),
  severity public.incident_severity not null default 'low',
  description text not null,
  photos text[] not null default '{}',
  occurred_at timestamptz not null default now(),
  reported_by uuid default auth.uid() constraint incidents_reported_by_fkey references auth.users (id) on delete set null,
  parent_notified_at timestamptz,
  constraint incidents_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint incidents_booking_fkey foreign key (booking_id, business_id) references public.bookings (id, business_id) on delete set null (booking_id),
  constraint incidents_notified_after check (parent_notified_at is null or parent_notified_at >= occurred_at)
);
alter table public.incidents enable row level security;
grant select, insert, update, delete on public.incidents to authenticated;
grant all on public.incidents to service_role;
create index incidents_pet_id_idx on public.incidents (pet_id, occurred_at desc);
create index incidents_booking_id_idx on public.incidents (booking_id);
create index incidents_business_id_idx on public.incidents (business_id, occurred_at desc);
create index incidents_reported_by_idx on public.incidents (reported_by);
comment on table public.incidents is 'Something that happened to a pet in care; photos are incident-photos object paths.';

create policy "staff read incidents; parents read their pets'" on public.incidents
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));
create policy "staff report incidents" on public.incidents
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff update incidents" on public.incidents
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove incidents" on public.incidents
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
