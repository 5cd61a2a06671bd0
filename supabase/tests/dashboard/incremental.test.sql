-- The dashboard's aggregates are kept by triggers (issue 15, full scale). After a mix of inserts, status
-- moves, cancellations, date and service changes, deletions, scans, vaccinations and vaccine-rule changes,
-- the incrementally kept rows equal a from-scratch computation (private.dashboard_rebuild(), set-based
-- code of its own), the dashboard reads the same before and after, and key figures match direct counts.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(17);

-- Start from rows that match the data: suites that reset demo rows with triggers off
-- (session_replication_role = replica) rebuild after themselves, but the comparison must not hang on them.
select private.dashboard_rebuild(null);
select tests.build_world();
update public.services set price_cents = 2500 where id = tests.id('services');
update public.services set price_cents = 1000 where id = tests.id('services_spare');
update public.services set daily_capacity = 50 where id = tests.id('services');
update public.services set daily_capacity = 50 where id = tests.id('services_spare');
insert into public.pets (id, business_id, client_id, name, species) values
  ('00000000-0000-4000-8000-0000000001a1', tests.id('businesses'), tests.id('clients'), 'P1', 'dog'),
  ('00000000-0000-4000-8000-0000000001a2', tests.id('businesses'), tests.id('clients'), 'P2', 'dog'),
  ('00000000-0000-4000-8000-0000000001a3', tests.id('businesses'), tests.id('clients'), 'P3', 'cat'),
  ('00000000-0000-4000-8000-0000000001a4', tests.id('businesses'), tests.id('clients'), 'P4', 'dog');

-- bookings over today, the past month and the coming fortnight, in every status, one spanning 3 days
create temp table made (k text primary key, id uuid);
with ins as (
  insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
  select tests.id('businesses'), tests.id(v.svc), v.pet::uuid, tests.id('clients'),
         tests.today_start() + v.off, tests.today_start() + v.off + v.len, v.st::public.booking_status, v.k
  from (values
    ('a', 'services', '00000000-0000-4000-8000-0000000001a1', interval '0', interval '9 hours', 'confirmed'),
    ('b', 'services', '00000000-0000-4000-8000-0000000001a2', interval '0', interval '9 hours', 'requested'),
    ('c', 'services', '00000000-0000-4000-8000-0000000001a3', interval '0', interval '9 hours', 'waitlisted'),
    ('d', 'services', '00000000-0000-4000-8000-0000000001a4', interval '-1 day', interval '3 days', 'confirmed'),
    ('e', 'services_spare', '00000000-0000-4000-8000-0000000001a1', interval '-2 days', interval '1 hour', 'confirmed'),
    ('f', 'services_spare', '00000000-0000-4000-8000-0000000001a2', interval '2 days', interval '1 hour', 'confirmed'),
    ('g', 'services_spare', '00000000-0000-4000-8000-0000000001a3', interval '5 days', interval '1 hour', 'requested'),
    ('h', 'services', '00000000-0000-4000-8000-0000000001a1', interval '4 days', interval '9 hours', 'confirmed'),
    ('i', 'services_spare', '00000000-0000-4000-8000-0000000001a4', interval '0', interval '1 hour', 'confirmed')
  ) v (k, svc, pet, off, len, st)
  returning id, notes
)
insert into made select notes, id from ins;

-- moves through the day: check-in and out, a cancellation, a confirmation off the waitlist, a move to
-- another day, a change of service, a no-show, a deletion
update public.bookings set status = 'checked_in' where id = (select id from made where k = 'a');
update public.bookings set status = 'checked_out' where id = (select id from made where k = 'a');
update public.bookings set status = 'confirmed' where id = (select id from made where k = 'b');
update public.bookings set status = 'cancelled' where id = (select id from made where k = 'b');
update public.bookings set status = 'confirmed' where id = (select id from made where k = 'c');
update public.bookings set starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day'
where id = (select id from made where k = 'f');
update public.bookings set service_id = tests.id('services'), ends_at = starts_at + interval '8 hours'
where id = (select id from made where k = 'g');
update public.bookings set status = 'checked_in' where id = (select id from made where k = 'd');
update public.bookings set status = 'no_show' where id = (select id from made where k = 'h');
delete from public.bookings where id = (select id from made where k = 'i');
update public.bookings set notes = 'edited' where id = (select id from made where k = 'e');
-- a duplicate visit made before the no-double-booking constraint existed, then checked in and out
alter table public.bookings disable trigger bookings_30_no_double_booking;
alter table public.bookings drop constraint bookings_no_double_booking;
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
select business_id, service_id, pet_id, client_id, starts_at, ends_at, 'confirmed' from public.bookings
where id = (select id from made where k = 'a');
update public.bookings set status = 'cancelled'
where pet_id = '00000000-0000-4000-8000-0000000001a1' and status = 'confirmed' and starts_at = tests.today_start();
alter table public.bookings enable trigger bookings_30_no_double_booking;

