-- Booking rules: vaccines required by the service, dates in order, the booking life cycle.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(10);

select tests.build_world();
update public.services set required_vaccine_type_ids = array[tests.id('vaccine_types')] where id = tests.id('services');

select tests.authenticate_as('parent');
-- clear of the world's own booking of the pet (now + 1 day for 8 hours, which after 16:00 runs into the day
-- after tomorrow: CI once booked into it at 16:25), which a second booking may not overlap
select tests.try(format('select public.book_service(%L, %L, %L)', tests.id('services'), tests.id('pets'), tests.today_start() + interval '3 days')) as ok_booking \gset
select tests.clear_authentication();
select matches(:'ok_booking'::text, '^ok:', 'a parent books a pet whose vaccines are valid');

update public.vaccinations set expires_on = current_date + 2 where id = tests.id('vaccinations');
select tests.authenticate_as('parent');
select tests.try(format('select public.book_service(%L, %L, %L, %L)', tests.id('services'), tests.id('pets'),
  tests.today_start() + interval '1 day', tests.today_start() + interval '5 days')) as late \gset
select tests.try(format('select public.book_service(%L, %L, %L, %L)', tests.id('services'), tests.id('pets'),
  tests.today_start() + interval '1 day', tests.today_start())) as backwards \gset
select tests.try(format('update public.bookings set status = %L where id = %L', 'checked_in', tests.id('bookings'))) as parent_checkin \gset
select tests.clear_authentication();
select matches(:'late'::text, '^error:23514:', 'a vaccine expiring before the stay ends refuses the booking');
select matches(:'backwards'::text, '^error:22023:', 'a booking that ends before it starts is refused');
select matches(:'parent_checkin'::text, '^error:42501:', 'a parent cannot check a pet in');

select tests.authenticate_as('staff');
select tests.try(format('update public.bookings set status = %L where id = %L', 'checked_out', tests.id('bookings'))) as skip \gset
select tests.try(format('update public.bookings set status = %L where id = %L', 'cancelled', tests.id('bookings'))) as cancel \gset
select tests.clear_authentication();
select matches(:'skip'::text, '^error:23514:', 'a requested booking cannot jump to checked_out');
select matches(:'cancel'::text, '^ok:1', 'staff cancel a requested booking');

-- Fixed instants, so the outcome never depends on the hour the suite runs. Tenant A is in Europe/London:
-- 00:30 on 10 March back to 23:30 on 9 March crosses midnight backwards, the case that once reached
-- FOREACH with a null day list (22004) instead of the dates check.
select throws_ok(
  format($$insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at)
           values (%L, %L, %L, %L, '2027-03-10 00:30 Europe/London', '2027-03-09 23:30 Europe/London')$$,
         tests.id('businesses'), tests.id('services'), tests.id('pets'), tests.id('clients')),
  '23514', null, 'the table itself refuses a booking that ends before it starts, across midnight'
);
select throws_ok(
  format($$insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at)
           values (%L, %L, %L, %L, '2027-03-10 14:00 Europe/London', '2027-03-10 13:00 Europe/London')$$,
         tests.id('businesses'), tests.id('services'), tests.id('pets'), tests.id('clients')),
  '23514', null, 'the table itself refuses a booking that ends before it starts, within one day'
);
select throws_ok(
  format($$insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at)
           values (%L, %L, %L, %L, '2027-03-10 09:00 Europe/London', '2027-03-10 09:00 Europe/London')$$,
         tests.id('businesses'), tests.id('services'), tests.id('pets'), tests.id('clients')),
  '23514', null, 'the table itself refuses a booking that ends the moment it starts'
);
select lives_ok(
  $$select private.lock_service_days(gen_random_uuid(), '{}'::date[])$$,
  'locking no days is a no-op, not an error'
);

select * from finish();
rollback;
