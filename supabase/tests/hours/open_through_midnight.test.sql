-- A day closing at 24:00 followed by a day opening at 00:00 is one open span: a visit may run across midnight
-- at a site open through the night, and must still end by the span's real closing (which may be the next
-- day's). A closure or a later opening the next day ends the span at 24:00. Fixed days next week
-- (Europe/London), so the outcome never depends on the hour the suite runs.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
\ir _refusal.psql
select plan(11);

select tests.build_world();
-- the world's own booking of Bo would make these a double booking (one live booking per pet and service)
update public.bookings set status = 'cancelled' where id = tests.id('bookings');
select (date_trunc('week', now() at time zone 'Europe/London')::date + 7)::text as monday \gset
-- Mon 07:00-24:00, Tue 00:00-02:00 (the night runs on), Wed 07:00-24:00, Thu 07:00-19:00 (opens late: no
-- run-on), Fri and Sat 00:00-24:00 with Saturday a closure, Sun 00:00-24:00
insert into public.opening_hours (business_id, location_id, weekday, opens, closes)
select tests.id('businesses'), tests.id('locations'), d,
  case d when 1 then time '07:00' when 2 then time '00:00' when 3 then time '07:00' when 4 then time '07:00' else time '00:00' end,
  case d when 2 then time '02:00' when 4 then time '19:00' else time '24:00' end
from generate_series(1, 7) d;
insert into public.closures (business_id, location_id, on_date, reason)
values (tests.id('businesses'), tests.id('locations'), :'monday'::date + 5, 'Staff day');
insert into public.services (business_id, kind, name, duration_minutes) values (tests.id('businesses'), 'grooming', 'A Groom', 90)
returning id as groom \gset

-- books as staff; a booking that goes through is noted in `booked` (its end) and cancelled again, so the
-- next case starts clean
create temp table booked (ends_at timestamptz);
create function pg_temp.book(p_service uuid, p_starts text, p_ends text default null) returns text
language plpgsql as $$
declare
  v_answer text;
begin
  perform tests.authenticate_as('staff');
  v_answer := pg_temp.refusal(format('select public.book_service(%L, %L, %L::timestamptz, %L::timestamptz)',
    p_service, tests.id('pets'), p_starts, p_ends));
  perform tests.clear_authentication();
  delete from booked;
  insert into booked select b.ends_at from public.bookings b where b.pet_id = tests.id('pets') and b.status <> 'cancelled';
  update public.bookings set status = 'cancelled' where pet_id = tests.id('pets') and status <> 'cancelled';
  return v_answer;
end $$;

select is(pg_temp.book(:'groom', :'monday' || ' 23:30 Europe/London'), 'ok',
  'a 90-minute groom starting at 23:30 runs on past midnight into a day that opens at 00:00');
select is((select ends_at from booked), ((:'monday'::date + 1) || ' 01:00 Europe/London')::timestamptz,
  'it ends 90 minutes later, on the next day');
select is(pg_temp.book(:'groom', (:'monday'::date + 1) || ' 01:00 Europe/London'),
  '22023:outside_opening_hours:{"date": "' || (:'monday'::date + 1) || '", "closes": "02:00"}',
  'a groom that would run past the next day''s 02:00 closing is refused, naming that day and time');
select is(pg_temp.book(tests.id('services'), :'monday' || ' 22:00 Europe/London', (:'monday'::date + 1) || ' 03:00 Europe/London'),
  '22023:outside_opening_hours:{"date": "' || (:'monday'::date + 1) || '", "closes": "02:00"}',
  'an explicit end after the night''s real closing is refused');
select is(pg_temp.book(tests.id('services'), :'monday' || ' 22:00 Europe/London'), 'ok',
  'a visit without a length at a site open through the night is booked');
select is((select ends_at from booked), ((:'monday'::date + 1) || ' 00:00 Europe/London')::timestamptz,
  'and lasts the rest of its day (midnight), not until the night''s closing');
select is(pg_temp.book(:'groom', (:'monday'::date + 2) || ' 23:30 Europe/London'),
  '22023:outside_opening_hours:{"date": "' || (:'monday'::date + 2) || '", "closes": "24:00"}',
  'a day closing at 24:00 before a day opening at 07:00 closes at midnight');
select is(pg_temp.book(:'groom', (:'monday'::date + 4) || ' 23:30 Europe/London'),
  '22023:outside_opening_hours:{"date": "' || (:'monday'::date + 4) || '", "closes": "24:00"}',
  'a closure the next day ends the night at midnight, though its weekday opens at 00:00');

-- open round the clock every day: the span is followed for two weeks, and a visit crosses Sunday night
delete from public.closures where location_id = tests.id('locations');
update public.opening_hours set opens = time '00:00', closes = time '24:00' where location_id = tests.id('locations');
select is(pg_temp.book(:'groom', (:'monday'::date + 6) || ' 23:30 Europe/London'), 'ok',
  'a groom at a site open round the clock crosses Sunday night into Monday');
select is(private.service_open_until(:'groom', (:'monday' || ' 12:00 Europe/London')::timestamptz),
  ((:'monday'::date + 15) || ' 00:00 Europe/London')::timestamptz,
  'a site open round the clock is taken as open for the two weeks the span is followed');
insert into public.closures (business_id, location_id, on_date, reason)
values (tests.id('businesses'), tests.id('locations'), :'monday'::date + 3, 'Inspection');
select is(private.service_open_until(:'groom', (:'monday' || ' 12:00 Europe/London')::timestamptz),
  ((:'monday'::date + 3) || ' 00:00 Europe/London')::timestamptz,
  'a closure three days on ends the span at the midnight before it');

select * from finish();
rollback;
