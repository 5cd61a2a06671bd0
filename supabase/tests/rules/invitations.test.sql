-- Invitations are stored hashed, accepted once, before they expire, by the address they were sent to.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(10);

select tests.build_world();
select tests.create_user('invitee', 'invitee@tests.test');
select tests.create_user('portal', 'portal@tests.test');
insert into public.clients (id, business_id, full_name, email) values ('00000000-0000-4000-8000-0000000000c1', tests.id('businesses'), 'Data Only', 'portal@tests.test');

select tests.authenticate_as('manager');
create temp table inv as select public.create_invitation(tests.id('businesses'), 'invitee@tests.test', 'staff') as r;
create temp table pinv as select public.create_invitation(tests.id('businesses'), 'portal@tests.test', null, '00000000-0000-4000-8000-0000000000c1') as r;
select tests.try(format('select public.create_invitation(%L, %L, %L)', tests.id('businesses'), 'x@tests.test', 'owner')) as manager_owner \gset
select tests.clear_authentication();
grant select on inv, pinv to authenticated;

select ok(not exists (select 1 from public.invitations where token_hash = (select r ->> 'token' from inv)), 'the token itself is not stored');
select matches(:'manager_owner'::text, '^error:42501:', 'a manager cannot invite an owner');

select tests.authenticate_as('stranger');
select tests.try(format('select public.accept_invitation(%L)', (select r ->> 'token' from inv))) as wrong_person \gset
select tests.clear_authentication();
select matches(:'wrong_person'::text, '^error:42501:', 'someone else cannot use the invitation');

select tests.authenticate_as('invitee');
select tests.try(format('select public.accept_invitation(%L)', 'not-a-token')) as bogus \gset
select public.accept_invitation((select r ->> 'token' from inv));
select tests.try(format('select public.accept_invitation(%L)', (select r ->> 'token' from inv))) as again \gset
select tests.clear_authentication();
select matches(:'bogus'::text, '^error:PT404:', 'an unknown token is refused');
select is((select role::text from public.memberships where user_id = tests.id('invitee') and business_id = tests.id('businesses')), 'staff',
  'accepting makes the invitee a member with the invited role');
select matches(:'again'::text, '^error:22023:.*already used', 'an invitation works once');

select tests.authenticate_as('portal');
select public.accept_invitation((select r ->> 'token' from pinv));
select tests.clear_authentication();
select is((select user_id from public.clients where id = '00000000-0000-4000-8000-0000000000c1'), tests.id('portal'),
  'a portal invitation links the client record to the login');
select tests.authenticate_as('portal');
select is((select count(*)::int from public.clients), 1, 'the new parent now sees their client record');
select tests.clear_authentication();

-- an expired invitation is refused
update public.invitations set created_at = now() - interval '10 days', expires_at = now() - interval '1 day' where id = tests.id('invitations');
update auth.users set email = 'new@tests.test' where id = tests.id('stranger');
select tests.authenticate_as('stranger');
select tests.try($$select public.accept_invitation('world-token')$$) as expired \gset
select tests.clear_authentication();
select matches(:'expired'::text, '^error:22023:.*expired', 'an expired invitation is refused');

select tests.authenticate_as_anon();
select tests.try($$select public.accept_invitation('world-token')$$) as anon \gset
select tests.clear_authentication();
select matches(:'anon'::text, '^error:42501:', 'anon cannot accept invitations');

select * from finish();
rollback;
