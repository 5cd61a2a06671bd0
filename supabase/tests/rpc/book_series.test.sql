-- Recurring and multi-pet bookings (issue 10): book_series books each pet at each start through
-- book_service, so capacity waitlists and vaccines refuse per occurrence; every occurrence is reported
-- (booked or refused with its hint); the series is capped; cancel_series cancels the rest of a series.
-- Who may: staff and the family's parent; another business's staff, a driver and anon book nothing.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(17);

select tests.build_world();
update public.services set daily_capacity = 1 where id = tests.id('services');
insert into public.pets (id, business_id, client_id, name, species)
values ('00000000-0000-4000-8000-0000000000e2', tests.id('businesses'), tests.id('clients'), 'Pip', 'dog');
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
select tests.id('businesses'), '00000000-0000-4000-8000-0000000000e2', vt.id, current_date - 10, date '2032-01-07'
from public.vaccine_types vt where vt.business_id is null and vt.required and vt.species = 'dog';
update public.vaccinations set expires_on = date '2040-01-01' where pet_id = tests.id('pets');

-- Mon/Wed/Fri 5–9 Jan 2032 for Bo and Pip: 3 days × 2 pets, one place a day. Pip's vaccines expire on 7 Jan.
create temp table starts as
select array['2032-01-05 08:00 Europe/London', '2032-01-07 08:00 Europe/London', '2032-01-09 08:00 Europe/London']::timestamptz[] as s;
grant select on starts to authenticated;
select tests.authenticate_as('staff');
create temp table series as
select public.book_series(tests.id('services'), array[tests.id('pets'), '00000000-0000-4000-8000-0000000000e2'::uuid],
  (select s from starts), null, 'series', true) as r;
select tests.clear_authentication();
create temp table outcome as
select e ->> 'pet_id' as pet, (e ->> 'starts_at')::timestamptz as at, e ->> 'status' as status, e -> 'refused' ->> 'hint' as hint
from series, jsonb_array_elements((r) -> 'results') e;

select is((select count(*)::int from outcome), 6, 'every occurrence of every pet is reported');
select is((select count(*)::int from outcome where pet = tests.id('pets')::text and status = 'confirmed'), 3,
  'Bo is confirmed on each of the three days');
select is((select status from outcome where pet like '%e2' and at = '2032-01-05 08:00 Europe/London'), 'waitlisted',
  'Pip is waitlisted on the first day: the only place is Bo''s');
select is((select hint from outcome where pet like '%e2' and at = '2032-01-09 08:00 Europe/London'), 'vaccine_blocks_booking',
  'Pip is refused after the vaccines expire, with the reason');
select is((select count(*)::int from public.bookings where series_id = ((select r from series) ->> 'series_id')::uuid), 5,
  'the five bookings made share the series id; the refused one made none');
select is((select count(*)::int from public.bookings where notes = 'series' and series_id is null), 0,
  'no booking of the series is left without its id');

-- the same series again: everything is a named double booking, nothing is added
select tests.authenticate_as('staff');
create temp table again as
select public.book_series(tests.id('services'), array[tests.id('pets')], (select s from starts), null, null, true) as r;
select tests.clear_authentication();
select is((select count(*)::int from again, jsonb_array_elements(r -> 'results') e where e -> 'refused' ->> 'hint' = 'pet_already_booked'), 3,
  'booking the series twice refuses each date as a double booking');

-- the cap, with a sentence's values
select tests.authenticate_as('staff');
select tests.try(format('select public.book_series(%L, array[%L, %L]::uuid[], (select array_agg(%L::timestamptz + n * interval ''1 day'') from generate_series(1, 61) n))',
  tests.id('services'), tests.id('pets'), '00000000-0000-4000-8000-0000000000e2', '2033-01-01 08:00 Europe/London')) as too_long \gset
select tests.try(format('select public.book_series(%L, array[]::uuid[], (select s from starts))', tests.id('services'))) as empty \gset
select tests.clear_authentication();
select matches(:'too_long'::text, '^error:22023:', '122 bookings are over the cap of 120 and nothing is booked');
select matches(:'empty'::text, '^error:22023:', 'a series of no pet is refused');

-- a pet parent books their own family as requests; a confirmed series from a parent is refused date by date
select tests.authenticate_as('parent');
create temp table parent_series as
select public.book_series(tests.id('services'), array[tests.id('pets')], array['2032-02-02 08:00 Europe/London']::timestamptz[]) as r;
create temp table parent_confirm as
select public.book_series(tests.id('services'), array[tests.id('pets')], array['2032-02-03 08:00 Europe/London']::timestamptz[], null, null, true) as r;
select tests.clear_authentication();
select is((select r -> 'results' -> 0 ->> 'status' from parent_series), 'requested', 'a parent requests a series for their pet');
select is((select r -> 'results' -> 0 -> 'refused' ->> 'hint' from parent_confirm), 'parent_may_only_request',
  'a parent cannot confirm: each date says why');

-- another business's owner, a driver: every date refused, nothing booked; anon cannot call it
select tests.authenticate_as('other_owner');
create temp table other as
select public.book_series(tests.id('services'), array[tests.id('pets')], array['2032-02-04 08:00 Europe/London']::timestamptz[]) as r;
select tests.clear_authentication();
select tests.authenticate_as('driver');
create temp table driver as
select public.book_series(tests.id('services'), array[tests.id('pets')], array['2032-02-04 08:00 Europe/London']::timestamptz[]) as r;
select tests.clear_authentication();
select is((select r -> 'results' -> 0 -> 'refused' ->> 'code' from other), 'PT404', 'another business''s owner books nothing');
select is((select r -> 'results' -> 0 -> 'refused' ->> 'code' from driver), 'PT404', 'a driver books nothing');
select (r ->> 'series_id') as series_id from series \gset
select tests.authenticate_as_anon();
select tests.try(format('select public.book_series(%L, array[%L]::uuid[], array[now()])', tests.id('services'), tests.id('pets'))) as anon_series \gset
select tests.try(format('select public.cancel_series(%L)', :'series_id')) as anon_cancel \gset
select tests.clear_authentication();
select matches(:'anon_series'::text, '^error:42501:', 'anon cannot book a series');
select matches(:'anon_cancel'::text, '^error:42501:', 'anon cannot cancel a series');

-- cancelling the rest of the series from 6 Jan: 7 and 9 Jan go (and free their places), 5 Jan stays
select tests.authenticate_as('staff');
select public.cancel_series(:'series_id', '2032-01-06 00:00 Europe/London', 'moved away') as n \gset
select tests.clear_authentication();
select is(:n, 3, 'cancel_series cancels the three live bookings from 6 January on');
select is(
  (select array_agg(status::text order by starts_at, status::text) from public.bookings where series_id = ((select r from series) ->> 'series_id')::uuid),
  array['confirmed', 'waitlisted', 'cancelled', 'cancelled', 'cancelled'],
  'the first day is kept; the rest of the series is cancelled'
);

select * from finish();
rollback;
