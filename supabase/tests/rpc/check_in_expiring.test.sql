-- A vaccine that expires during the stay blocks check-in just like an expired one.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(2);

select tests.build_world();
update public.services set required_vaccine_type_ids = array[tests.id('vaccine_types')] where id = tests.id('services');
update public.vaccinations set expires_on = (now() at time zone 'Europe/London')::date + 1 where id = tests.id('vaccinations');
-- a three-night stay starting today (instead of the world's visit tomorrow: the pet cannot hold both)
update public.bookings set status = 'cancelled' where id = tests.id('bookings');
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
values (tests.id('businesses'), tests.id('services'), tests.id('pets'), tests.id('clients'), tests.today_start(), tests.today_start() + interval '3 days', 'confirmed');

select tests.authenticate_as('staff');
create temp table r as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) as r;
select tests.clear_authentication();

select is((select r ->> 'status' from r), 'blocked', 'a vaccine expiring during the stay blocks check-in');
select ok((select r -> 'vaccines' @> '[{"status": "expires_during_stay"}]' from r), 'the vaccine is reported as expiring during the stay');

select * from finish();
rollback;
