-- Membership rules: the last owner can neither leave nor be demoted; only owners grant the owner role.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(7);

select tests.build_world();
select tests.authenticate_as('owner');
select tests.try(format('delete from public.memberships where user_id = %L', tests.id('owner'))) as leave_alone \gset
select tests.try(format('update public.memberships set role = %L where user_id = %L', 'manager', tests.id('owner'))) as demote_self \gset
select tests.clear_authentication();
select matches(:'leave_alone'::text, '^error:23514:', 'the last owner cannot leave');
select matches(:'demote_self'::text, '^error:23514:', 'the last owner cannot be demoted');

select tests.authenticate_as('manager');
select tests.try(format('update public.memberships set role = %L where user_id = %L', 'owner', tests.id('staff'))) as grant_owner \gset
select tests.try(format('insert into public.memberships (business_id, user_id, role) values (%L, %L, %L)', tests.id('businesses'), tests.id('stranger'), 'owner')) as add_owner \gset
select tests.try(format('delete from public.memberships where user_id = %L', tests.id('owner'))) as remove_owner \gset
select tests.try(format('update public.memberships set role = %L where user_id = %L', 'driver', tests.id('staff'))) as change_staff \gset
select tests.clear_authentication();
select matches(:'grant_owner'::text, '^error:42501:', 'a manager cannot make someone an owner');
select matches(:'add_owner'::text, '^error:42501:', 'a manager cannot add an owner');
select matches(:'remove_owner'::text, '^error:42501:', 'a manager cannot remove an owner');
select matches(:'change_staff'::text, '^ok:1', 'a manager changes a staff member''s role');

-- with a second owner, the first may leave
select tests.authenticate_as('owner');
update public.memberships set role = 'owner' where user_id = tests.id('manager');
select tests.try(format('delete from public.memberships where user_id = %L', tests.id('owner'))) as leave_shared \gset
select tests.clear_authentication();
select matches(:'leave_shared'::text, '^ok:1', 'an owner may leave once another owner remains');

select * from finish();
rollback;
