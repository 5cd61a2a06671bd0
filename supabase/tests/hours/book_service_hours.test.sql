-- Opening hours are rules in book_service: a visit ends at closing time, a closed day or a start outside the
-- hours is refused with a hint, an overnight stay may end after closing, a site without hours is not limited.
-- Fixed days next week (Europe/London), so the outcome never depends on the hour the suite runs.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
\ir _refusal.psql
select plan(11);

select tests.build_world();
-- the world's own booking of Bo would make these a double booking (one live booking per pet and service)
update public.bookings set status = 'cancelled' where id = tests.id('bookings');
-- next week's Monday in tenant A's zone; Tuesday is a bank holiday, Saturday short, Sunday closed
select (date_trunc('week', now() at time zone 'Europe/London')::date + 7)::text as monday \gset
insert into public.opening_hours (business_id, location_id, weekday, opens, closes)
select tests.id('businesses'), tests.id('locations'), d,
  case when d = 6 then time '08:00' when d < 6 then time '07:00' end,
  case when d = 6 then time '14:00' when d < 6 then time '19:00' end
from generate_series(1, 7) d;
insert into public.closures (business_id, location_id, on_date, reason)
values (tests.id('businesses'), tests.id('locations'), :'monday'::date + 1, 'Bank holiday');
insert into public.services (business_id, kind, name, duration_minutes) values (tests.id('businesses'), 'grooming', 'A Groom', 90)
returning id as groom \gset
insert into public.services (business_id, kind, name) values (tests.id('businesses'), 'boarding', 'A Boarding')
returning id as boarding \gset

create function pg_temp.book(p_service uuid, p_starts text, p_ends text default null) returns text
language sql as $$
  select pg_temp.refusal(format('select public.book_service(%L, %L, %L::timestamptz, %L::timestamptz)',
    p_service, tests.id('pets'), p_starts, p_ends))
$$;

select tests.authenticate_as('staff');
select pg_temp.book(tests.id('services'), :'monday' || ' 10:00 Europe/London') as daycare \gset
select pg_temp.book(tests.id('services'), :'monday' || ' 06:59 Europe/London') as early \gset
select pg_temp.book(tests.id('services'), :'monday' || ' 19:00 Europe/London') as late \gset
select pg_temp.book(tests.id('services'), (:'monday'::date + 1) || ' 10:00 Europe/London') as holiday \gset
select pg_temp.book(tests.id('services'), (:'monday'::date + 6) || ' 10:00 Europe/London') as sunday \gset
select pg_temp.book(:'groom', (:'monday'::date + 5) || ' 13:00 Europe/London') as groom_late \gset
select pg_temp.book(tests.id('services'), :'monday' || ' 10:00 Europe/London', :'monday' || ' 20:00 Europe/London') as past_close \gset
select pg_temp.book(:'boarding', (:'monday'::date + 5) || ' 10:00 Europe/London', (:'monday'::date + 7) || ' 10:00 Europe/London') as stay \gset
select tests.clear_authentication();

select is(:'daycare'::text, 'ok', 'a daycare visit inside the hours is booked');
select is((select ends_at from public.bookings where pet_id = tests.id('pets') and starts_at = (:'monday' || ' 10:00 Europe/London')::timestamptz),
  (:'monday' || ' 19:00 Europe/London')::timestamptz, 'a daycare visit without an end ends at closing time, not midnight');
select is(:'early'::text, '22023:outside_opening_hours:{"date": "' || :'monday' || '", "opens": "07:00", "closes": "19:00"}',
  'a start before opening is refused with the day''s hours');
select matches(:'late'::text, '^22023:outside_opening_hours:', 'a start at closing time is refused');
select is(:'holiday'::text, '22023:closed_day:{"date": "' || (:'monday'::date + 1) || '", "reason": "Bank holiday"}',
  'a closure refuses the day, with its reason');
select is(:'sunday'::text, '22023:closed_day:{"date": "' || (:'monday'::date + 6) || '", "reason": null}',
  'a weekday without hours is a closed day');
select matches(:'groom_late'::text, '^22023:outside_opening_hours:', 'a 90-minute groom that would run past closing is refused');
select matches(:'past_close'::text, '^22023:outside_opening_hours:', 'an explicit end after closing is refused for a visit');
select is(:'stay'::text, 'ok', 'an overnight stay may end after closing, on another day');

-- a second active site: a service tied to no site no longer follows the first site's hours
insert into public.locations (business_id, name) values (tests.id('businesses'), 'A second site');
select tests.authenticate_as('staff');
select pg_temp.book(tests.id('services'), (:'monday'::date + 6) || ' 10:00 Europe/London') as unbound \gset
select tests.clear_authentication();
select is(:'unbound'::text, 'ok', 'a service with no site of its own is not limited once the business has two sites');

-- the same service tied to the first site follows its hours again
update public.services set location_id = tests.id('locations') where id = tests.id('services');
select tests.authenticate_as('parent');
select pg_temp.book(tests.id('services'), (:'monday'::date + 13) || ' 10:00 Europe/London') as parent_sunday \gset
select tests.clear_authentication();
select matches(:'parent_sunday'::text, '^22023:closed_day:', 'a parent''s request on a closed day is refused too');

select * from finish();
rollback;
