-- Care-change proposals: the pet's parent proposes new care instructions; only the business's staff accept
-- (the pet changes, in one transaction, audited) or reject (the pet stays as it was); the parent reads the
-- outcome. A parent cannot write the care columns directly, nor propose for another family's pet; another
-- business's staff, a driver, a stranger and anon are refused the table and the rpc.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(28);

select tests.build_world();
update public.pets set feeding = 'One cup twice a day', medication = null, handling_notes = 'Shy' where id = tests.id('pets');
select tests.create_user('other_parent') as other_parent \gset
insert into public.clients (business_id, user_id, full_name) values (tests.id('businesses'), :'other_parent', 'Other Parent') returning id as other_client \gset
insert into public.pets (business_id, client_id, name) values (tests.id('businesses'), :'other_client', 'Zed') returning id as other_pet \gset

create function pg_temp.propose_sql(p_pet uuid, p_client uuid, p_changes text) returns text language sql as $$
  select format('insert into public.care_change_proposals (business_id, pet_id, client_id, changes, note) values (%L, %L, %L, %L::jsonb, %L)',
    tests.id('businesses'), p_pet, p_client, p_changes, 'from the vet')
$$;

-- The parent may not write care instructions directly, but still edits the rest of their pet.
select matches(tests.try_as('parent', format('update public.pets set feeding = %L where id = %L', 'Steak', tests.id('pets'))),
  '^error:42501:', 'a parent cannot change feeding directly');
select is(tests.try_as('parent', format('update public.pets set breed = %L where id = %L', 'Collie', tests.id('pets'))),
  'ok:1', 'a parent still edits the rest of their pet');
select is(tests.try_as('staff', format('update public.pets set handling_notes = %L where id = %L', 'Shy', tests.id('pets'))),
  'ok:1', 'staff change care instructions directly');

-- Proposing
select is(tests.try_as('parent', pg_temp.propose_sql(tests.id('pets'), tests.id('clients'), '{"feeding": "Two cups"}')),
  'ok:1', 'the parent proposes for their own pet');
select matches(tests.try_as('parent', pg_temp.propose_sql(:'other_pet', :'other_client', '{"feeding": "x"}')),
  '^error:42501:', 'not for another family''s pet');
select matches(tests.try_as('parent', pg_temp.propose_sql(:'other_pet', tests.id('clients'), '{"feeding": "x"}')),
  '^error:(42501|23503):', 'not by pairing another pet with their own client record');
select matches(tests.try_as('parent', pg_temp.propose_sql(tests.id('pets'), tests.id('clients'), '{"microchip": "1"}')),
  '^error:23514:', 'only care fields may be proposed');
select matches(tests.try_as('parent', pg_temp.propose_sql(tests.id('pets'), tests.id('clients'), '{}')),
  '^error:23514:', 'an empty proposal is refused');
select matches(tests.try_as('parent', format(
  'insert into public.care_change_proposals (business_id, pet_id, client_id, changes, status) values (%L, %L, %L, %L, %L)',
  tests.id('businesses'), tests.id('pets'), tests.id('clients'), '{"feeding": "x"}', 'accepted')),
  '^error:42501:', 'a parent cannot propose an already-accepted change');
select matches(tests.try_as(a, pg_temp.propose_sql(tests.id('pets'), tests.id('clients'), '{"feeding": "x"}')),
  '^error:42501:', a || ' cannot propose for the parent''s pet')
from unnest(array['staff', 'other_owner', 'driver', 'anon']) a;

select tests.authenticate_as('parent');
insert into public.care_change_proposals (business_id, pet_id, client_id, changes, note)
values (tests.id('businesses'), tests.id('pets'), tests.id('clients'), '{"feeding": "Two cups a day", "medication": "Apoquel 5 mg mornings"}', 'New vet plan')
returning id as accept_me \gset
insert into public.care_change_proposals (business_id, pet_id, client_id, changes)
values (tests.id('businesses'), tests.id('pets'), tests.id('clients'), '{"handling_notes": null}')
returning id as reject_me \gset
select tests.clear_authentication();

select is((select previous ->> 'feeding' from public.care_change_proposals where id = :'accept_me'), 'One cup twice a day',
  'the proposal keeps the instructions it would replace');
-- who sees it
select is(tests.try_as('staff', format('select 1 from public.care_change_proposals where id = %L', :'accept_me')), 'ok:1', 'staff see the proposal');
select is(tests.try_as(a, format('select 1 from public.care_change_proposals where id = %L', :'accept_me')), 'ok:0', a || ' does not see it')
from unnest(array['other_owner', 'driver', 'other_parent', 'stranger']) a;
select matches(tests.try_as('staff', format('update public.care_change_proposals set status = %L where id = %L', 'accepted', :'accept_me')),
  '^error:42501:', 'nobody accepts by writing the row: only the rpc');

-- Reviewing
select matches(tests.try_as('parent', format('select public.review_care_proposal(%L, true)', :'accept_me')),
  '^error:42501:.*', 'the parent cannot accept their own proposal');
select matches(tests.try_as('other_owner', format('select public.review_care_proposal(%L, true)', :'accept_me')),
  '^error:PT404:', 'another business finds no such proposal');
select matches(tests.try_as('anon', format('select public.review_care_proposal(%L, true)', :'accept_me')),
  '^error:42501:', 'anon cannot call the rpc');

select tests.authenticate_as('staff');
select public.review_care_proposal(:'accept_me', true, 'Thanks, noted') is not null as reviewed \gset
select public.review_care_proposal(:'reject_me', false, 'Please talk to us first') is not null as rejected \gset
select tests.clear_authentication();
select is((select feeding || ' / ' || medication || ' / ' || handling_notes from public.pets where id = tests.id('pets')),
  'Two cups a day / Apoquel 5 mg mornings / Shy', 'on acceptance the pet takes the proposed instructions; the rejected one left handling as it was');
select is((select array_agg(status || ':' || review_note order by status) from public.care_change_proposals where id in (:'accept_me', :'reject_me')),
  array['accepted:Thanks, noted', 'rejected:Please talk to us first'], 'each proposal records the outcome and the note');
select ok(exists (select 1 from public.audit_log where table_name = 'pets' and row_id = tests.key('pets') and actor = tests.id('staff')
  and new ->> 'feeding' = 'Two cups a day'), 'the pet''s change is audited with the reviewer as actor');
select matches(tests.try_as('staff', format('select public.review_care_proposal(%L, false)', :'accept_me')),
  '^error:23514:', 'a reviewed proposal cannot be reviewed again');
select is(tests.try_as('parent', format('select 1 from public.care_change_proposals where id = %L and status = %L', :'accept_me', 'accepted')),
  'ok:1', 'the parent sees the outcome');

select * from finish();
rollback;
