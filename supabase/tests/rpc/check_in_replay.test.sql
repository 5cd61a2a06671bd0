-- A scan replayed five times (offline queue, double taps) checks the pet in once and answers the same.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(6);

select tests.build_world();
select tests.book_today('confirmed') as booking \gset
select 'c0ffee00-0000-4000-8000-000000000001'::uuid as scan \gset

select tests.authenticate_as('staff');
create temp table answers as
select n, public.check_in_by_tag('AA:BB:CC:DD:EE:01', :'scan'::uuid, 'phone-1') as r from generate_series(1, 5) n;
select tests.clear_authentication();

select is((select r ->> 'status' from answers where n = 1), 'checked_in', 'the first scan checks the pet in');
select is((select count(distinct r ->> 'scan_id')::int from answers), 1, 'all five answers name the same scan');
select is((select count(*)::int from answers where (r ->> 'replayed')::boolean), 4, 'the four replays say they are replays');
select is((select count(*)::int from public.tag_scans where client_scan_id = :'scan'::uuid), 1, 'exactly one scan is recorded');
select is((select status::text from public.bookings where id = :'booking'::uuid), 'checked_in', 'the booking is checked in');
select is(
  (select count(*)::int from public.audit_log where table_name = 'bookings' and row_id = :'booking' and new ->> 'status' = 'checked_in' and action = 'UPDATE'),
  1, 'the booking moved to checked_in once'
);

select * from finish();
rollback;
