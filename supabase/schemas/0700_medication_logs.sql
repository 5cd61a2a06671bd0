-- Medication doses given to a pet during a stay, by whom and when.
-- (Doses given against a medication schedule: schedule_id, slot_day and slot_time are added in 0705_medication_schedules.sql.)

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
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));
create policy "staff record doses" on public.medication_logs
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "managers correct doses" on public.medication_logs
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove doses" on public.medication_logs
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
