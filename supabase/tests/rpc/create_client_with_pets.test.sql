-- A client and their pets are created in one call, all or nothing.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(4);

select tests.build_world();
select tests.authenticate_as('staff');
create temp table r as
select public.create_client_with_pets(tests.id('businesses'), '{"full_name": "Casey New", "email": "casey@tests.test", "consent_sms": true}',
  '[{"name": "Ziggy", "breed": "Whippet"}, {"name": "Ada", "species": "cat"}]') as r;
select tests.try(format($$select public.create_client_with_pets(%L, '{"full_name": "Half Done"}', '[{"name": "Ok"}, {"name": "Bad", "species": "dragon"}]')$$,
  tests.id('businesses'))) as bad \gset
select tests.try(format($$select public.create_client_with_pets(%L, '{"full_name": "Intruder"}')$$, tests.id('business_b'))) as other \gset
select tests.clear_authentication();

select is((select jsonb_array_length(r -> 'pets') from r), 2, 'both pets are created');
select is((select count(*)::int from public.pets where client_id = (select (r -> 'client' ->> 'id')::uuid from r)), 2, 'the pets belong to the new client');
select ok(:'bad'::text like 'error:23514:%' and not exists (select 1 from public.clients where full_name = 'Half Done'),
  'an invalid pet leaves no client behind');
select matches(:'other'::text, '^error:42501:', 'staff cannot create clients in another business');

select * from finish();
rollback;
