-- Privacy: a login's data export jobs and files are its own (rpcs and the data-exports bucket refuse every
-- other login and anon); "delete my account" needs the login's e-mail typed, refuses staff seats, removes the
-- login and the client record's personal data (also from its audit history), keeps the bookings and health
-- records with nobody's name on them, and says so in the business's audit log.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(24);

select tests.build_world();
select tests.create_user('other_parent') as other_parent \gset
insert into public.clients (business_id, user_id, full_name) values (tests.id('business_b'), :'other_parent', 'Other Parent');

-- Export jobs
select tests.authenticate_as('parent');
select public.start_data_export() as export_id \gset
select tests.clear_authentication();
select is((select status from private.data_exports where id = :'export_id'), 'queued', 'the parent starts an export');
select matches(tests.try_as('parent', 'select public.start_data_export()'), '^error:23505:', 'one running export at a time');
select is(tests.try_as('parent', format('select public.update_data_export(%L, %L, 40, %L)', :'export_id', 'running', 'Pets')), 'ok:1',
  'the parent''s server reports progress');
select matches(tests.try_as('parent', format('select public.update_data_export(%L, %L, 100, null, %L, 10)', :'export_id', 'ready', tests.key('other_parent') || '/x.zip')),
  '^error:22023:', 'the file must lie in the caller''s own folder');
select matches(tests.try_as(a, format('select * from public.data_export(%L)', :'export_id')), '^error:PT404:', a || ' cannot read the parent''s export')
from unnest(array['other_parent', 'staff', 'owner', 'driver']) a;
select matches(tests.try_as('other_parent', format('select public.update_data_export(%L, %L, 50)', :'export_id', 'running')), '^error:PT404:',
  'another login cannot report on it');
select matches(tests.try_as('anon', 'select public.start_data_export()'), '^error:42501:', 'anon cannot start one');
select matches(tests.try_as('parent', 'select * from private.data_exports'), '^error:42501:', 'the job table is not reachable over the API');

-- The bucket: each login's own folder only
insert into storage.objects (bucket_id, name, owner) values ('data-exports', tests.key('parent') || '/' || :'export_id' || '.zip', tests.id('parent'));
select is(tests.try_as('parent', format('select 1 from storage.objects where bucket_id = %L', 'data-exports')), 'ok:1', 'the parent reads their export file');
select is(tests.try_as(a, format('select 1 from storage.objects where bucket_id = %L', 'data-exports')), 'ok:0', a || ' does not')
from unnest(array['other_parent', 'owner', 'staff']) a;
select matches(tests.try_as('other_parent', format('insert into storage.objects (bucket_id, name) values (%L, %L)', 'data-exports', tests.key('parent') || '/evil.zip')),
  '^error:42501:', 'nobody writes into another login''s folder');

-- Deleting the account
select is(tests.try_as('parent', format('select public.delete_my_account(%L)', 'wrong@tests.test')) like 'error:22023:%', true,
  'the wrong e-mail is refused');
select matches(tests.try_as('staff', format('select public.delete_my_account(%L)', (select email from auth.users where id = tests.id('staff')))),
  '^error:42501:', 'a staff member must leave their business first');
select upper(email) as parent_email from auth.users where id = tests.id('parent') \gset
select tests.authenticate_as('parent');
select public.delete_my_account(:'parent_email') as summary \gset
select tests.clear_authentication();
select is((select count(*)::int from auth.users where id = tests.id('parent')), 0, 'the login is gone');
select is((select full_name || '|' || coalesce(email::text, '-') || '|' || coalesce(user_id::text, '-') from public.clients where id = tests.id('clients')),
  'Former client|-|-', 'the client record keeps no personal data');
select is((select count(*)::int from public.bookings where client_id = tests.id('clients')), 1, 'the booking is kept, anonymised');
select is((select count(*)::int from public.medical_records where pet_id = tests.id('pets')), 1, 'the health record is kept');
select is((select count(*)::int from public.audit_log where table_name = 'clients' and row_id = tests.key('clients')
  and (old::text ilike '%Pat Parent%' or new::text ilike '%Pat Parent%' or old::text ilike '%pat@tests.test%' or new::text ilike '%pat@tests.test%')),
  0, 'the audit history of the record no longer holds the name or e-mail');
select ok(exists (select 1 from public.audit_log where table_name = 'clients' and row_id = tests.key('clients') and reason like 'The pet parent deleted their portal account%'),
  'the business''s audit log says what happened');

select * from finish();
rollback;
