-- Re-planning a day replaces its planned routes in one call: staff may shrink the plan (deleting routes
-- they could not delete themselves), route ids are kept in order, outsiders are refused, and a day whose
-- routes have started is left alone.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(23);

select tests.build_world();
select (current_date + 3)::text as day \gset

-- Four open requests for the day; the current plan has three vans, each with one of the first three.
insert into public.transport_requests (id, business_id, pet_id, kind, address, window_start, window_end)
select ('c0000000-0000-4000-8000-00000000000' || n)::uuid, tests.id('businesses'), tests.id('pets'), 'pickup', n || ' A Street',
       (:'day'::date + time '08:00') at time zone 'Europe/London', (:'day'::date + time '09:00') at time zone 'Europe/London'
from generate_series(1, 4) n;
insert into public.routes (id, business_id, service_date, driver_id, vehicle_capacity, created_at)
select ('c1000000-0000-4000-8000-00000000000' || n)::uuid, tests.id('businesses'), :'day'::date,
       case n when 1 then tests.id('driver') end, 4, now() - (4 - n) * interval '1 minute'
from generate_series(1, 3) n;
insert into public.route_stops (route_id, business_id, transport_request_id, seq)
select ('c1000000-0000-4000-8000-00000000000' || n)::uuid, tests.id('businesses'), ('c0000000-0000-4000-8000-00000000000' || n)::uuid, 1
from generate_series(1, 3) n;
update public.transport_requests set status = 'scheduled' where id::text like 'c0000000-%' and id::text <> 'c0000000-0000-4000-8000-000000000004';

-- Another tenant's request, which no plan of business A may route.
insert into public.clients (id, business_id, full_name) values ('b0b0b0b0-0000-4000-8000-000000000001', tests.id('business_b'), 'B Client');
insert into public.pets (id, business_id, client_id, name) values ('b0b0b0b0-0000-4000-8000-000000000002', tests.id('business_b'), 'b0b0b0b0-0000-4000-8000-000000000001', 'B Pet');
insert into public.transport_requests (id, business_id, pet_id, kind, address, window_start, window_end)
values ('b0b0b0b0-0000-4000-8000-000000000003', tests.id('business_b'), 'b0b0b0b0-0000-4000-8000-000000000002', 'pickup', 'B Street',
        now() + interval '3 days', now() + interval '3 days 1 hour');

