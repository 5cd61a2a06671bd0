-- What happens during a stay: medication doses given and incidents.

create table public.medication_logs (
  id uuid constraint medication_logs_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint medication_logs_business_id_fkey references public.businesses (id) on delete cascade,
  pet_id uuid not null,
  booking_id uuid,
  medication text not null constraint medication_logs_medication_not_blank check (length(btrim(medication)) > 0),
  dose text not null,
  given_at timestamptz not null default now(),
  given_by uuid default auth.uid() constraint medication_logs_given_by_fkey references auth.users (id) on delete set null,
  constraint medication_logs_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint medication_logs_booking_fkey foreign key (booking_id, business_id) references public.bookings (id, business_id) on delete set null (booking_id)
);
alter table public.medication_logs enable row level security;
grant select, insert, update, delete on public.medication_logs to authenticated;
grant all on public.medication_logs to service_role;
create index medication_logs_pet_id_idx on public.medication_logs (pet_id, given_at desc);
create index medication_logs_booking_id_idx on public.medication_logs (booking_id);
create index medication_logs_business_id_idx on public.medication_logs (business_id);
create index medication_logs_given_by_idx on public.medication_logs (given_by);
comment on table public.medication_logs is 'A dose of medication given to a pet, by whom and when.';

create policy "staff read doses; parents read their pets'" on public.medication_logs
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or pet_id in (select private.my_pet_ids()));
create policy "staff record doses" on public.medication_logs
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "managers correct doses" on public.medication_logs
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove doses" on public.medication_logs
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

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
  using (business_id in (select private.staff_business_ids()) or pet_id in (select private.my_pet_ids()));
create policy "staff report incidents" on public.incidents
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff update incidents" on public.incidents
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove incidents" on public.incidents
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
