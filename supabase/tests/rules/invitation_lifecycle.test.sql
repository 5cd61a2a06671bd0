-- Invitations can be withdrawn and resent (the old link dies), are refused for existing members and twice
-- for the same address, only owners invite owners, desk staff invite clients to the portal but not staff,
-- and nobody outside the business's desk can send, withdraw or list anything. The team list names people.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(26);

select tests.build_world();
select tests.create_user('joiner', 'joiner@tests.test');
select tests.create_user('late', 'late@tests.test');
insert into public.clients (id, business_id, full_name, email) values
  ('00000000-0000-4000-8000-0000000000c2', tests.id('businesses'), 'Portal Person', 'pp@tests.test');

-- the SQLSTATE and hint of a statement's error ("ok" when it succeeds); the statement is undone
create function pg_temp.refusal(p_sql text) returns text
language plpgsql as $$
declare v_code text; v_hint text;
begin
  begin
    execute p_sql;
    raise exception using errcode = 'TSTOK';
  exception
    when sqlstate 'TSTOK' then return 'ok';
    when others then
      get stacked diagnostics v_code = returned_sqlstate, v_hint = pg_exception_hint;
      return v_code || ':' || coalesce(nullif(v_hint, ''), '-');
  end;
end $$;

-- the same, acting as someone (the role switch is undone with the statement)
create function pg_temp.refusal_as(p_actor text, p_sql text) returns text
language plpgsql as $$
declare v text;
begin
  perform tests.act_as(p_actor);
  v := pg_temp.refusal(p_sql);
  perform tests.clear_authentication();
  return v;
end $$;
create function pg_temp.team_count_as(p_actor text) returns int
language plpgsql as $$
declare v int;
begin
  perform tests.act_as(p_actor);
  select count(*) into v from public.team_members(tests.id('businesses'));
  perform tests.clear_authentication();
  return v;
end $$;

select email as staff_email from auth.users where id = tests.id('staff') \gset

-- a manager invites; withdrawing kills the link
select tests.authenticate_as('manager');
create temp table inv1 as select public.create_invitation(tests.id('businesses'), ' Joiner@Tests.test ', 'staff') as r;
select is((select r ->> 'email' from inv1), 'joiner@tests.test', 'the address is trimmed and lower-cased');
select is(pg_temp.refusal(format('select public.create_invitation(%L, %L, %L)', tests.id('businesses'), 'joiner@tests.test', 'staff')),
  '23505:invitation_pending', 'a second invitation to a waiting address is refused (resend instead)');
select is(pg_temp.refusal(format('select public.create_invitation(%L, %L, %L)', tests.id('businesses'), 'boss@tests.test', 'owner')),
  '42501:owner_role_owners_only', 'a manager cannot invite an owner, by name');
select is(pg_temp.refusal(format('select public.create_invitation(%L, %L, %L)', tests.id('businesses'), upper(:'staff_email'), 'driver')),
  '23505:invitation_already_member', 'an address that is already a member is refused');
select public.revoke_invitation((select (r ->> 'id')::uuid from inv1));
select tests.clear_authentication();
grant select on inv1 to authenticated, anon;

select tests.authenticate_as_anon();
select is(public.invitation_preview((select r ->> 'token' from inv1)) ->> 'state', 'revoked',
  'the accept page (signed out) learns the invitation was withdrawn');
select tests.clear_authentication();
select tests.authenticate_as('joiner');
select is(pg_temp.refusal(format('select public.accept_invitation(%L)', (select r ->> 'token' from inv1))),
  '22023:invitation_revoked', 'a withdrawn invitation cannot be accepted');
select tests.clear_authentication();

