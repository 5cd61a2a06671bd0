-- The dashboard shows (with no refresh: the aggregates are kept by triggers) a business's own figures: occupancy per service, pets checked in
-- today, vaccine compliance of active pets, and revenue of confirmed and attended bookings.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(10);

select tests.build_world();
-- The world already holds: Bo (active, every globally required vaccine valid, A Lepto valid), a request
-- for tomorrow, and one check-in scan of Bo made now.
update public.services set price_cents = 2500 where id = tests.id('services');
update public.services set price_cents = 1000 where id = tests.id('services_spare');
-- the business requires its own A Lepto too: Bo has it, the others below do not (or no longer)
update public.vaccine_types set required = true where id = tests.id('vaccine_types');

insert into public.pets (id, business_id, client_id, name, species, is_active) values
  ('00000000-0000-4000-8000-0000000000c1', tests.id('businesses'), tests.id('clients'), 'Cleo', 'dog', true),
  ('00000000-0000-4000-8000-0000000000d1', tests.id('businesses'), tests.id('clients'), 'Dot', 'dog', true),
  ('00000000-0000-4000-8000-0000000000e1', tests.id('businesses'), tests.id('clients'), 'Old', 'dog', false);
-- Dot has the global vaccines but her A Lepto ran out yesterday; Cleo has nothing; Old is inactive
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
select tests.id('businesses'), '00000000-0000-4000-8000-0000000000d1', vt.id, current_date - 300, current_date + 60
from public.vaccine_types vt where vt.business_id is null and vt.required and vt.species = 'dog';
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
values (tests.id('businesses'), '00000000-0000-4000-8000-0000000000d1', tests.id('vaccine_types'), current_date - 366, current_date - 1);

-- Today on A Daycare: Bo confirmed, Dot checked in, Cleo waitlisted, and a cancelled visit of Bo.
select tests.book_today('confirmed');
select tests.book_today('cancelled');
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
select tests.id('businesses'), tests.id('services'), p.id, tests.id('clients'), tests.today_start(), tests.today_start() + interval '10 hours', s::public.booking_status
from (values ('00000000-0000-4000-8000-0000000000d1'::uuid, 'checked_in'), ('00000000-0000-4000-8000-0000000000c1'::uuid, 'waitlisted')) v (id, s)
join public.pets p on p.id = v.id;
-- A confirmed grooming at the start of this month (on the business's clock)
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
select tests.id('businesses'), tests.id('services_spare'), tests.id('pets'), tests.id('clients'), m, m + interval '1 hour', 'confirmed'
from (select (date_trunc('month', now() at time zone 'Europe/London') + interval '30 minutes') at time zone 'Europe/London' as m) x;
-- Scans: Dot in today, Bo in a second time today, Cleo yesterday
insert into public.tag_scans (business_id, pet_id, action, client_scan_id, scanned_at) values
  (tests.id('businesses'), '00000000-0000-4000-8000-0000000000d1', 'check_in', extensions.gen_random_uuid(), now()),
  (tests.id('businesses'), tests.id('pets'), 'check_in', extensions.gen_random_uuid(), now()),
  (tests.id('businesses'), '00000000-0000-4000-8000-0000000000c1', 'check_in', extensions.gen_random_uuid(), tests.today_start() - interval '2 hours');

select tests.authenticate_as('owner');
create temp table d as select * from public.dashboard(tests.id('businesses'));
select tests.clear_authentication();

select is((select count(*)::int from d), 1, 'the owner gets one row for the business');
select is((select today from d), (now() at time zone 'Europe/London')::date, 'figures are for today on the business''s clock');
select is(
  (select e from d, jsonb_array_elements(d.occupancy) e where e ->> 'service_id' = tests.id('services')::text),
  jsonb_build_object('service_id', tests.id('services'), 'name', 'A Daycare', 'capacity', 5, 'booked', 2, 'waitlisted', 1),
  'occupancy counts places held today (confirmed and checked in, not cancelled) and the waitlist'
);
select is(jsonb_array_length((select occupancy from d)), 2, 'every active service of the business is listed');
select is((select pets_checked_in from d), 2, 'check-ins count each pet scanned in today once, not yesterday''s');
select is((select active_pets from d), 3, 'inactive pets are left out of compliance');
select is((select compliant_pets from d), 1, 'only pets with every required vaccine valid today are compliant');
select is(
  (select revenue_today_cents from d),
  5000::bigint + case when extract(day from now() at time zone 'Europe/London') = 1 then 1000 else 0 end,
  'today''s revenue sums confirmed and attended bookings starting today'
);
select is((select revenue_month_cents from d), 6000::bigint, 'this month''s revenue adds the month''s other confirmed bookings');
select ok(
  (select refreshed_at from d) <= now() and (select refreshed_at from d) > now() - interval '1 minute',
  'the row says when it was computed'
);

select * from finish();
rollback;
