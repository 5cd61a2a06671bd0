-- Dispatch's writers: staff add and edit pickups/drop-offs (save_transport_request) and write hand edits of
-- a plan (edit_route_plan); drivers, pet parents, another business and anon are refused; bad input is named.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(21);

select tests.build_world();
select (current_date + 5)::text as day \gset
select ((:'day'::date + time '07:30') at time zone 'Europe/London')::text as w_from,
       ((:'day'::date + time '08:30') at time zone 'Europe/London')::text as w_to \gset

select format('select public.save_transport_request(%L, %L, ''pickup'', ''1 Upper Street'', %L, %L)',
  tests.id('businesses'), tests.id('pets'), :'w_from', :'w_to') as add_sql \gset

-- Outsiders are refused with the role's reason.
select tests.authenticate_as('driver');
select tests.try(:'add_sql') as t_driver \gset
select tests.clear_authentication();
select tests.authenticate_as('parent');
select tests.try(:'add_sql') as t_parent \gset
select tests.clear_authentication();
select tests.authenticate_as('other_owner');
select tests.try(:'add_sql') as t_other \gset
select tests.clear_authentication();
select tests.authenticate_as_anon();
select tests.try(:'add_sql') as t_anon \gset
select tests.clear_authentication();
select matches(:'t_driver'::text, '^error:42501:', 'a driver cannot add transport');
select matches(:'t_parent'::text, '^error:42501:', 'a pet parent cannot add transport through the desk''s rpc');
select matches(:'t_other'::text, '^error:42501:', 'another business''s owner cannot add transport here');
select matches(:'t_anon'::text, '^error:42501:', 'a signed-out visitor cannot call it');

-- Staff add one without coordinates (it waits for a pin) and one with; bad input is named.
select tests.authenticate_as('staff');
select public.save_transport_request(tests.id('businesses'), tests.id('pets'), 'pickup', ' 1 Upper Street ', :'w_from', :'w_to') as no_pin \gset
select public.save_transport_request(tests.id('businesses'), tests.id('pets'), 'dropoff', '2 Upper Street', :'w_from', :'w_to',
  51.5386, -0.1026, 'Side gate') as pinned \gset
select tests.try(format('select public.save_transport_request(%L, %L, ''pickup'', ''x'', %L, %L)',
  tests.id('businesses'), tests.id('pets'), :'w_to', :'w_from')) as reversed \gset
select tests.try(format('select public.save_transport_request(%L, %L, ''pickup'', ''x'', %L, %L, 51.5)',
  tests.id('businesses'), tests.id('pets'), :'w_from', :'w_to')) as half_pin \gset
select tests.try(format('select public.save_transport_request(%L, %L, ''pickup'', ''  '', %L, %L)',
  tests.id('businesses'), tests.id('pets'), :'w_from', :'w_to')) as blank \gset
select tests.try(format('select public.save_transport_request(%L, %L, ''pickup'', ''x'', %L, %L)',
  tests.id('businesses'), extensions.gen_random_uuid(), :'w_from', :'w_to')) as foreign_pet \gset
select tests.clear_authentication();

select is((select (geo is null, address, status::text)::text from public.transport_requests where id = :'no_pin'::uuid),
  (true, '1 Upper Street', 'requested')::text, 'a request without coordinates is saved (trimmed) and waits for a pin');
select is((select (round(extensions.st_y(geo::extensions.geometry)::numeric, 4), notes)::text from public.transport_requests where id = :'pinned'::uuid),
  (51.5386::numeric, 'Side gate')::text, 'a request with a pin keeps its point and notes');
select matches(:'reversed'::text, '^error:22023:', 'a window that ends before it starts is refused');
select matches(:'half_pin'::text, '^error:22023:', 'a latitude without a longitude is refused');
select matches(:'blank'::text, '^error:22023:', 'a blank address is refused');
select matches(:'foreign_pet'::text, '^error:PT404:', 'a pet that is not the business''s is not found');

-- A planned route carrying both; editing the pinned request's window takes it off the route.
insert into public.routes (id, business_id, service_date, vehicle_capacity)
values ('e1000000-0000-4000-8000-000000000001', tests.id('businesses'), :'day'::date, 4),
       ('e1000000-0000-4000-8000-000000000002', tests.id('businesses'), :'day'::date, 4);
