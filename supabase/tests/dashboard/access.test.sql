-- Who may read a business's dashboard: its owner and managers with revenue, its staff without; other
-- tenants, parents, drivers and anon are refused; the aggregate tables are closed to every API role.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(11);

select tests.build_world();

create temp table seen (who text, rows int, revenue bigint);
grant all on seen to authenticated;
select tests.authenticate_as('owner');
insert into seen select 'owner', count(*), max(revenue_month_cents) from public.dashboard(tests.id('businesses'));
select tests.clear_authentication();
select tests.authenticate_as('manager');
insert into seen select 'manager', count(*), max(revenue_month_cents) from public.dashboard(tests.id('businesses'));
select tests.clear_authentication();
select tests.authenticate_as('staff');
insert into seen select 'staff', count(*), max(revenue_month_cents) from public.dashboard(tests.id('businesses'));
select tests.clear_authentication();

select is((select rows from seen where who = 'owner'), 1, 'the owner reads the business''s row');
select isnt((select revenue from seen where who = 'owner'), null, 'the owner sees revenue');
select is((select rows from seen where who = 'manager'), 1, 'a manager reads the business''s row');
select is((select rows from seen where who = 'staff'), 1, 'staff read the business''s row');
select is((select revenue from seen where who = 'staff'), null, 'staff do not see revenue');

-- what each outsider gets, evaluated as them and reported as the superuser
create function pg_temp.attempt(p_actor text, p_sql text) returns text language plpgsql as $$
declare
  v text;
begin
  perform tests.act_as(p_actor);
  v := tests.try(p_sql);
  perform tests.clear_authentication();
  return v;
end $$;
select pg_temp.attempt('other_owner', format('select * from public.dashboard(%L)', tests.id('businesses'))) as other_tenant \gset
select pg_temp.attempt('parent', format('select * from public.dashboard(%L)', tests.id('businesses'))) as parent \gset
select pg_temp.attempt('driver', format('select * from public.dashboard(%L)', tests.id('businesses'))) as driver \gset
select pg_temp.attempt('anon', format('select * from public.dashboard(%L)', tests.id('businesses'))) as anon \gset
select pg_temp.attempt('owner', 'select * from private.dashboard_service_days') as direct \gset
select pg_temp.attempt('owner', 'select * from private.dashboard_compliance_days') as direct_days \gset

select matches(:'other_tenant'::text, '^error:42501:', 'another tenant''s owner is refused');
select matches(:'parent'::text, '^error:42501:', 'a pet parent is refused');
select matches(:'driver'::text, '^error:42501:', 'a driver is refused');
select matches(:'anon'::text, '^error:42501:', 'anon is refused');
select matches(:'direct'::text, '^error:42501:', 'nobody reads the aggregate tables directly, not even an owner');
select matches(:'direct_days'::text, '^error:42501:', 'nor the per-business compliance days');
select * from finish();
rollback;
