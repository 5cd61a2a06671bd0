-- Issue 10, defect 3: a tap after check-out must not read as "no booking today" next to one-press walk-ins.
-- The second tap says the pet went home (and when); nothing is booked or recorded until a walk-in service is
-- named deliberately.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(8);

select tests.build_world();
select tests.book_today('confirmed') as booking \gset

select tests.authenticate_as('staff');
select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) ->> 'status' as first \gset
select public.check_out_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) ->> 'status' as out \gset
create temp table again as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) as r;
select tests.clear_authentication();

select is(:'first' || '/' || :'out', 'checked_in/checked_out', 'the pet is checked in, then out');
select is((select r ->> 'status' from again), 'gone_home', 'a tap after check-out says the pet went home');
select is((select (r ->> 'went_home_at')::timestamptz from again),
  (select status_changed_at from public.bookings where id = :'booking'::uuid), 'with the time of the check-out');
select is((select r -> 'booking' ->> 'id' from again), :'booking', 'the card shows the stay that ended');
select ok((select jsonb_array_length(r -> 'walk_in_services') > 0 from again),
  'walk-in services are still listed, for a deliberate choice');
select is((select count(*)::int from public.bookings where pet_id = tests.id('pets')
           and status not in ('cancelled', 'no_show') and id <> tests.id('bookings')), 1,
  'the second tap booked nothing');
select is((select count(*)::int from public.tag_scans where booking_id = :'booking'::uuid), 2,
  'and recorded no scan');

-- naming a walk-in service is the deliberate choice: it books and checks in anew
select tests.authenticate_as('staff');
create temp table walk as
  select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), null, null, null, tests.id('services_spare')) as r;
select tests.clear_authentication();
select is((select r ->> 'status' from walk), 'checked_in', 'a confirmed walk-in after going home books and checks in');

select * from finish();
rollback;
