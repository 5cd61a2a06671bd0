-- Health: the vaccine catalogue, vaccinations, medical records, medication doses and incidents.

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
  using (business_id is null or business_id in (select private.my_business_ids()) or business_id in (select private.my_client_business_ids()));
create policy "managers add vaccine types" on public.vaccine_types
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit vaccine types" on public.vaccine_types
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove vaccine types" on public.vaccine_types
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create table public.vaccinations (
  id uuid constraint vaccinations_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint vaccinations_business_id_fkey references public.businesses (id) on delete cascade,
  pet_id uuid not null,
  vaccine_type_id uuid not null constraint vaccinations_vaccine_type_id_fkey references public.vaccine_types (id),
  administered_on date not null,
  expires_on date not null,
  partner_id uuid,
  batch text,
  document_path text,
  source public.vaccination_source not null default 'staff',
  verified_by uuid constraint vaccinations_verified_by_fkey references auth.users (id) on delete set null,
  verified_at timestamptz,
  created_at timestamptz not null default now(),
  constraint vaccinations_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint vaccinations_partner_fkey foreign key (partner_id, business_id) references public.partners (id, business_id),
  constraint vaccinations_dates_in_order check (expires_on > administered_on),
  constraint vaccinations_verified_together check ((verified_by is null) = (verified_at is null) or (source = 'partner' and verified_by is null))
);
alter table public.vaccinations enable row level security;
grant select, insert, update, delete on public.vaccinations to authenticated;
grant all on public.vaccinations to service_role;
create index vaccinations_pet_id_idx on public.vaccinations (pet_id, vaccine_type_id, expires_on desc);
create index vaccinations_business_id_idx on public.vaccinations (business_id, expires_on);
create index vaccinations_vaccine_type_id_idx on public.vaccinations (vaccine_type_id);
create index vaccinations_partner_id_idx on public.vaccinations (partner_id);
create index vaccinations_verified_by_idx on public.vaccinations (verified_by);
create index vaccinations_review_idx on public.vaccinations (business_id) where verified_at is null;
comment on table public.vaccinations is 'A vaccine given to a pet; parent uploads wait unverified in the review queue.';
comment on column public.vaccinations.document_path is 'Certificate object path in the documents bucket.';

-- Parents upload certificates for their own pets: always as source parent and unverified.
create policy "staff read vaccinations; parents read their pets'" on public.vaccinations
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or pet_id in (select private.my_pet_ids()));
create policy "staff record vaccinations; parents submit theirs for review" on public.vaccinations
  for insert to authenticated
  with check (business_id in (select private.staff_business_ids())
    or (pet_id in (select private.my_pet_ids()) and source = 'parent' and verified_by is null and verified_at is null));
create policy "staff edit and verify vaccinations" on public.vaccinations
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove vaccinations" on public.vaccinations
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

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

create policy "staff read medical records; parents read their pets'" on public.medical_records
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or pet_id in (select private.my_pet_ids()));
create policy "staff add medical records" on public.medical_records
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit medical records" on public.medical_records
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove medical records" on public.medical_records
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
