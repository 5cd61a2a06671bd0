-- Check-out by tag ends a checked-in stay, once per client scan id.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(6);

select tests.build_world();
select tests.book_today('checked_in') as booking \gset

select tests.authenticate_as('staff');
create temp table r as select public.check_out_by_tag('aa:bb:cc:dd:ee:01', 'c0ffee00-0000-4000-8000-0000000000aa') as r;
create temp table again as select public.check_out_by_tag('aa:bb:cc:dd:ee:01', 'c0ffee00-0000-4000-8000-0000000000aa') as r;
create temp table none as select public.check_out_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) as r;
select tests.clear_authentication();

select is((select r ->> 'status' from r), 'checked_out', 'a checked-in pet is checked out');
select is((select status::text from public.bookings where id = :'booking'::uuid), 'checked_out', 'the booking is checked out');
select is((select r ->> 'scan_id' from again), (select r ->> 'scan_id' from r), 'a replay returns the first answer');
select is((select r ->> 'status' from none), 'gone_home', 'a pet checked out today is reported as gone home, not checked out again');
select is((select (r ->> 'went_home_at')::timestamptz from none), (select status_changed_at from public.bookings where id = :'booking'::uuid),
  'the answer says when the pet went home');
select is((select count(*)::int from public.tag_scans where booking_id = :'booking'::uuid and action = 'check_out'), 1, 'only one check-out is recorded');

select * from finish();
rollback;
