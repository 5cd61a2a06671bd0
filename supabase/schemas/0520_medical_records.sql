-- Medical records of pets: checkups, treatments, surgeries, allergies, medications.

create table public.medical_records (
  id uuid constraint medical_records_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint medical_records_business_id_fkey references public.businesses (id) on delete cascade,
  pet_id uuid not null,
  kind public.medical_record_kind not null,
  title text not null constraint medical_records_title_not_blank check (length(btrim(title)) > 0),
  occurred_on date not null,
  partner_id uuid,
  notes text,
  diagnosis text,
  treatment text,
  documents text[] not null default '{}',
  created_at timestamptz not null default now(),
  -- last, in the order the migration added it: staff choose which records the pet's parent sees in the portal
  shared_with_parent boolean not null default false,
  -- the version an edit form was opened with (issue 10, defect 5: no lost update between two editors)
  updated_at timestamptz not null default now(),
  constraint medical_records_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint medical_records_partner_fkey foreign key (partner_id, business_id) references public.partners (id, business_id)
);
alter table public.medical_records enable row level security;
grant select, insert, update, delete on public.medical_records to authenticated;
grant all on public.medical_records to service_role;
create index medical_records_pet_id_idx on public.medical_records (pet_id, occurred_on desc);
create index medical_records_business_id_idx on public.medical_records (business_id);
create index medical_records_partner_id_idx on public.medical_records (partner_id);
comment on table public.medical_records is 'Checkups, treatments, surgeries, allergies and medications of a pet.';
comment on column public.medical_records.shared_with_parent is 'Whether the pet''s parent sees the record (and its documents) in the portal; staff set it.';

create policy "staff read medical records; parents their pets' shared ones" on public.medical_records
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids()))
    or (shared_with_parent and pet_id = any (array(select private.my_pet_ids()))));
create policy "staff add medical records" on public.medical_records
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit medical records" on public.medical_records
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove medical records" on public.medical_records
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create trigger medical_records_touch before update on public.medical_records for each row execute function private.touch_updated_at();
comment on trigger medical_records_touch on public.medical_records is 'Keeps updated_at current.';