-- scans: today, yesterday, ten days ago; a check-out does not count; a pet scanned in twice today
insert into public.tag_scans (business_id, pet_id, action, client_scan_id, scanned_at) values
  (tests.id('businesses'), '00000000-0000-4000-8000-0000000001a1', 'check_in', extensions.gen_random_uuid(), now()),
  (tests.id('businesses'), '00000000-0000-4000-8000-0000000001a1', 'check_in', extensions.gen_random_uuid(), now() - interval '1 minute'),
  (tests.id('businesses'), '00000000-0000-4000-8000-0000000001a1', 'check_out', extensions.gen_random_uuid(), now()),
  (tests.id('businesses'), '00000000-0000-4000-8000-0000000001a2', 'check_in', extensions.gen_random_uuid(), now() - interval '1 day'),
  (tests.id('businesses'), '00000000-0000-4000-8000-0000000001a4', 'check_in', extensions.gen_random_uuid(), now() - interval '10 days');

-- compliance: vaccinations added, replaced and withdrawn; a parent upload not yet verified; a business rule
-- switched on; a pet deactivated and one of another species
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
select tests.id('businesses'), p.id, vt.id, current_date - 300, current_date + 60
from public.vaccine_types vt, public.pets p
where vt.business_id is null and vt.required and vt.species = 'dog'
  and p.id in ('00000000-0000-4000-8000-0000000001a1', '00000000-0000-4000-8000-0000000001a2', '00000000-0000-4000-8000-0000000001a4');
update public.vaccinations set expires_on = current_date - 3
where pet_id = '00000000-0000-4000-8000-0000000001a2'
  and id = (select min(id::text)::uuid from public.vaccinations where pet_id = '00000000-0000-4000-8000-0000000001a2');
delete from public.vaccinations
where pet_id = '00000000-0000-4000-8000-0000000001a4'
  and id = (select min(id::text)::uuid from public.vaccinations where pet_id = '00000000-0000-4000-8000-0000000001a4');
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, source)
select tests.id('businesses'), '00000000-0000-4000-8000-0000000001a4', vt.id, current_date - 10, current_date + 300, 'parent'
from public.vaccine_types vt where vt.business_id is null and vt.required and vt.species = 'dog';
update public.vaccine_types set required = true where id = tests.id('vaccine_types');
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on)
values (tests.id('businesses'), '00000000-0000-4000-8000-0000000001a1', tests.id('vaccine_types'), current_date - 20, current_date + 100);
update public.pets set is_active = false where id = '00000000-0000-4000-8000-0000000001a3';

-- the incremental rows and the dashboard as read now
create temp table inc_days as select * from private.dashboard_service_days where booked <> 0 or waitlisted <> 0 or starting <> 0 or starting_visits <> 0 or checked_out_visits <> 0;
create temp table inc_hours as select * from private.dashboard_check_in_hours where check_ins <> 0;
create temp table inc_pets as select * from private.dashboard_pet_check_in_days;
create temp table inc_compliance as select * from private.dashboard_pet_compliance;
create temp table inc_compliance_days as select * from private.dashboard_compliance_days where valid <> 0 or covered <> 0 or created <> 0;
select tests.authenticate_as('owner');
create temp table before_rebuild as select * from public.dashboard(tests.id('businesses'));
select tests.clear_authentication();

select private.dashboard_rebuild(null);

select ok((select count(*) from inc_days) >= 8, 'the mix left rows on at least eight service days');
select set_eq('select * from inc_days', 'select * from private.dashboard_service_days',
  'per-service-day occupancy and revenue equal a from-scratch computation');
select set_eq('select * from inc_hours', 'select * from private.dashboard_check_in_hours',
  'check-ins per hour equal a from-scratch computation');
select set_eq('select * from inc_pets', 'select * from private.dashboard_pet_check_in_days',
  'pets checked in per day equal a from-scratch computation');
select set_eq('select * from inc_compliance', 'select * from private.dashboard_pet_compliance',
  'per-pet compliance days equal a from-scratch computation');
