-- The vaccine gate: an expired (or expiring-during-stay) vaccine blocks check-in; staff cannot override;
-- a manager can, with a reason, and the override is audited.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(9);

select tests.build_world();
-- the service requires A Lepto, and the pet's A Lepto expired last week
update public.services set required_vaccine_type_ids = array[tests.id('vaccine_types')] where id = tests.id('services');
update public.vaccinations set administered_on = current_date - 400, expires_on = current_date - 7 where id = tests.id('vaccinations');
select tests.book_today('confirmed') as booking \gset

select tests.authenticate_as('staff');
create temp table r1 as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) as r;
select tests.try($$select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), null, 'I know the dog')$$) as staff_override \gset
select tests.clear_authentication();

select is((select r ->> 'status' from r1), 'blocked', 'an expired required vaccine blocks check-in');
select ok((select r -> 'vaccines' @> '[{"name": "A Lepto", "status": "expired"}]' from r1), 'the answer says which vaccine expired');
select ok((select jsonb_array_length(r -> 'alerts') > 0 from r1), 'the answer carries an alert');
select matches(:'staff_override'::text, '^error:42501:', 'staff cannot override the gate');
select is((select status::text from public.bookings where id = :'booking'::uuid), 'confirmed', 'a blocked pet stays not checked in');

select tests.authenticate_as('manager');
create temp table r2 as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid(), null, 'Vet confirmed booster by phone') as r;
select tests.clear_authentication();

select is((select r ->> 'status' from r2), 'checked_in', 'a manager overrides the gate with a reason');
select is(
  (select reason from public.audit_log where action = 'OVERRIDE' and row_id = :'booking' and actor = tests.id('manager')),
  'Vet confirmed booster by phone', 'the override is audited with the manager and the reason'
);
select is((select override_reason from public.tag_scans where booking_id = :'booking'::uuid), 'Vet confirmed booster by phone', 'the scan keeps the override reason');

-- a vaccine valid today but expiring before a multi-day stay ends also blocks
update public.vaccinations set expires_on = current_date + 1 where id = tests.id('vaccinations');
select tests.authenticate_as('staff');
create temp table r3 as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) as r;
select tests.clear_authentication();
select is((select r ->> 'status' from r3), 'already_checked_in', 'a pet already in is reported as such');

select * from finish();
rollback;
