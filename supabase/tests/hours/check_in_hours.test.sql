-- Walk-ins at check-in obey the opening hours: refused on a closed day or outside the hours (also when a
-- manager overrides the vaccine gate), and a walk-in inside the hours ends at closing time.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
\ir _refusal.psql
select plan(5);

select tests.build_world();
select (now() at time zone 'Europe/London')::date::text as today,
       extract(isodow from now() at time zone 'Europe/London')::int as dow,
       (now() at time zone 'Europe/London')::time < time '12:00' as morning \gset

-- today closed: the world's daycare is tied to no site, so it follows the business's only site
insert into public.opening_hours (business_id, location_id, weekday, opens, closes)
values (tests.id('businesses'), tests.id('locations'), :dow, null, null);
select tests.authenticate_as('staff');
select pg_temp.refusal(format('select public.check_in_by_tag(%L, %L, null, null, null, %L)',
  'aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), tests.id('services'))) as closed \gset
select tests.clear_authentication();
select is(:'closed'::text, '22023:closed_day:{"date": "' || :'today' || '", "reason": null}', 'a walk-in on a closed day is refused');

-- open today, but not now: an hour on the other half of the day
update public.opening_hours set opens = case when :'morning' then time '12:00' else time '00:00' end,
  closes = case when :'morning' then time '13:00' else time '01:00' end
where location_id = tests.id('locations');
select tests.authenticate_as('staff');
select pg_temp.refusal(format('select public.check_in_by_tag(%L, %L, null, null, null, %L)',
  'aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), tests.id('services'))) as outside \gset
select tests.clear_authentication();
select matches(:'outside'::text, '^22023:outside_opening_hours:', 'a walk-in outside the hours is refused');

-- the vaccine override's own walk-in insert obeys the hours as well
update public.vaccinations set expires_on = current_date - 1 where pet_id = tests.id('pets');
update public.services set required_vaccine_type_ids = array[tests.id('vaccine_types')] where id = tests.id('services');
select tests.authenticate_as('manager');
select pg_temp.refusal(format('select public.check_in_by_tag(%L, %L, null, %L, null, %L)',
  'aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), 'vet letter seen', tests.id('services'))) as overridden \gset
select tests.clear_authentication();
select matches(:'overridden'::text, '^22023:outside_opening_hours:', 'an overridden walk-in outside the hours is refused');

-- open now until a closing time later today: the walk-in is checked in and ends at closing
update public.vaccinations set expires_on = current_date + 300 where pet_id = tests.id('pets');
update public.opening_hours set opens = time '00:00',
  closes = case when (now() at time zone 'Europe/London')::time < time '23:00'
                then date_trunc('minute', (now() at time zone 'Europe/London')::time + interval '30 minutes')::time
                else time '24:00' end
where location_id = tests.id('locations');
select closes::text as closes from public.opening_hours where location_id = tests.id('locations') \gset
select tests.authenticate_as('staff');
create temp table r as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), null, null, null, tests.id('services')) as r;
select tests.clear_authentication();
select is((select r ->> 'status' from r), 'checked_in', 'a walk-in inside the hours is checked in');
select is((select ends_at from public.bookings where id = (select (r -> 'booking' ->> 'id')::uuid from r)),
  (:'today'::date + :'closes'::time) at time zone 'Europe/London', 'the walk-in ends at closing time');

select * from finish();
rollback;
