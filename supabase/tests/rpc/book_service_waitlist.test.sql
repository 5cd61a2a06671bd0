-- Capacity: a full day waitlists; a cancellation gives the place to the first on the waitlist, who is notified.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(9);

select tests.build_world();
update public.services set daily_capacity = 1 where id = tests.id('services');
-- three more pets of the same parent, so the parent can book them all
insert into public.pets (id, business_id, client_id, name)
select ('00000000-0000-4000-8000-00000000000' || n)::uuid, tests.id('businesses'), tests.id('clients'), 'Pup ' || n from generate_series(1, 3) n;
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
select tests.id('businesses'), p.id, vt.id, current_date - 10, current_date + 300
from public.pets p, public.vaccine_types vt
where p.name like 'Pup %' and p.client_id = tests.id('clients') and vt.business_id is null and vt.required and vt.species = 'dog';

select tests.authenticate_as('parent');
create temp table b as
select n, public.book_service(tests.id('services'), ('00000000-0000-4000-8000-00000000000' || n)::uuid, tests.today_start() + interval '7 days') as r
from generate_series(1, 3) n;
select tests.try(format('select public.confirm_booking(%L)', (select (r).id from b where n = 2))) as parent_confirm \gset
select public.cancel_booking((select (r).id from b where n = 1), 'plans changed');
select tests.clear_authentication();

select is((select (r).status::text from b where n = 1), 'requested', 'the first booking takes the only place');
select is((select (r).status::text from b where n = 2), 'waitlisted', 'the second booking on a full day is waitlisted');
select is((select (r).status::text from b where n = 3), 'waitlisted', 'the third is waitlisted behind it');
select matches(:'parent_confirm'::text, '^error:42501:', 'a parent cannot confirm a booking');
select is((select status::text from public.bookings where id = (select (r).id from b where n = 1)), 'cancelled', 'the cancelled booking is cancelled');
select is((select status::text from public.bookings where id = (select (r).id from b where n = 2)), 'confirmed', 'the freed place goes to the first on the waitlist');
select is((select status::text from public.bookings where id = (select (r).id from b where n = 3)), 'waitlisted', 'the next one keeps waiting');
select is(
  (select count(*)::int from public.notifications where template = 'waitlist_place_offered' and payload ->> 'booking_id' = (select (r).id::text from b where n = 2)),
  1, 'the promoted family gets a notification'
);

-- staff cannot squeeze a waitlisted booking into a full day either
select tests.authenticate_as('staff');
select tests.try(format('select public.confirm_booking(%L)', (select (r).id from b where n = 3))) as staff_confirm \gset
select tests.clear_authentication();
select matches(:'staff_confirm'::text, '^error:23P01:', 'confirming a waitlisted booking on a full day is refused');

select * from finish();
rollback;
