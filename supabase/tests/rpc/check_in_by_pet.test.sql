-- Issue 10, defect 4: a pet without a tag is checked in and out by its id, through the same core as a tap
-- (booking lookup, vaccine gate, audited override, scan record without a tag); a whole family in one call,
-- each pet with its own outcome. Another business's staff, the parent, a driver and anon are refused.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(21);

select tests.build_world();
-- the world pet Bo loses its tag; a second pet Cy, of the same family, has an expired required vaccine
update public.pet_tags set active = false where id = tests.id('pet_tags');
insert into public.pets (business_id, client_id, name, species) values (tests.id('businesses'), tests.id('clients'), 'Cy', 'dog')
  returning id as cy \gset
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
select tests.id('businesses'), :'cy', vt.id, current_date - 400, current_date - 7
from public.vaccine_types vt where vt.id = tests.id('vaccine_types');
update public.services set required_vaccine_type_ids = array[tests.id('vaccine_types')] where id = tests.id('services');
select tests.book_today('confirmed') as bo_booking \gset
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
values (tests.id('businesses'), tests.id('services'), :'cy', tests.id('clients'), tests.today_start(), tests.today_start() + interval '23 hours', 'confirmed')
returning id as cy_booking \gset

-- refusals first, while nothing is checked in
select tests.authenticate_as('other_owner');
select matches(tests.try(format('select public.check_in_pet(%L, %L)', tests.id('pets'), extensions.gen_random_uuid())), '^error:PT404:',
  'another business''s owner cannot check the pet in: it is not a pet of their business');
select matches(tests.try(format('select public.check_in_pet(%L, %L, null, %L)', tests.id('pets'), extensions.gen_random_uuid(), tests.id('businesses'))), '^error:42501:',
  'nor by naming the business');
select matches(tests.try(format('select public.check_in_family(%L)', tests.id('clients'))), '^error:PT404:',
  'nor check the family in');
select matches(tests.try(format('select public.check_out_pet(%L, %L)', tests.id('pets'), extensions.gen_random_uuid())), '^error:PT404:',
  'nor check the pet out');
select tests.clear_authentication();
select tests.authenticate_as('parent');
select matches(tests.try(format('select public.check_in_pet(%L, %L)', tests.id('pets'), extensions.gen_random_uuid())), '^error:42501:',
  'the pet''s parent cannot check the pet in');
select matches(tests.try(format('select public.check_in_family(%L)', tests.id('clients'))), '^error:42501:',
  'nor the family');
select tests.clear_authentication();
select tests.authenticate_as('driver');
select matches(tests.try(format('select public.check_in_pet(%L, %L)', tests.id('pets'), extensions.gen_random_uuid())), '^error:42501:',
  'a driver cannot check a pet in');
select matches(tests.try(format('select public.check_out_pet(%L, %L)', tests.id('pets'), extensions.gen_random_uuid())), '^error:42501:',
  'nor out');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select matches(tests.try(format('select public.check_in_pet(%L, %L)', tests.id('pets'), extensions.gen_random_uuid())), '^error:42501:',
  'anon cannot call check_in_pet');
select matches(tests.try(format('select public.check_in_family(%L)', tests.id('clients'))), '^error:42501:',
  'nor check_in_family');
select tests.clear_authentication();
select is((select count(*)::int from public.bookings where status = 'checked_in' and business_id = tests.id('businesses')), 0,
  'no refused call checked anyone in');

-- the family, in one call: Bo in, Cy blocked by the expired vaccine
select tests.authenticate_as('staff');
create temp table fam as select public.check_in_family(tests.id('clients')) as r;
select tests.clear_authentication();
select is((select jsonb_agg(jsonb_build_array(o -> 'pet' ->> 'name', o ->> 'status')) from fam, jsonb_array_elements(r -> 'outcomes') o),
  '[["Bo", "checked_in"], ["Cy", "blocked"]]'::jsonb, 'a family check-in answers each pet''s outcome');
select ok((select o -> 'vaccines' @> '[{"name": "A Lepto", "status": "expired"}]' from fam, jsonb_array_elements(r -> 'outcomes') o
           where o -> 'pet' ->> 'name' = 'Cy'), 'the blocked pet''s outcome says which vaccine');
select is((select status::text from public.bookings where id = :'bo_booking'::uuid), 'checked_in', 'Bo''s booking is checked in');
select is((select tag_id from public.tag_scans where booking_id = :'bo_booking'::uuid and action = 'check_in'), null,
  'the scan is recorded, with no tag');

-- Cy by id: staff are refused the override, a manager overrides with a reason and it is audited
select tests.authenticate_as('staff');
select matches(tests.try(format('select public.check_in_pet(%L, %L, %L)', :'cy', extensions.gen_random_uuid(), 'I know the dog')), '^error:42501:',
  'staff cannot override the vaccine gate by pet id either');
select tests.clear_authentication();
select tests.authenticate_as('manager');
create temp table cy_in as select public.check_in_pet(:'cy', extensions.gen_random_uuid(), 'Vet confirmed by phone') as r;
select tests.clear_authentication();
select is((select r ->> 'status' || '/' || (r ->> 'overridden') from cy_in), 'checked_in/true', 'a manager lets Cy in by id with a reason');
select is((select reason from public.audit_log where action = 'OVERRIDE' and row_id = :'cy_booking'), 'Vet confirmed by phone',
  'the override is audited');

-- out by id, replay-safe, then a second check-out says gone home
select tests.authenticate_as('staff');
create temp table bo_out as select public.check_out_pet(tests.id('pets'), 'c0ffee00-0000-4000-8000-0000000000bb') as r;
create temp table bo_again as select public.check_out_pet(tests.id('pets'), 'c0ffee00-0000-4000-8000-0000000000bb') as r;
create temp table bo_in_again as select public.check_in_pet(tests.id('pets'), extensions.gen_random_uuid()) as r;
select tests.clear_authentication();
select is((select r ->> 'status' from bo_out), 'checked_out', 'Bo is checked out by id');
select is((select r ->> 'scan_id' from bo_again), (select r ->> 'scan_id' from bo_out), 'a replayed check-out returns the first answer');
select is((select r ->> 'status' from bo_in_again), 'gone_home', 'checking Bo in again by id says he went home');

select * from finish();
rollback;
