-- Issue 10, medication schedule: a dose given against a schedule's slot is one medication_logs row per
-- schedule, slot and business day, given by the caller, tied to the stay and audited; a repeat press returns
-- the recorded dose. Other businesses, parents, drivers and anon can neither log nor read the schedule.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(19);

select tests.build_world();
select tests.book_today('checked_in') as booking \gset

-- times are kept sorted and distinct
select tests.authenticate_as('staff');
insert into public.medication_schedules (business_id, pet_id, medication, dose, times)
values (tests.id('businesses'), tests.id('pets'), ' Metacam ', '0.5 ml', '{18:00,08:00,08:00}') returning id as schedule \gset
select tests.clear_authentication();
select is((select times from public.medication_schedules where id = :'schedule'), '{08:00,18:00}'::time[],
  'a schedule''s times are sorted and de-duplicated');
select is((select medication from public.medication_schedules where id = :'schedule'), 'Metacam', 'and its name trimmed');
select throws_ok(format($$insert into public.medication_schedules (business_id, pet_id, medication, dose, times)
  values (%L, %L, 'X', '1', '{}')$$, tests.id('businesses'), tests.id('pets')), '23514', null,
  'a schedule without a time of day is refused');

select tests.authenticate_as('staff');
create temp table first_press as select * from public.give_scheduled_dose(:'schedule', '08:00');
create temp table second_press as select * from public.give_scheduled_dose(:'schedule', '08:00');
select tests.clear_authentication();

select is((select already_given from first_press), false, 'the first press records the dose');
select is((select given_by from first_press), tests.id('staff'), 'given by the caller');
select is((select already_given from second_press), true, 'a second press for the same slot returns the recorded dose');
select is((select log_id from second_press), (select log_id from first_press), 'the same log row');
select is((select count(*)::int from public.medication_logs where schedule_id = :'schedule'), 1, 'one row per slot and day');
select is(
  (select row(booking_id, medication, dose, slot_day, slot_time)::text from public.medication_logs where schedule_id = :'schedule'),
  row(:'booking'::uuid, 'Metacam', '0.5 ml', (now() at time zone 'Europe/London')::date, '08:00'::time)::text,
  'the log names the stay, the medication and dose, and the slot on the business''s day');
select is((select count(*)::int from public.audit_log where table_name = 'medication_logs' and action = 'INSERT'
           and row_id = (select log_id::text from first_press) and actor = tests.id('staff')), 1, 'the dose is audited');

-- another slot of the same day is its own dose
select tests.authenticate_as('staff');
select already_given as evening from public.give_scheduled_dose(:'schedule', '18:00') \gset
select tests.clear_authentication();
select is(:'evening'::boolean, false, 'the evening slot is a dose of its own');

-- refusals, each by its hint
select tests.authenticate_as('staff');
select throws_ok(format($$select * from public.give_scheduled_dose(%L, '12:00')$$, :'schedule'), '22023', null,
  'a time that is not one of the slots is refused');
select tests.clear_authentication();

select tests.authenticate_as('other_owner');
select throws_ok(format($$select * from public.give_scheduled_dose(%L, '08:00')$$, :'schedule'), 'PT404', null,
  'another business''s owner cannot log against the schedule');
select is((select count(*)::int from public.medication_schedules), 0, 'nor read it');
select tests.clear_authentication();

select tests.authenticate_as('parent');
select throws_ok(format($$select * from public.give_scheduled_dose(%L, '08:00')$$, :'schedule'), 'PT404', null,
  'the pet''s parent cannot log a scheduled dose');
select tests.clear_authentication();

select tests.authenticate_as('driver');
select throws_ok(format($$select * from public.give_scheduled_dose(%L, '08:00')$$, :'schedule'), 'PT404', null,
  'a driver cannot log a scheduled dose');
select tests.clear_authentication();

select tests.authenticate_as_anon();
select throws_ok(format($$select * from public.give_scheduled_dose(%L, '08:00')$$, :'schedule'), '42501', null,
  'anon may not call it');
select tests.clear_authentication();

-- a pet that went home is not in care
update public.bookings set status = 'checked_out' where id = :'booking';
select tests.authenticate_as('staff');
select throws_ok(format($$select * from public.give_scheduled_dose(%L, '18:00')$$, tests.id('medication_schedules')), 'PT409', null,
  'a pet that is not checked in gets no scheduled dose');
select tests.clear_authentication();

select ok(not has_function_privilege('anon', 'public.give_scheduled_dose(uuid, time)', 'execute')
  and has_function_privilege('authenticated', 'public.give_scheduled_dose(uuid, time)', 'execute'),
  'give_scheduled_dose is executable by signed-in users, not anon');

select * from finish();
rollback;
