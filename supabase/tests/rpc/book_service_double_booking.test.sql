-- Double booking (issue 10, defect 2): a pet holds at most one live booking (requested, confirmed,
-- waitlisted, checked in) of a service at a time. The refusal names the pet, the service and the day
-- (hint pet_already_booked); the exclusion constraint holds it for every writer; the waitlist still works.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(16);

select tests.build_world();
-- fixed days far from the world's own booking (tomorrow), in tenant A's zone (Europe/London)
update public.services set daily_capacity = 1, name = 'Daycare' where id = tests.id('services');
update public.pets set name = 'Rex' where id = tests.id('pets');
-- a second pet of the same family, to fill the only place
insert into public.pets (id, business_id, client_id, name, species)
values ('00000000-0000-4000-8000-0000000000d2', tests.id('businesses'), tests.id('clients'), 'Pip', 'dog');
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
select tests.id('businesses'), '00000000-0000-4000-8000-0000000000d2', vt.id, current_date - 10, current_date + 3000
from public.vaccine_types vt where vt.business_id is null and vt.required and vt.species = 'dog';
update public.vaccinations set expires_on = current_date + 3000 where pet_id = tests.id('pets');

select tests.authenticate_as('staff');
create temp table rex as select public.book_service(tests.id('services'), tests.id('pets'), '2031-12-09 08:00 Europe/London',
  null, null, true) as r;
select tests.try(format('select public.book_service(%L, %L, %L, null, null, true)', tests.id('services'), tests.id('pets'),
  '2031-12-09 13:00 Europe/London')) as second \gset
select tests.clear_authentication();
select is((select (r).status::text from rex), 'confirmed', 'staff book Rex for Daycare on 9 Dec');
select matches(:'second'::text, '^error:23P01:', 'a second booking of Rex for Daycare that day is refused');

-- the refusal's hint and detail, as PostgREST passes them on
create function pg_temp.refusal(p_sql text) returns jsonb language plpgsql as $$
declare v_hint text; v_detail text; v_state text;
begin
  execute p_sql;
  return '{}';  -- not refused
exception when others then
  get stacked diagnostics v_state = returned_sqlstate, v_hint = pg_exception_hint, v_detail = pg_exception_detail;
  return jsonb_build_object('code', v_state, 'hint', v_hint, 'detail', v_detail::jsonb);
end $$;
select tests.authenticate_as('parent');
select pg_temp.refusal(format('select public.book_service(%L, %L, %L)', tests.id('services'), tests.id('pets'),
  '2031-12-09 10:00 Europe/London')) as refusal \gset
select tests.clear_authentication();
select is((:'refusal'::jsonb) ->> 'hint', 'pet_already_booked', 'the refusal is named pet_already_booked');
select is((:'refusal'::jsonb) -> 'detail' ->> 'pet_name', 'Rex', 'it names the pet');
select is((:'refusal'::jsonb) -> 'detail' ->> 'service_name', 'Daycare', 'it names the service');
select is((:'refusal'::jsonb) -> 'detail' ->> 'day', '2031-12-09', 'it names the day, in the business''s zone');
select is((:'refusal'::jsonb) -> 'detail' ->> 'status', 'confirmed', 'and the status of the booking already held');

-- a multi-night stay overlapping the day names the first day they share
select tests.authenticate_as('staff');
select pg_temp.refusal(format('select public.book_service(%L, %L, %L, %L)', tests.id('services'), tests.id('pets'),
  '2031-12-07 09:00 Europe/London', '2031-12-10 09:00 Europe/London')) as stay \gset
select tests.clear_authentication();
select is((:'stay'::jsonb) -> 'detail' ->> 'day', '2031-12-09', 'a stay across the booked day names the day they overlap');

-- the constraint itself, for a writer that skips the rpc (the service role, an import); PostgREST shows it as 23P01
select throws_ok(
  format($$alter table public.bookings disable trigger bookings_30_no_double_booking;
           insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
           values (%L, %L, %L, %L, '2031-12-09 12:00 Europe/London', '2031-12-09 18:00 Europe/London', 'waitlisted')$$,
         tests.id('businesses'), tests.id('services'), tests.id('pets'), tests.id('clients')),
  '23P01', null, 'the exclusion constraint refuses a duplicate even without the guard trigger'
);

-- another service, another pet, the day after, or after a cancellation: all fine
select tests.authenticate_as('staff');
select tests.try(format('select public.book_service(%L, %L, %L, null, null, true)', tests.id('services_spare'), tests.id('pets'),
  '2031-12-09 08:00 Europe/London')) as other_service \gset
select tests.try(format('select public.book_service(%L, %L, %L, null, null, true)', tests.id('services'), tests.id('pets'),
  '2031-12-10 08:00 Europe/London')) as next_day \gset
select tests.try(format('select public.book_service(%L, %L, %L)', tests.id('services'), '00000000-0000-4000-8000-0000000000d2',
  '2031-12-09 08:00 Europe/London')) as other_pet \gset
select tests.clear_authentication();
select matches(:'other_service'::text, '^ok:', 'the same pet may have another service that day');
select matches(:'next_day'::text, '^ok:', 'the same pet may have the service the next day');
select matches(:'other_pet'::text, '^ok:', 'another pet may have the service that day');

-- the waitlist: Pip waits behind Rex; a duplicate of Pip's waitlisted booking is refused too
select tests.authenticate_as('staff');
create temp table pip as select public.book_service(tests.id('services'), '00000000-0000-4000-8000-0000000000d2',
  '2031-12-09 08:00 Europe/London') as r;
select tests.try(format('select public.book_service(%L, %L, %L)', tests.id('services'), '00000000-0000-4000-8000-0000000000d2',
  '2031-12-09 09:00 Europe/London')) as pip_again \gset
select is((select (r).status::text from pip), 'waitlisted', 'Pip is waitlisted on the full day');
select matches(:'pip_again'::text, '^error:23P01:', 'a second request for Pip while waitlisted is refused, not queued twice');
-- Rex's place is freed: Pip is promoted (a live-to-live move keeps its slot), and Rex may book again
select public.cancel_booking(b.id) from public.bookings b
where b.pet_id = tests.id('pets') and b.service_id = tests.id('services') and b.starts_at = '2031-12-09 08:00 Europe/London';
create temp table rebook as select public.book_service(tests.id('services'), tests.id('pets'), '2031-12-09 08:00 Europe/London') as r;
select tests.clear_authentication();
select is((select status::text from public.bookings where id = (select (r).id from pip)), 'confirmed',
  'a cancellation promotes the waitlisted pet');
select is((select (r).status::text from rebook), 'waitlisted',
  'after a cancellation the pet may be booked again, and waits for the place Pip now holds');


select * from finish();
rollback;
