-- Vaccinations of pets. Parent uploads wait in a review queue until staff verify or refuse them; a refused
-- upload leaves the queue but stays on record with the reason the parent is told.

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
  rejected_by uuid constraint vaccinations_rejected_by_fkey references auth.users (id) on delete set null,
  rejected_at timestamptz,
  rejection_reason text,
  -- the version an edit form was opened with (issue 10, defect 5: no lost update between two editors)
  updated_at timestamptz not null default now(),
  constraint vaccinations_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint vaccinations_partner_fkey foreign key (partner_id, business_id) references public.partners (id, business_id),
  constraint vaccinations_dates_in_order check (expires_on > administered_on),
  constraint vaccinations_verified_together check ((verified_by is null) = (verified_at is null) or (source = 'partner' and verified_by is null)),
  constraint vaccinations_rejection_complete check ((rejected_at is null) = (rejection_reason is null)),
  constraint vaccinations_rejection_reason_not_blank check (rejection_reason is null or length(btrim(rejection_reason)) > 0),
  constraint vaccinations_verified_or_rejected check (verified_at is null or rejected_at is null)
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
create index vaccinations_rejected_by_idx on public.vaccinations (rejected_by);
-- The review queue: parent uploads that nobody has verified or refused yet, oldest first.
create index vaccinations_review_queue_idx on public.vaccinations (business_id, created_at)
  where source = 'parent' and verified_at is null and rejected_at is null;
comment on table public.vaccinations is 'A vaccine given to a pet; parent uploads wait unverified in the review queue.';
comment on column public.vaccinations.document_path is 'Certificate object path in the documents bucket.';
comment on column public.vaccinations.rejected_by is 'Staff member who refused a parent''s upload.';
comment on column public.vaccinations.rejected_at is 'When staff refused a parent''s upload; it then leaves the review queue.';
comment on column public.vaccinations.rejection_reason is 'Why staff refused the upload, as the parent is told.';

-- Parents upload certificates for their own pets: always as source parent, neither verified nor refused.
create policy "staff read vaccinations; parents read their pets'" on public.vaccinations
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));
create policy "staff record vaccinations; parents submit theirs for review" on public.vaccinations
  for insert to authenticated
  with check (business_id = any (array(select private.staff_business_ids()))
    or (pet_id = any (array(select private.my_pet_ids())) and source = 'parent' and verified_by is null and verified_at is null
        and rejected_by is null and rejected_at is null));
create policy "staff edit and verify vaccinations" on public.vaccinations
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove vaccinations" on public.vaccinations
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create function private.vaccines_block(p_status jsonb) returns boolean
language plpgsql
immutable
set search_path = ''
as $$
begin
  return exists (select 1 from jsonb_array_elements(p_status) e where e ->> 'status' <> 'valid');
end
$$;
comment on function private.vaccines_block(jsonb) is 'Whether a vaccine status list contains anything that blocks a stay.';
revoke execute on function private.vaccines_block(jsonb) from public;
grant execute on function private.vaccines_block(jsonb) to authenticated, service_role;

create trigger vaccinations_touch before update on public.vaccinations for each row execute function private.touch_updated_at();
comment on trigger vaccinations_touch on public.vaccinations is 'Keeps updated_at current.';