-- The new plan: two vans; the first takes requests 1 and 4, the second request 2; request 3 is left out.
select jsonb_build_array(
  jsonb_build_object('depot_location_id', tests.id('locations'), 'vehicle_capacity', 3, 'distance_m', 12000, 'duration_s', 1800,
    'optimised_at', now(), 'stops', jsonb_build_array(
      jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-000000000001', 'seq', 1, 'planned_eta', (:'day'::date + time '08:10') at time zone 'Europe/London'),
      jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-000000000004', 'seq', 2, 'planned_eta', (:'day'::date + time '08:25') at time zone 'Europe/London'))),
  jsonb_build_object('depot_location_id', tests.id('locations'), 'vehicle_capacity', 3, 'distance_m', 8000, 'duration_s', 900,
    'optimised_at', now(), 'stops', jsonb_build_array(
      jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-000000000002', 'seq', 1, 'planned_eta', (:'day'::date + time '08:15') at time zone 'Europe/London')))
)::text as plan \gset
select (:'plan'::jsonb || jsonb_build_array(jsonb_build_object('vehicle_capacity', 2, 'stops', jsonb_build_array(
  jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-000000000003', 'seq', 1)))))::text as plan3 \gset
select format('select public.replace_route_plan(%L, %L, %L)', tests.id('businesses'), :'day', :'plan') as replace_sql \gset

-- Outsiders first; each try is rolled back, whatever it did.
select tests.authenticate_as('driver');
select tests.try(:'replace_sql') as driver \gset
select tests.clear_authentication();
select tests.authenticate_as('parent');
select tests.try(:'replace_sql') as parent \gset
select tests.clear_authentication();
select tests.authenticate_as('other_owner');
select tests.try(:'replace_sql') as other_owner \gset
select tests.clear_authentication();
select tests.authenticate_as_anon();
select tests.try(:'replace_sql') as anon \gset
select tests.clear_authentication();

select matches(:'driver'::text, '^error:42501:only staff', 'a driver of the business cannot re-plan its routes');
select matches(:'parent'::text, '^error:42501:only staff', 'a pet parent cannot re-plan routes');
select matches(:'other_owner'::text, '^error:42501:only staff', 'the owner of another business cannot re-plan this one''s routes');
select matches(:'anon'::text, '^error:42501:', 'a signed-out visitor cannot call the function');

-- Bad plans are refused with a reason before anything is written.
select tests.authenticate_as('staff');
select tests.try(format('select public.replace_route_plan(%L, %L, %L)', tests.id('businesses'), :'day', '{"routes": []}')) as not_array \gset
select tests.try(format('select public.replace_route_plan(%L, %L, %L)', tests.id('businesses'), :'day',
  jsonb_build_array(jsonb_build_object('vehicle_capacity', 3, 'stops', jsonb_build_array(
    jsonb_build_object('transport_request_id', 'b0b0b0b0-0000-4000-8000-000000000003', 'seq', 1)))))) as foreign_request \gset
select tests.try(format('select public.replace_route_plan(%L, %L, %L)', tests.id('businesses'), :'day',
  jsonb_build_array(jsonb_build_object('vehicle_capacity', 3, 'stops', jsonb_build_array(
    jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-000000000001', 'seq', 1, 'planned_eta', 'soon')))))) as bad_eta \gset

-- Staff replace the three-van plan with two vans.
create temp table replanned as select public.replace_route_plan(tests.id('businesses'), :'day'::date, :'plan'::jsonb) as r;
select tests.clear_authentication();

select matches(:'not_array'::text, '^error:22023:', 'a plan that is not an array of routes is refused as invalid');
select matches(:'foreign_request'::text, '^error:22023:.*not an open request of this business', 'a stop for another tenant''s request is refused');
select matches(:'bad_eta'::text, '^error:22023:', 'a stop with an unreadable ETA is refused');

select is((select jsonb_array_length(r) from replanned), 2, 'staff replace a three-van plan with two vans');
select is((select array[r -> 0 ->> 'id', r -> 1 ->> 'id'] from replanned),
  array['c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000002'],
  'the kept routes keep their ids, in the order of the new plan');
select is((select count(*)::int from public.routes where service_date = :'day'::date and business_id = tests.id('businesses')), 2,
  'the surplus planned route is deleted');
select is((select array_agg(transport_request_id::text order by seq) from public.route_stops where route_id = 'c1000000-0000-4000-8000-000000000001'),
  array['c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000004'], 'the first van''s stops are rewritten in seq order');
select is((select planned_eta from public.route_stops where route_id = 'c1000000-0000-4000-8000-000000000001' and seq = 2),
  (:'day'::date + time '08:25') at time zone 'Europe/London', 'stops carry their planned ETA');
select is((select (vehicle_capacity, distance_m, duration_s, driver_id)::text from public.routes where id = 'c1000000-0000-4000-8000-000000000001'),
  (3, 12000, 1800, tests.id('driver'))::text, 'a kept route takes the new figures and keeps its driver');
select is((select array_agg(status::text order by id) from public.transport_requests where id::text like 'c0000000-%'),
  array['scheduled', 'scheduled', 'requested', 'scheduled'], 'routed requests are scheduled and the dropped one is open again');
select is((select actor from public.audit_log where table_name = 'routes' and action = 'DELETE' and row_id = 'c1000000-0000-4000-8000-000000000003'),
  tests.id('staff'), 'the deletion is audited as the staff member''s');

-- Growing the plan again keeps both ids and adds a route.
select tests.authenticate_as('staff');
create temp table grown as select public.replace_route_plan(tests.id('businesses'), :'day'::date, :'plan3'::jsonb) as r;
select tests.clear_authentication();
select is((select array[r -> 0 ->> 'id', r -> 1 ->> 'id'] from grown),
  array['c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000002'], 'a bigger plan reuses the planned routes first');
select isnt((select r -> 2 ->> 'id' from grown), null, 'a bigger plan inserts a new route and returns its id');
select is((select r -> 2 -> 'stops' -> 0 ->> 'transport_request_id' from grown), 'c0000000-0000-4000-8000-000000000003',
  'the returned routes carry their stops');

-- A plan of new routes written in one call is reused in the same order by the next run.
insert into public.transport_requests (id, business_id, pet_id, kind, address, window_start, window_end)
select ('c2000000-0000-4000-8000-00000000000' || n)::uuid, tests.id('businesses'), tests.id('pets'), 'dropoff', n || ' B Street',
       now() + interval '4 days', now() + interval '4 days 1 hour'
from generate_series(1, 4) n;
select jsonb_agg(jsonb_build_object('vehicle_capacity', 1, 'stops', jsonb_build_array(jsonb_build_object(
  'transport_request_id', 'c2000000-0000-4000-8000-00000000000' || n, 'seq', 1))) order by n)::text as fresh from generate_series(1, 4) n \gset
select tests.authenticate_as('staff');
create temp table fresh_first as select public.replace_route_plan(tests.id('businesses'), current_date + 4, :'fresh'::jsonb) as r;
create temp table fresh_again as select public.replace_route_plan(tests.id('businesses'), current_date + 4, :'fresh'::jsonb) as r;
select tests.clear_authentication();
select is((select jsonb_path_query_array(r, '$[*].id') from fresh_again), (select jsonb_path_query_array(r, '$[*].id') from fresh_first),
  'running the same plan again keeps every route id in the same order');

-- Once a route of the day has started it is kept: a plan that routes one of its stops is refused as a
-- conflict (the error undoes the whole call), a plan of the other stops replaces only the planned routes.
update public.routes set status = 'in_progress' where id = 'c1000000-0000-4000-8000-000000000002';
select tests.authenticate_as('staff');
select tests.try(:'replace_sql') as started \gset
create temp table around as select public.replace_route_plan(tests.id('businesses'), :'day'::date,
  jsonb_build_array(jsonb_build_object('vehicle_capacity', 3, 'stops', jsonb_build_array(
    jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-000000000001', 'seq', 1))))) as r;
create temp table other_day as select public.replace_route_plan(tests.id('businesses'), current_date + 1, '[]') as r;
select tests.clear_authentication();
select matches(:'started'::text, '^error:PT409:.*has started', 'a plan routing a stop of a started route is refused as a conflict');
select is((select array_agg(id::text order by created_at) from public.routes where service_date = :'day'::date and business_id = tests.id('businesses')),
  array['c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000002'], 'a re-plan around it keeps the started route and reuses a planned one');
select is((select array_agg(transport_request_id::text) from public.route_stops where route_id = 'c1000000-0000-4000-8000-000000000002'),
  array['c0000000-0000-4000-8000-000000000002'], 'the started route keeps its stop');
select is((select count(*)::int from public.routes where service_date = current_date + 1 and business_id = tests.id('businesses')), 0,
  'a started day does not block re-planning another day');

select * from finish();
rollback;
