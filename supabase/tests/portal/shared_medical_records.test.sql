-- Shared medical records: a pet's parent reads only the records the business marked shared_with_parent;
-- never unshared ones, never another family's, never another business's. Only staff set the flag.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(12);

select tests.build_world();
select tests.create_user('other_parent') as other_parent \gset
insert into public.clients (business_id, user_id, full_name) values (tests.id('businesses'), :'other_parent', 'Other Parent') returning id as other_client \gset
insert into public.pets (business_id, client_id, name) values (tests.id('businesses'), :'other_client', 'Zed') returning id as other_pet \gset
select tests.key('businesses') || '/' || tests.key('pets') as folder \gset
insert into public.medical_records (business_id, pet_id, kind, title, occurred_on, shared_with_parent, documents) values
  (tests.id('businesses'), tests.id('pets'), 'treatment', 'Shared treatment', current_date, true, array[:'folder' || '/shared.pdf']),
  (tests.id('businesses'), :'other_pet', 'checkup', 'Zed shared checkup', current_date, true, '{}');
-- the world's record (Checkup) is not shared; its file is in the same pet folder
update public.medical_records set documents = array[:'folder' || '/private.pdf'] where id = tests.id('medical_records');
insert into storage.objects (bucket_id, name) values ('documents', :'folder' || '/shared.pdf'), ('documents', :'folder' || '/private.pdf');

create function pg_temp.titles(p_actor text) returns text[] language plpgsql as $$
declare
  v text[];
begin
  perform tests.act_as(p_actor);
  select coalesce(array_agg(title order by title), '{}') into v from public.medical_records;
  perform tests.clear_authentication();
  return v;
end $$;

select is(pg_temp.titles('parent'), array['Shared treatment'], 'the parent reads only their pet''s shared record');
select is(pg_temp.titles('other_parent'), array['Zed shared checkup'], 'the other family reads only theirs');
select is(pg_temp.titles('staff'), array['Checkup', 'Shared treatment', 'Zed shared checkup'], 'staff read every record of the business');
select is(pg_temp.titles('other_owner'), '{}'::text[], 'another business reads none');
select is(pg_temp.titles('driver'), '{}'::text[], 'a driver reads none');
select matches(tests.try_as('anon', 'select 1 from public.medical_records'), '^error:42501:', 'anon reads none');
select is(tests.try_as('parent', format('select 1 from storage.objects where bucket_id = %L and name = %L', 'documents', :'folder' || '/shared.pdf')),
  'ok:1', 'the parent opens the shared record''s file');
select is(tests.try_as('parent', format('select 1 from storage.objects where bucket_id = %L and name = %L', 'documents', :'folder' || '/private.pdf')),
  'ok:0', 'not the unshared record''s file, though it lies in their pet''s folder');
select is(tests.try_as('other_parent', format('select 1 from storage.objects where bucket_id = %L and name = %L', 'documents', :'folder' || '/shared.pdf')),
  'ok:0', 'another family cannot open the shared file');
select is(tests.try_as('staff', format('update public.medical_records set shared_with_parent = true where id = %L', tests.id('medical_records'))),
  'ok:1', 'staff share a record');
update public.medical_records set shared_with_parent = true where id = tests.id('medical_records'); -- (tests.try undoes its statement)
select is(pg_temp.titles('parent'), array['Checkup', 'Shared treatment'], 'once shared, the parent reads it');
select is(tests.try_as('parent', format('update public.medical_records set shared_with_parent = false where id = %L', tests.id('medical_records'))),
  'ok:0', 'a parent cannot change the flag');

select * from finish();
rollback;
