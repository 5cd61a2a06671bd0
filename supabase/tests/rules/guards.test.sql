-- What policies alone cannot say (and what they now say for drivers): drivers only progress routes, parents keep their link, parent uploads
-- wait for review, and staff of several businesses name the business they scan for.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(8);

select tests.build_world();

select tests.authenticate_as('driver');
select tests.try(format('update public.routes set status = %L where id = %L', 'in_progress', tests.id('routes'))) as progress \gset
select tests.try(format('update public.routes set driver_id = %L where id = %L', tests.id('stranger'), tests.id('routes'))) as reassign \gset
select tests.try(format('update public.route_stops set status = %L, arrived_at = now() where id = %L', 'arrived', tests.id('route_stops'))) as arrive \gset
select tests.try(format('update public.route_stops set seq = 5 where id = %L', tests.id('route_stops'))) as reorder \gset
select tests.clear_authentication();
select matches(:'progress'::text, '^ok:0', 'a driver cannot move their route directly (only through start_route and finish_route)');
select matches(:'reassign'::text, '^ok:0', 'a driver cannot hand the route to someone else');
select matches(:'arrive'::text, '^ok:0', 'a driver cannot mark a stop directly (only through record_stop_progress)');
select matches(:'reorder'::text, '^ok:0', 'a driver cannot re-order stops');

select tests.authenticate_as('parent');
select tests.try(format('update public.clients set user_id = %L where id = %L', tests.id('stranger'), tests.id('clients'))) as relink \gset
select tests.clear_authentication();
select matches(:'relink'::text, '^error:42501:', 'a parent cannot hand their client record to another login');

-- the parent's own certificate counts only once staff verify it
update public.services set required_vaccine_type_ids = array[tests.id('vaccine_types')] where id = tests.id('services');
delete from public.vaccinations where id = tests.id('vaccinations');
select tests.authenticate_as('parent');
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, source)
values (tests.id('businesses'), tests.id('pets'), tests.id('vaccine_types'), current_date - 1, current_date + 364, 'parent');
create temp table before_review as select public.pet_vaccine_status(tests.id('pets'), tests.id('services')) as s;
select tests.clear_authentication();
select ok((select s @> '[{"status": "missing"}]' from before_review), 'an unverified parent upload does not satisfy the vaccine rule');
update public.vaccinations set verified_by = tests.id('staff'), verified_at = now() where pet_id = tests.id('pets') and source = 'parent';
select is((select public.pet_vaccine_status(tests.id('pets'), tests.id('services')) -> 0 ->> 'status'), 'valid', 'once verified it does');

-- a member of two businesses must say which one a scan is for
insert into public.memberships (business_id, user_id, role) values (tests.id('business_b'), tests.id('staff'), 'staff');
select tests.authenticate_as('staff');
select tests.try($$select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid())$$) as ambiguous \gset
select tests.clear_authentication();
select matches(:'ambiguous'::text, '^error:22023:.*p_business_id', 'staff of two businesses are asked for p_business_id');

select * from finish();
rollback;