-- resend: a new token works, the old one is dead
select tests.authenticate_as('manager');
create temp table inv2 as select public.create_invitation(tests.id('businesses'), 'late@tests.test', 'driver') as r;
create temp table inv3 as select public.resend_invitation((select (r ->> 'id')::uuid from inv2)) as r;
select tests.clear_authentication();
grant select on inv2, inv3 to authenticated;
select isnt((select r ->> 'token' from inv3), (select r ->> 'token' from inv2), 'a resend makes a new token');
select tests.authenticate_as('late');
select is(pg_temp.refusal(format('select public.accept_invitation(%L)', (select r ->> 'token' from inv2))),
  '22023:invitation_revoked', 'the link of the first e-mail no longer works after a resend');
select public.accept_invitation((select r ->> 'token' from inv3), 'Lee Late');
select is(pg_temp.refusal(format('select public.accept_invitation(%L)', (select r ->> 'token' from inv3))),
  '22023:invitation_used', 'the resent link works once');
select tests.clear_authentication();
select is((select role::text || '/' || display_name from public.memberships where user_id = tests.id('late')), 'driver/Lee Late',
  'accepting joins with the invited role and the name the invitee gave');

-- accepting never changes an existing member's role (an invitation sent before they joined another way)
insert into public.invitations (business_id, email, role, token_hash)
values (tests.id('businesses'), 'late@tests.test', 'owner', private.hash_token('late-owner-token'));
select tests.authenticate_as('late');
select is(pg_temp.refusal($$select public.accept_invitation('late-owner-token')$$),
  '23505:invitation_already_member', 'someone who joined meanwhile cannot accept a second invitation');
select tests.clear_authentication();

-- desk staff invite clients to the portal, not staff
select tests.authenticate_as('staff');
select is(pg_temp.refusal(format('select public.create_invitation(%L, %L, null, %L)', tests.id('businesses'), 'pp@tests.test',
  '00000000-0000-4000-8000-0000000000c2')), 'ok', 'desk staff invite a client to the portal');
select is(pg_temp.refusal(format('select public.create_invitation(%L, %L, %L)', tests.id('businesses'), 'x@tests.test', 'staff')),
  '42501:invitation_managers_only', 'desk staff cannot invite staff');
select is(pg_temp.refusal(format('select public.create_invitation(%L, %L, null, %L)', tests.id('businesses'), 'pat@tests.test',
  tests.id('clients'))), '23505:client_already_linked', 'a client who already has a login is not invited again');
select is(pg_temp.refusal(format('select public.revoke_invitation(%L)', tests.id('invitations'))),
  'PT404:invitation_not_found', 'desk staff cannot withdraw a staff invitation');
select tests.clear_authentication();

-- outsiders: another business's owner, a driver, a parent, anon
select is(pg_temp.refusal_as(a, format('select public.create_invitation(%L, %L, %L)', tests.id('businesses'), 'y@tests.test', 'staff')),
  '42501:invitation_managers_only', a || ' cannot invite staff')
  from unnest(array['other_owner', 'driver', 'parent']) a;
select is(pg_temp.refusal_as(a, format('select public.create_invitation(%L, %L, null, %L)', tests.id('businesses'), 'pp@tests.test',
  '00000000-0000-4000-8000-0000000000c2')), '42501:invitation_staff_only', a || ' cannot invite a client to the portal')
  from unnest(array['other_owner', 'driver']) a;
select is(pg_temp.team_count_as(a), 0,
  a || ' does not see the team') from unnest(array['other_owner', 'driver', 'parent']) a;
select tests.clear_authentication();

select is(pg_temp.refusal_as('other_owner', format('select public.revoke_invitation(%L)', tests.id('invitations'))),
  'PT404:invitation_not_found', 'another business''s owner cannot withdraw an invitation');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select is(pg_temp.refusal(format('select public.team_members(%L)', tests.id('businesses'))), '42501:-', 'anon cannot list a team');
select tests.clear_authentication();

-- the team list names people for their colleagues
select tests.authenticate_as('staff');
select is((select display_name from public.team_members(tests.id('businesses')) where user_id = tests.id('late')), 'Lee Late',
  'colleagues see a member''s display name');
select tests.clear_authentication();

select * from finish();
rollback;
