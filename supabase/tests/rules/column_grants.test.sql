-- Columns the API may not change are left out of authenticated's update grants: a membership keeps its
-- business and user (only its role changes), a booking its business and client.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(6);

select tests.build_world();

select tests.authenticate_as('manager');
select tests.try(format('update public.memberships set user_id = %L where id = %L', tests.id('stranger'), tests.id('memberships'))) as move_member \gset
select tests.try(format('update public.memberships set business_id = %L where id = %L', tests.id('business_b'), tests.id('memberships'))) as move_member_business \gset
select tests.try(format('update public.memberships set role = %L where id = %L', 'driver', tests.id('memberships'))) as change_role \gset
select tests.clear_authentication();
select matches(:'move_member'::text, '^error:42501:', 'a manager cannot hand a membership to another user');
select matches(:'move_member_business'::text, '^error:42501:', 'a manager cannot move a membership to another business');
select matches(:'change_role'::text, '^ok:1', 'a manager changes a member''s role');

select tests.authenticate_as('staff');
select tests.try(format('update public.bookings set client_id = %L where id = %L', extensions.gen_random_uuid(), tests.id('bookings'))) as move_booking \gset
select tests.try(format('update public.bookings set created_by = %L where id = %L', tests.id('stranger'), tests.id('bookings'))) as forge_creator \gset
select tests.try(format('update public.bookings set notes = %L where id = %L', 'bring a towel', tests.id('bookings'))) as note \gset
select tests.clear_authentication();
select matches(:'move_booking'::text, '^error:42501:', 'staff cannot move a booking to another client');
select matches(:'forge_creator'::text, '^error:42501:', 'staff cannot rewrite who made a booking');
select matches(:'note'::text, '^ok:1', 'staff edit a booking''s notes');

select * from finish();
rollback;
