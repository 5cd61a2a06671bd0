-- A pet's standing medications: what, how much, and at which times of day (on the business's clock). The
-- roster shows each time slot of a pet in care today as due, overdue or given; a dose given against a slot is
-- a medication_logs row pointing at the schedule, at most one per schedule, day and time (give_scheduled_dose).
-- Desk staff keep the schedule; parents, drivers and other businesses neither read nor change it.

create table public.medication_schedules (
  id uuid constraint medication_schedules_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint medication_schedules_business_id_fkey references public.businesses (id) on delete cascade,
  pet_id uuid not null,
  medication text not null constraint medication_schedules_medication_not_blank check (length(btrim(medication)) between 1 and 200),
  dose text not null constraint medication_schedules_dose_not_blank check (length(btrim(dose)) between 1 and 200),
  times time[] not null constraint medication_schedules_times_count check (cardinality(times) between 1 and 8),
  notes text constraint medication_schedules_notes_length check (length(notes) <= 1000),
  created_by uuid default auth.uid() constraint medication_schedules_created_by_fkey references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint medication_schedules_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint medication_schedules_id_business_key unique (id, business_id)
);
alter table public.medication_schedules enable row level security;
grant select, delete on public.medication_schedules to authenticated;
grant insert (business_id, pet_id, medication, dose, times, notes) on public.medication_schedules to authenticated;
grant update (medication, dose, times, notes) on public.medication_schedules to authenticated;
grant all on public.medication_schedules to service_role;
create index medication_schedules_pet_id_idx on public.medication_schedules (pet_id);
create index medication_schedules_business_id_idx on public.medication_schedules (business_id);
create index medication_schedules_created_by_idx on public.medication_schedules (created_by);
comment on table public.medication_schedules is
  'A pet''s standing medication: name, dose and the times of day (business clock) it is due; kept by desk staff.';
comment on column public.medication_schedules.times is 'Times of day on the business''s clock, one slot each, sorted and distinct.';

create policy "desk staff read medication schedules" on public.medication_schedules
  for select to authenticated using (business_id in (select private.staff_business_ids()));
create policy "desk staff add medication schedules" on public.medication_schedules
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "desk staff edit medication schedules" on public.medication_schedules
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "desk staff remove medication schedules" on public.medication_schedules
  for delete to authenticated using (business_id in (select private.staff_business_ids()));

-- The times are kept sorted and distinct, so a slot is named by its time alone; updated_at follows edits.
create function private.medication_schedule_tidy() returns trigger
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  new.times := array(select distinct t from unnest(new.times) as t where t is not null order by t);
  if cardinality(new.times) = 0 then
    raise exception 'a medication needs at least one time of day' using errcode = '23514',
      hint = 'medication_times_required';
  end if;
  new.medication := btrim(new.medication);
  new.dose := btrim(new.dose);
  if tg_op = 'UPDATE' then
    new.updated_at := now();
  end if;
  return new;
end
$$;
comment on function private.medication_schedule_tidy() is 'Trigger: sorts and de-duplicates a schedule''s times, trims its text, stamps updated_at.';
revoke execute on function private.medication_schedule_tidy() from public;
create trigger medication_schedules_tidy before insert or update on public.medication_schedules
  for each row execute function private.medication_schedule_tidy();
comment on trigger medication_schedules_tidy on public.medication_schedules is 'Keeps times sorted and distinct.';

-- A logged dose may answer one slot of a schedule: its day (business clock) and time. One dose per slot.
alter table public.medication_logs
  add column schedule_id uuid,
  add column slot_day date,
  add column slot_time time,
  add constraint medication_logs_schedule_fkey foreign key (schedule_id, business_id)
    references public.medication_schedules (id, business_id) on delete set null (schedule_id),
  add constraint medication_logs_slot_complete check (schedule_id is null or (slot_day is not null and slot_time is not null)),
  add constraint medication_logs_schedule_slot_key unique (schedule_id, slot_day, slot_time);
create index medication_logs_schedule_id_idx on public.medication_logs (schedule_id);
comment on column public.medication_logs.schedule_id is 'The schedule this dose answers, if it was given against one of its slots.';
