-- The vaccine gate asks a pet only for vaccines of its own species, and names each vaccine once: a cat booked
-- for a daycare that lists dog and cat vaccines is not told it lacks a dog vaccine, and Rabies (required by
-- the service, by the business and by the global catalogue) is one line, not two.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(5);

select tests.build_world();
insert into public.vaccine_types (id, business_id, species, name, valid_days, required) values
  ('00000000-0000-4000-8000-00000000ab01', tests.id('businesses'), 'dog', 'Rabies', 365, false),
  ('00000000-0000-4000-8000-00000000ab02', tests.id('businesses'), 'cat', 'rabies', 365, true);
update public.services set required_vaccine_type_ids = array[
  '00000000-0000-4000-8000-00000000ab01', tests.id('vaccine_types'), '00000000-0000-4000-8000-00000000ab02']::uuid[]
where id = tests.id('services');
insert into public.pets (id, business_id, client_id, name, species)
values ('00000000-0000-4000-8000-00000000ca01', tests.id('businesses'), tests.id('clients'), 'Tom', 'cat');
-- the cat has a valid rabies record under the business's own type
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, source)
values (tests.id('businesses'), '00000000-0000-4000-8000-00000000ca01', '00000000-0000-4000-8000-00000000ab02',
  current_date - 10, current_date + 300, 'staff');

create temp table cat as select public.pet_vaccine_status('00000000-0000-4000-8000-00000000ca01', tests.id('services')) as s;
create temp table dog as select public.pet_vaccine_status(tests.id('pets'), tests.id('services')) as s;

select is((select count(*)::int from cat, jsonb_array_elements(s) e where e ->> 'name' = 'A Lepto'), 0,
  'a cat is not asked for a dog vaccine the service lists');
select is((select count(*)::int from cat, jsonb_array_elements(s) e where lower(e ->> 'name') = 'rabies'), 1,
  'rabies is listed once for the cat, though the service, the business and the catalogue all require it');
select is((select e ->> 'status' from cat, jsonb_array_elements(s) e where lower(e ->> 'name') = 'rabies'), 'valid',
  'the cat''s rabies record under any same-named type of its species counts');
select is((select count(*)::int from dog, jsonb_array_elements(s) e where e ->> 'name' = 'A Lepto'), 1,
  'a dog is still asked for the dog vaccine');
select is((select count(*)::int from dog, jsonb_array_elements(s) e where lower(e ->> 'name') = 'rabies'), 1,
  'and for rabies once');

select * from finish();
rollback;
