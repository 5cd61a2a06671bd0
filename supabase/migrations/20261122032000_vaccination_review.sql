-- Review outcome of parent-uploaded vaccinations. Verifying already had a place (verified_by/at); refusing a
-- certificate did not, and a refused upload must leave the queue while staying on record with the reason
-- the parent is told (it never counts towards the vaccine rules: pet_vaccine_status trusts parent records
-- only once verified).

alter table public.vaccinations
  add column rejected_by uuid constraint vaccinations_rejected_by_fkey references auth.users (id) on delete set null,
  add column rejected_at timestamptz,
  add column rejection_reason text,
  add constraint vaccinations_rejection_complete check ((rejected_at is null) = (rejection_reason is null)),
  add constraint vaccinations_rejection_reason_not_blank check (rejection_reason is null or length(btrim(rejection_reason)) > 0),
  add constraint vaccinations_verified_or_rejected check (verified_at is null or rejected_at is null);
comment on column public.vaccinations.rejected_by is 'Staff member who refused a parent''s upload.';
comment on column public.vaccinations.rejected_at is 'When staff refused a parent''s upload; it then leaves the review queue.';
comment on column public.vaccinations.rejection_reason is 'Why staff refused the upload, as the parent is told.';

create index vaccinations_rejected_by_idx on public.vaccinations (rejected_by);
-- The review queue: parent uploads that nobody has verified or refused yet, oldest first.
create index vaccinations_review_queue_idx on public.vaccinations (business_id, created_at)
  where source = 'parent' and verified_at is null and rejected_at is null;

-- Parents submit uploads for review; they cannot submit one already marked refused (or verified).
drop policy "staff record vaccinations; parents submit theirs for review" on public.vaccinations;
create policy "staff record vaccinations; parents submit theirs for review" on public.vaccinations
  for insert to authenticated
  with check (business_id in (select private.staff_business_ids())
    or (pet_id in (select private.my_pet_ids()) and source = 'parent' and verified_by is null and verified_at is null
        and rejected_by is null and rejected_at is null));