insert into public.route_stops (route_id, business_id, transport_request_id, seq)
values ('e1000000-0000-4000-8000-000000000001', tests.id('businesses'), :'no_pin'::uuid, 1),
       ('e1000000-0000-4000-8000-000000000001', tests.id('businesses'), :'pinned'::uuid, 2);
update public.transport_requests set status = 'scheduled' where id in (:'no_pin'::uuid, :'pinned'::uuid);

-- Hand edits: outsiders refused; staff reorder; started routes and stops of other routes refused.
select jsonb_build_array(jsonb_build_object('vehicle_capacity', 4, 'distance_m', 5000, 'duration_s', 900, 'stops', jsonb_build_array(
  jsonb_build_object('transport_request_id', :'pinned', 'seq', 1, 'planned_eta', :'w_from'),
  jsonb_build_object('transport_request_id', :'no_pin', 'seq', 2, 'planned_eta', :'w_to'))))::text as reorder \gset
select format('select public.edit_route_plan(%L, %L, %L, %L)', tests.id('businesses'), :'day',
  '{e1000000-0000-4000-8000-000000000001}', :'reorder') as edit_sql \gset
select tests.authenticate_as('driver');
select tests.try(:'edit_sql') as e_driver \gset
select tests.clear_authentication();
select tests.authenticate_as('parent');
select tests.try(:'edit_sql') as e_parent \gset
select tests.clear_authentication();
select tests.authenticate_as('other_owner');
select tests.try(:'edit_sql') as e_other \gset
select tests.clear_authentication();
select tests.authenticate_as_anon();
select tests.try(:'edit_sql') as e_anon \gset
select tests.clear_authentication();
select matches(:'e_driver'::text, '^error:42501:', 'a driver cannot re-order a plan');
select matches(:'e_parent'::text, '^error:42501:', 'a pet parent cannot re-order a plan');
select matches(:'e_other'::text, '^error:42501:', 'another business''s owner cannot re-order this plan');
select matches(:'e_anon'::text, '^error:42501:', 'anon cannot re-order a plan');

select tests.authenticate_as('staff');
select public.edit_route_plan(tests.id('businesses'), :'day'::date, '{e1000000-0000-4000-8000-000000000001}', :'reorder'::jsonb);
-- a stop of route 1 claimed by route 2 alone is refused: it would sit on two routes
select tests.try(format('select public.edit_route_plan(%L, %L, %L, %L)', tests.id('businesses'), :'day',
  '{e1000000-0000-4000-8000-000000000002}', :'reorder')) as elsewhere \gset
select tests.clear_authentication();
select is((select array_agg(transport_request_id::text order by seq) from public.route_stops where route_id = 'e1000000-0000-4000-8000-000000000001'),
  array[:'pinned', :'no_pin'], 'staff re-order a planned route''s stops');
select is((select (distance_m, duration_s) from public.routes where id = 'e1000000-0000-4000-8000-000000000001')::text,
  (5000, 900)::text, 'the edited route takes its re-timed figures');
select matches(:'elsewhere'::text, '^error:22023:', 'a stop that sits on a route outside the edit is refused');

-- a new window for a planned trip takes it off its route and reopens it for planning
select tests.authenticate_as('staff');
select public.save_transport_request(tests.id('businesses'), tests.id('pets'), 'pickup', '1 Upper Street',
  :'w_from'::timestamptz + interval '1 hour', :'w_to'::timestamptz + interval '1 hour', null, null, null, :'no_pin'::uuid);
select tests.clear_authentication();
select is((select count(*)::int from public.route_stops where transport_request_id = :'no_pin'::uuid), 0,
  'a trip whose time changed leaves its planned route');
select is((select status::text from public.transport_requests where id = :'no_pin'::uuid), 'requested',
  'and waits for the next plan');

update public.routes set status = 'in_progress' where id = 'e1000000-0000-4000-8000-000000000001';
select tests.authenticate_as('staff');
select tests.try(:'edit_sql') as started \gset
select tests.try(format('select public.save_transport_request(%L, %L, ''dropoff'', ''2 Upper Street'', %L, %L, null, null, null, %L)',
  tests.id('businesses'), tests.id('pets'), :'w_from', :'w_to', :'pinned')) as edit_started \gset
select tests.clear_authentication();
select matches(:'started'::text, '^error:PT409:', 'a route that has started is not edited');
select matches(:'edit_started'::text, '^error:23514:', 'a trip on a started route cannot change place or time');

select * from finish();
rollback;
