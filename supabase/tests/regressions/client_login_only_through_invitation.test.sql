-- A client record is linked to a login only by accepting a portal invitation: staff who could attach any
-- login to a client (PATCH /clients {"user_id": …}) handed that login the client's pets, bookings and
-- vaccinations. clients.user_id is outside authenticated's column grants; accept_invitation links it.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(7);

select tests.build_world();
select tests.create_user('portal', 'portal@tests.test');
insert into public.clients (id, business_id, full_name, email)
values ('00000000-0000-4000-8000-0000000000c1', tests.id('businesses'), 'Data Only', 'portal@tests.test');

select tests.authenticate_as('staff');
select tests.try(format('update public.clients set user_id = %L where id = %L', tests.id('stranger'), '00000000-0000-4000-8000-0000000000c1')) as staff_link \gset
select tests.try(format('insert into public.clients (business_id, user_id, full_name) values (%L, %L, %L)',
  tests.id('businesses'), tests.id('stranger'), 'Linked At Birth')) as staff_insert_linked \gset
select tests.try(format('update public.clients set full_name = %L where id = %L', 'Data Only Jr', '00000000-0000-4000-8000-0000000000c1')) as staff_rename \gset
select tests.try(format('insert into public.clients (business_id, full_name, email) values (%L, %L, %L)',
  tests.id('businesses'), 'New Client', 'new@tests.test')) as staff_insert \gset
select tests.clear_authentication();
select matches(:'staff_link'::text, '^error:42501:', 'staff cannot attach a login to a client record');
select matches(:'staff_insert_linked'::text, '^error:42501:', 'staff cannot create a client record already attached to a login');
select matches(:'staff_rename'::text, '^ok:1', 'staff still edit a client''s details');
select matches(:'staff_insert'::text, '^ok:1', 'staff still add clients');

select tests.authenticate_as('parent');
select tests.try(format('update public.clients set user_id = %L where id = %L', tests.id('stranger'), tests.id('clients'))) as parent_relink \gset
select tests.clear_authentication();
select matches(:'parent_relink'::text, '^error:42501:', 'a parent cannot hand their client record to another login');

-- the claim flow: a manager invites the client's address, the invitee accepts
select tests.authenticate_as('manager');
create temp table pinv as
  select public.create_invitation(tests.id('businesses'), 'portal@tests.test', null, '00000000-0000-4000-8000-0000000000c1') as r;
select tests.clear_authentication();
grant select on pinv to authenticated;
select tests.authenticate_as('portal');
select public.accept_invitation((select r ->> 'token' from pinv));
select tests.clear_authentication();
select is((select user_id from public.clients where id = '00000000-0000-4000-8000-0000000000c1'), tests.id('portal'),
  'accepting a portal invitation links the client record to the login');
select tests.authenticate_as('portal');
select is((select count(*)::int from public.clients where id = '00000000-0000-4000-8000-0000000000c1'), 1,
  'the invitee then reads their client record');
select tests.clear_authentication();

select * from finish();
rollback;