select set_eq('select * from inc_compliance_days', 'select * from private.dashboard_compliance_days',
  'the per-business days on which compliance begins and ends equal a from-scratch computation');

select tests.authenticate_as('owner');
create temp table after_rebuild as select * from public.dashboard(tests.id('businesses'));
select tests.clear_authentication();
select is(
  (select to_jsonb(b) - 'refreshed_at' from before_rebuild b),
  (select to_jsonb(a) - 'refreshed_at' from after_rebuild a),
  'the dashboard reads the same from the incremental rows as after a rebuild'
);

-- a few figures against direct counts of the source rows
select is(
  (select (e ->> 'booked')::int from before_rebuild d, jsonb_array_elements(d.occupancy) e where e ->> 'service_id' = tests.id('services')::text),
  (select count(*)::int from public.bookings bk where bk.service_id = tests.id('services')
     and private.booking_holds_place(bk.status)
     and bk.starts_at < (((now() at time zone 'Europe/London')::date + 1)::timestamp at time zone 'Europe/London')
     and bk.ends_at > (((now() at time zone 'Europe/London')::date)::timestamp at time zone 'Europe/London')),
  'today''s places on the daycare equal a direct count (the 3-day stay, the checked-out visit, the one confirmed off the waitlist)'
);
select is((select pets_checked_in from before_rebuild), 2, 'two pets checked in today: the world''s Bo and P1, scanned twice');
select is(
  (select checked_out_today_cents from before_rebuild), 2500::bigint,
  'the visit checked out today counts once, beside its cancelled duplicate'
);
select is(
  (select revenue_today_cents from before_rebuild),
  5000::bigint,
  'today''s revenue: the checked-out visit and the one confirmed off the waitlist (cancelled, deleted and requested left out)'
);
select is((select active_pets from before_rebuild), 4, 'the deactivated cat is left out (Bo and three dogs)');
select is(
  (select compliant_pets from before_rebuild), 2,
  'Bo and P1 have every required vaccine (the global ones and the business''s A Lepto) valid today; P2''s ran out, P4''s is an unverified upload'
);

-- the compliance figures, summed from the days on which compliance begins and ends, against the per-pet rows
select is(
  (select active_pets || '/' || compliant_pets from before_rebuild),
  (select count(*) || '/' || count(*) filter (where c.valid_days @> (now() at time zone 'Europe/London')::date)
   from private.dashboard_pet_compliance c where c.business_id = tests.id('businesses') and c.is_active),
  'active and compliant pets equal a count of the per-pet compliance rows'
);
select is(
  (select charts -> 'compliance_trend' from before_rebuild),
  (select jsonb_agg(jsonb_build_object('day', w.day, 'active', w.active, 'compliant', w.compliant) order by w.day)
   from (select (now() at time zone 'Europe/London')::date - 7 * k as day,
                count(c.pet_id)::int as active,
                count(c.pet_id) filter (where c.covered_days @> ((now() at time zone 'Europe/London')::date - 7 * k))::int as compliant
         from generate_series(0, 11) k
         left join private.dashboard_pet_compliance c on c.business_id = tests.id('businesses') and c.is_active
           and c.created_at < (((now() at time zone 'Europe/London')::date - 7 * k + 1)::timestamp at time zone 'UTC')
         group by k) w),
  'the 12-week trend equals a count of the per-pet rows for each week (pets created by then, covered that day)'
);

-- a business deleted with its pets: the cascade takes its compliance days along, and the pets' rows going
-- first do not try to write days for a business that is no longer there
insert into public.businesses (id, name, slug, timezone)
values ('00000000-0000-4000-8000-0000000001b0', 'Gone Soon', 'gone-soon-' || left(tests.id('owner')::text, 8), 'Europe/London');
insert into public.clients (id, business_id, full_name) values
  ('00000000-0000-4000-8000-0000000001b1', '00000000-0000-4000-8000-0000000001b0', 'Leaving Client');
insert into public.pets (business_id, client_id, name, species) values
  ('00000000-0000-4000-8000-0000000001b0', '00000000-0000-4000-8000-0000000001b1', 'Last Dog', 'dog');
select ok(exists (select 1 from private.dashboard_compliance_days where business_id = '00000000-0000-4000-8000-0000000001b0'),
  'a new business''s pet gives it compliance days');
delete from public.businesses where id = '00000000-0000-4000-8000-0000000001b0';
select is((select count(*)::int from private.dashboard_compliance_days where business_id = '00000000-0000-4000-8000-0000000001b0'), 0,
  'deleting the business leaves none of its compliance days');

select * from finish();
rollback;
