-- Claim by confirmed e-mail (claim_my_clients): a login is linked to the unlinked client records holding
-- its address, in every business, only once the address is confirmed; case does not matter; a record linked
-- to another login stays theirs; other addresses and other tenants' records are untouched; one record per
-- business; each link audited; idempotent; anon refused.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(25);

select tests.build_world();
-- the newcomer signs up as Jo.Newcomer@Tests.TEST; business A holds jo.newcomer@tests.test, business B JO.NEWCOMER@tests.test
select tests.create_user('newcomer', 'Jo.Newcomer@Tests.TEST') as newcomer \gset
update auth.users set email_confirmed_at = null where id = :'newcomer';
insert into public.clients (business_id, full_name, email) values (tests.id('businesses'), 'Jo Newcomer', 'jo.newcomer@tests.test')
returning id as client_a \gset
insert into public.clients (business_id, full_name, email) values (tests.id('business_b'), 'Jo N.', 'JO.NEWCOMER@tests.test')
returning id as client_b \gset
-- a later duplicate in business A: only the oldest record of a business is linked
insert into public.clients (business_id, full_name, email, created_at) values (tests.id('businesses'), 'Jo (duplicate)', 'jo.newcomer@tests.test', now() + interval '1 second')
returning id as client_a_dup \gset
-- someone else's record with the same address, already linked to another login: never taken over
select tests.create_user('earlier', 'earlier@tests.test') as earlier \gset
insert into public.clients (business_id, user_id, full_name, email) values (tests.id('business_b'), :'earlier', 'Earlier Jo', 'jo.newcomer@tests.test')
returning id as client_b_taken \gset
-- and a business C whose only record with the address is linked to that other login
insert into public.businesses (name, slug, timezone) values ('World C', 'world-c-' || left(:'newcomer'::text, 8), 'Europe/Paris') returning id as business_c \gset
insert into public.clients (business_id, user_id, full_name, email) values (:'business_c', :'earlier', 'Earlier Jo', 'jo.newcomer@tests.test')
returning id as client_c_taken \gset
-- other addresses, in both tenants
insert into public.clients (business_id, full_name, email) values (tests.id('business_b'), 'Sam Other', 'sam.other@tests.test')
returning id as client_other \gset

create function pg_temp.claim_as(p_actor text) returns text language plpgsql as $$
declare
  v text;
begin
  perform tests.act_as(p_actor);
  begin
    v := 'ok:' || public.claim_my_clients()::text;
  exception when others then
    get stacked diagnostics v = pg_exception_hint;
    v := 'error:' || sqlstate || ':' || v;
  end;
  perform tests.clear_authentication();
  return v;
end $$;

-- Refused: anon (no execute), and a login whose address is not confirmed.
select matches(pg_temp.claim_as('anon'), '^error:42501:', 'anon may not call claim_my_clients');
select is(pg_temp.claim_as('newcomer'), 'error:42501:email_not_confirmed', 'an unconfirmed address is refused with email_not_confirmed');
select is((select count(*)::int from public.clients where user_id = :'newcomer'), 0, 'nothing linked before confirmation');

-- Confirmed: business A's oldest record and business B's record are linked, case-insensitively.
update auth.users set email_confirmed_at = now() where id = :'newcomer';
select tests.authenticate_as('newcomer');
select public.claim_my_clients() as claimed \gset
select tests.clear_authentication();
select is(jsonb_array_length((:'claimed'::jsonb) -> 'linked'), 2, 'two businesses linked');
select set_eq(
  format('select x ->> %L from jsonb_array_elements(%L::jsonb -> %L) x', 'slug', :'claimed', 'linked'),
  format('select slug from public.businesses where id in (%L, %L)', tests.id('businesses'), tests.id('business_b')),
  'the answer names the businesses linked (slug)');
select ok((select bool_and(x ? 'name' and x ? 'client_id') from jsonb_array_elements((:'claimed'::jsonb) -> 'linked') x),
  'and their names and the client records');
select is((select user_id from public.clients where id = :'client_a'), :'newcomer'::uuid, 'business A''s record is linked (same address, other case)');
select is((select user_id from public.clients where id = :'client_b'), :'newcomer'::uuid, 'business B''s upper-case record is linked');
select is((select user_id from public.clients where id = :'client_a_dup'), null, 'a later duplicate in the same business is left unlinked');
select is((select user_id from public.clients where id = :'client_c_taken'), :'earlier'::uuid, 'a record linked to another login stays theirs');
select is((select user_id from public.clients where id = :'client_b_taken'), :'earlier'::uuid, 'also where the business holds an unlinked one too');
select is((select user_id from public.clients where id = :'client_other'), null, 'another address is untouched');
select is((select user_id from public.clients where id = tests.id('clients')), tests.id('parent'), 'the world''s parent keeps their record');

-- Audited: one entry per linked record, by the login, saying why.
select is((select count(*)::int from public.audit_log where table_name = 'clients' and row_id in (:'client_a', :'client_b')
             and action = 'UPDATE' and actor = :'newcomer' and reason like 'Claimed by confirmed e-mail%'), 2,
  'one audit entry per linked record, with the actor and the reason');
select is((select (new ->> 'user_id') from public.audit_log where table_name = 'clients' and row_id = :'client_a' and actor = :'newcomer'),
  :'newcomer'::text, 'the entry shows the record now carries the login');
select is((select business_id from public.audit_log where table_name = 'clients' and row_id = :'client_b' and actor = :'newcomer'),
  tests.id('business_b'), 'each business''s log gets its own entry');

-- Idempotent: a second call links nothing and answers an empty list.
select is(pg_temp.claim_as('newcomer'), 'ok:{"linked": []}', 'a second claim links nothing');
select is((select count(*)::int from public.audit_log where table_name = 'clients' and actor = :'newcomer'), 2, 'and writes no audit entry');

-- The linked parent now sees their record and pets through the ordinary policies; RLS did not widen.
select tests.authenticate_as('newcomer');
select set_eq('select id from public.clients', format('select unnest(array[%L, %L]::uuid[])', :'client_a', :'client_b'),
  'the parent reads exactly the two records now theirs');
select tests.clear_authentication();

-- Staff whose address a client record holds: linked as a client, still staff (landing stays the staff pages).
insert into public.clients (business_id, full_name, email)
select tests.id('business_b'), 'Staff as parent', email from auth.users where id = tests.id('staff') returning id as staff_client \gset
select is((pg_temp.claim_as('staff')::text ~ 'world-b-'), true, 'a staff login is linked to another business''s record with its address');
select is((select role::text from public.memberships where user_id = tests.id('staff') and business_id = tests.id('businesses')), 'staff',
  'and keeps its staff seat');

-- A login already a client of a business gets no second record there.
insert into public.clients (business_id, full_name, email)
select tests.id('businesses'), 'Parent again', email from auth.users where id = tests.id('parent') returning id as parent_again \gset
select is(pg_temp.claim_as('parent'), 'ok:{"linked": []}', 'the world''s parent, already a client of A, links nothing more there');
select is((select user_id from public.clients where id = :'parent_again'), null, 'the second record stays unlinked');

-- Grants: only authenticated (and the service role) may execute.
select ok(not has_function_privilege('anon', 'public.claim_my_clients()', 'execute'), 'anon has no execute');
select ok(has_function_privilege('authenticated', 'public.claim_my_clients()', 'execute'), 'authenticated has execute');

select * from finish();
rollback;
