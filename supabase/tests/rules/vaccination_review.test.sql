-- The review queue of parent uploads: staff verify or refuse with a reason; a refusal needs its reason, cannot
-- also be a verification, and a parent cannot submit an upload that claims to be reviewed already.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(8);

select tests.build_world();

-- a fresh upload by the parent, waiting for review (tests.try undoes its statement, so this one runs plainly)
select tests.authenticate_as('parent');
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, source)
values (tests.id('businesses'), tests.id('pets'), tests.id('vaccine_types'), current_date - 1, current_date + 364, 'parent');
select tests.try(format(
  $$insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, source, rejected_at, rejection_reason)
    values (%L, %L, %L, current_date - 1, current_date + 364, 'parent', now(), 'self-refused')$$,
  tests.id('businesses'), tests.id('pets'), tests.id('vaccine_types'))) as pre_refused \gset
select tests.clear_authentication();
select matches(:'pre_refused'::text, '^error:42501:', 'a parent cannot submit an upload already marked refused');

insert into tests.ids select 'upload', id::text from public.vaccinations
where pet_id = tests.id('pets') and source = 'parent' and verified_at is null and rejected_at is null;

-- refusing takes a reason
select tests.authenticate_as('staff');
select tests.try(format('update public.vaccinations set rejected_by = %L, rejected_at = now() where id = %L',
  tests.id('staff'), tests.id('upload'))) as no_reason \gset
select tests.try(format($$update public.vaccinations set rejected_by = %L, rejected_at = now(), rejection_reason = '  ' where id = %L$$,
  tests.id('staff'), tests.id('upload'))) as blank_reason \gset
select is((select count(*)::int from public.vaccinations
            where business_id = tests.id('businesses') and source = 'parent' and verified_at is null and rejected_at is null),
  1, 'staff see the upload in their review queue');
update public.vaccinations set rejected_by = tests.id('staff'), rejected_at = now(), rejection_reason = 'Certificate is illegible'
where id = tests.id('upload');
select is((select count(*)::int from public.vaccinations
            where business_id = tests.id('businesses') and source = 'parent' and verified_at is null and rejected_at is null),
  0, 'a refused upload leaves the review queue');
select tests.try(format('update public.vaccinations set verified_by = %L, verified_at = now() where id = %L',
  tests.id('staff'), tests.id('upload'))) as verify_refused \gset
select tests.clear_authentication();
select matches(:'no_reason'::text, '^error:23514:', 'a refusal without a reason is rejected');
select matches(:'blank_reason'::text, '^error:23514:', 'a blank reason is rejected');
select matches(:'verify_refused'::text, '^error:23514:', 'a refused upload cannot also be verified');

-- the other tenant's owner cannot review this business's queue
select tests.authenticate_as('other_owner');
select tests.try(format($$update public.vaccinations set rejected_at = null, rejection_reason = null where id = %L$$,
  tests.id('upload'))) as foreign_review \gset
select tests.clear_authentication();
select matches(:'foreign_review'::text, '^ok:0', 'another business''s owner cannot touch the upload');

-- the parent still sees the refusal and its reason on their pet's record
select tests.authenticate_as('parent');
select is((select rejection_reason from public.vaccinations where id = tests.id('upload')), 'Certificate is illegible',
  'the parent reads why their upload was refused');
select tests.clear_authentication();

select * from finish();
rollback;
