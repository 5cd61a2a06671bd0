-- Without a booking today, a scan says so; naming a walk-in service books and checks in at once.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(5);

select tests.build_world();

select tests.authenticate_as('staff');
create temp table r1 as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) as r;
create temp table r2 as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), null, null, null, tests.id('services')) as r;
select tests.clear_authentication();

select is((select r ->> 'status' from r1), 'no_booking_today', 'a pet with no booking today is reported as such');
select ok((select r -> 'walk_in_services' @> jsonb_build_array(jsonb_build_object('id', tests.id('services'))) from r1), 'the answer offers walk-in services');
select is((select count(*)::int from public.tag_scans where pet_id = tests.id('pets') and booking_id is distinct from tests.id('bookings')), 1,
  'only the walk-in scan is recorded');
select is((select r ->> 'status' from r2), 'checked_in', 'a walk-in service checks the pet in');
select is((select b.status::text from public.bookings b where b.id = (select (r -> 'booking' ->> 'id')::uuid from r2)), 'checked_in',
  'the walk-in booking exists and is checked in');

select * from finish();
rollback;
