-- The drivers' rpcs and the parents' ETA: only the route's own driver moves it, only forward and only once
-- started; absurd positions are refused; a parent sees their own pet's ride and nothing of other stops; another
-- tenant, another driver, staff, a parent and anon are refused.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(49);

select tests.build_world();
select tests.create_user('driver2');
insert into public.memberships (business_id, user_id, role) values (tests.id('businesses'), tests.id('driver2'), 'driver');
-- today's route of the driver: the world's pet first, then a second family; the other driver has a route too
update public.transport_requests set geo = 'SRID=4326;POINT(-0.09 51.51)', window_start = now() - interval '1 hour',
  window_end = now() + interval '1 hour', status = 'scheduled' where id = tests.id('transport_requests');
update public.routes set service_date = (now() at time zone 'Europe/London')::date, depot_location_id = tests.id('locations')
where id = tests.id('routes');
delete from public.driver_positions where route_id = tests.id('routes');
insert into public.clients (id, business_id, full_name, phone, address) values
  ('c0000000-0000-4000-8000-0000000000d2', tests.id('businesses'), 'Other Family', '+44 7700 900999', '9 B Road');
insert into public.pets (id, business_id, client_id, name, species) values
  ('d0000000-0000-4000-8000-0000000000d2', tests.id('businesses'), 'c0000000-0000-4000-8000-0000000000d2', 'Zed', 'dog');
insert into public.transport_requests (id, business_id, pet_id, kind, address, geo, window_start, window_end, status) values
  ('e0000000-0000-4000-8000-0000000000d2', tests.id('businesses'), 'd0000000-0000-4000-8000-0000000000d2', 'pickup', '9 B Road',
   'SRID=4326;POINT(-0.08 51.52)', now(), now() + interval '2 hours', 'scheduled');
insert into public.route_stops (id, route_id, business_id, transport_request_id, seq) values
  ('5a000000-0000-4000-8000-0000000000d2', tests.id('routes'), tests.id('businesses'), 'e0000000-0000-4000-8000-0000000000d2', 2);
insert into public.routes (id, business_id, service_date, driver_id, vehicle_capacity) values
  ('f0000000-0000-4000-8000-0000000000d2', tests.id('businesses'), (now() at time zone 'Europe/London')::date, tests.id('driver2'), 4);
select tests.id('routes') as route, tests.id('route_stops') as stop, tests.id('pets') as pet \gset

-- the driver's day: their route, the minimum about each stop, nothing of the other driver's
select tests.authenticate_as('driver');
select is(jsonb_array_length(public.driver_day() -> 'routes'), 1, 'the driver sees one route today: their own');
select is(public.driver_day() #>> '{routes,0,stops,0,pet_name}', 'Bo', 'a stop names the pet');
select is(public.driver_day() #>> '{routes,0,stops,1,parent_phone}', '+44 7700 900999', 'and gives the parent''s phone to call');
select is(public.driver_day() #>> '{routes,0,stops,0,parent_name}', 'Pat', 'the parent by first name only');
select ok(not (public.driver_day() #> '{routes,0,stops,0}') ? 'email', 'no e-mail address reaches the driver');
select is((select count(*)::int from public.pets), 0, 'drivers read no pets directly');
select is((select count(*)::int from public.clients), 0, 'drivers read no clients directly');
select tests.clear_authentication();
select tests.authenticate_as('staff');
select is((public.driver_day() ->> 'is_driver')::boolean, false, 'staff without a route are not drivers here');
select tests.clear_authentication();

-- a van with a depot of its own: the optimiser plans it from there, so the ETA before the first position and the
-- driver's map start there too (not at the route's site)
insert into public.vehicles (id, business_id, name, seats, depot_geo) values
  ('0e000000-0000-4000-8000-0000000000d1', tests.id('businesses'), 'Far van', 4, 'SRID=4326;POINT(-0.2 51.6)');
create temp table depot_eta (label text, s double precision) on commit drop;
insert into depot_eta select 'site', extract(epoch from e.eta - now()) from private.route_etas(tests.id('routes'), now()) e order by e.seq limit 1;
update public.routes set vehicle_id = '0e000000-0000-4000-8000-0000000000d1' where id = tests.id('routes');
insert into depot_eta select 'van', extract(epoch from e.eta - now()) from private.route_etas(tests.id('routes'), now()) e order by e.seq limit 1;
select ok((select s from depot_eta where label = 'van') > (select s from depot_eta where label = 'site') + 600,
  'before the first position, the ETA drives from the van''s own depot 12 km away');
select tests.authenticate_as('driver');
select is(public.driver_day() #>> '{routes,0,depot,lat}', '51.6', 'the driver''s map starts at the van''s depot');
select tests.clear_authentication();
update public.routes set vehicle_id = null where id = tests.id('routes');

-- nothing before the start; nobody else may start it
select tests.authenticate_as('driver');
select throws_ok(format('select public.record_stop_progress(%L, %L)', :'stop', 'arrived'), 'PT409', null,
  'a stop cannot be marked before the route starts');
select throws_ok(format('select public.record_driver_position(%L, 51.5, -0.1, now())', :'route'), 'PT409', null,
  'no position is kept before the route starts');
select tests.clear_authentication();
select tests.authenticate_as('driver2');
select throws_ok(format('select public.start_route(%L)', :'route'), 'PT404', null, 'another driver cannot start the route');
select throws_ok(format('select public.record_stop_progress(%L, %L)', :'stop', 'arrived'), 'PT404', null,
  'another driver cannot mark its stops');
select tests.clear_authentication();
select tests.authenticate_as('staff');
select throws_ok(format('select public.start_route(%L)', :'route'), 'PT404', null, 'staff cannot drive someone else''s route');
select tests.clear_authentication();
select tests.authenticate_as('parent');
select throws_ok(format('select public.start_route(%L)', :'route'), 'PT404', null, 'a parent cannot start the route');
select tests.clear_authentication();
select tests.authenticate_as('other_owner');
select throws_ok(format('select public.record_stop_progress(%L, %L)', :'stop', 'done'), 'PT404', null,
  'another business cannot mark its stops');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok(format('select public.start_route(%L)', :'route'), '42501', null, 'anon cannot start a route');
select throws_ok(format('select public.pet_eta(%L)', :'pet'), '42501', null, 'anon cannot ask for an ETA');
select tests.clear_authentication();

-- the driver starts; positions must be plausible
select tests.authenticate_as('driver');
select is(public.start_route(:'route') ->> 'status', 'in_progress', 'the driver starts their route');
select is((select status::text from public.transport_requests where id = tests.id('transport_requests')), 'in_progress',
  'its trips are in progress');
select throws_ok(format('select public.record_driver_position(%L, 91, -0.1, now())', :'route'), '22023', null,
  'a latitude off the globe is refused');
select throws_ok(format('select public.record_driver_position(%L, 51.5, -0.1, now() + interval ''5 minutes'')', :'route'), '22023', null,
  'a position from the future is refused');
select throws_ok(format('select public.record_driver_position(%L, 51.5, -0.1, now() - interval ''11 minutes'')', :'route'), '22023', null,
  'a position older than 10 minutes is refused');
select is(public.record_driver_position(:'route', 51.5, -0.1, now() - interval '30 seconds', null, null, 'aa000000-0000-4000-8000-000000000001') ->> 'kept',
  'true', 'a plausible position is kept');
select throws_ok(format('select public.record_driver_position(%L, 52.5, -0.1, now() - interval ''20 seconds'')', :'route'), '22023', null,
  'a jump of 111 km in 10 seconds is refused');
select is(public.record_driver_position(:'route', 51.5001, -0.1, now() - interval '25 seconds') ->> 'kept', 'false',
  'a second sample within 10 seconds is not kept');
select is(public.record_driver_position(:'route', 51.5, -0.1, now() - interval '30 seconds', null, null, 'aa000000-0000-4000-8000-000000000001') ->> 'replayed',
  'true', 'a replayed sample is recorded once');
select is(public.record_driver_position(:'route', 51.505, -0.095, now()) ->> 'kept', 'true', 'a sample 30 s later is kept');
select is((select count(*)::int from public.driver_positions where route_id = :'route'), 2, 'two samples are on record');
select tests.clear_authentication();

-- the ETA drives with the business's travel model (settings, as the optimiser plans): a doubled road factor
-- doubles the drive to the next stop, a doubled speed halves it; nonsense there counts as unset
create temp table eta_drive (label text, s double precision) on commit drop;
create function pg_temp.drive_s() returns double precision language sql as $$
  select extract(epoch from e.eta - now()) from private.route_etas(tests.id('routes'), now()) e order by e.seq limit 1
$$;
insert into eta_drive select 'default', pg_temp.drive_s();
update public.businesses set settings = settings || '{"taxi_road_factor": 2.6}' where id = tests.id('businesses');
insert into eta_drive select 'road', pg_temp.drive_s();
update public.businesses set settings = settings || '{"taxi_road_factor": 1.3, "taxi_speed_kmh": 60}' where id = tests.id('businesses');
insert into eta_drive select 'speed', pg_temp.drive_s();
update public.businesses set settings = settings || '{"taxi_road_factor": "2.6", "taxi_speed_kmh": 900}' where id = tests.id('businesses');
insert into eta_drive select 'nonsense', pg_temp.drive_s();
update public.businesses set settings = settings - 'taxi_road_factor' - 'taxi_speed_kmh' where id = tests.id('businesses');
select ok((select s from eta_drive where label = 'default') > 0, 'the van is some seconds from the next stop');
select is(round(((select s from eta_drive where label = 'road') / (select s from eta_drive where label = 'default'))::numeric, 6),
  2.000000, 'a business''s road factor of 2.6 (twice the default) doubles the drive in the ETA');
select is(round(((select s from eta_drive where label = 'speed') / (select s from eta_drive where label = 'default'))::numeric, 6),
  0.500000, 'and 60 km/h (twice the default) halves it');
select is(round(((select s from eta_drive where label = 'nonsense') / (select s from eta_drive where label = 'default'))::numeric, 6),
  1.000000, 'a road factor as text and a speed of 900 km/h count as unset');
select tests.authenticate_as('driver2');
select throws_ok(format('select public.record_driver_position(%L, 51.5, -0.1, now())', :'route'), 'PT404', null,
  'another driver cannot post positions on the route');
select tests.clear_authentication();

-- the parent: their pet's ride, the van near their stop, no other family, no raw positions
select tests.authenticate_as('parent');
select is(public.pet_eta(:'pet') ->> 'status', 'on_the_way', 'the parent sees the van is on its way');
select ok((public.pet_eta(:'pet') ->> 'minutes')::int >= 0, 'with minutes to their stop');
select ok(public.pet_eta(:'pet') ? 'van' and public.pet_eta(:'pet') -> 'van' <> 'null', 'and the van, theirs being the next stop');
select throws_ok($$select public.pet_eta('d0000000-0000-4000-8000-0000000000d2')$$, 'PT404', null,
  'another family''s pet is not found');
select is((select count(*)::int from public.driver_positions), 0, 'a parent reads no positions directly');
select is((select count(*)::int from public.route_stops), 1, 'a parent reads only their own pet''s stop');
select tests.clear_authentication();
select tests.authenticate_as('other_owner');
select throws_ok(format('select public.pet_eta(%L)', :'pet'), 'PT404', null, 'another business cannot ask for the pet''s ETA');
select tests.clear_authentication();

-- progress: a reason for "unable", replays answered once, "picked up" told to the parent
select tests.authenticate_as('driver');
select throws_ok(format('select public.record_stop_progress(%L, %L, %L)', :'stop', 'unable', '  '), '22023', null,
  '"unable" needs a reason');
select is(public.record_stop_progress(:'stop', 'done', null, 'bb000000-0000-4000-8000-000000000001') ->> 'status', 'done',
  'the driver marks the pet picked up');
select is(public.record_stop_progress(:'stop', 'done', null, 'bb000000-0000-4000-8000-000000000001') ->> 'status', 'done',
  'a replayed tap gets the first answer');
select throws_ok(format('select public.finish_route(%L)', :'route'), 'PT409', null, 'the route cannot finish with a stop open');
select tests.clear_authentication();
select ok(exists (select 1 from public.notifications where dedupe_key = 'picked_up:' || :'stop' and template = 'picked_up'),
  'the parent is told their pet was picked up');
-- the evening drop-off is planned on the other driver's route: the news stays "picked up" until that run starts
insert into public.transport_requests (id, business_id, pet_id, kind, address, geo, window_start, window_end, status) values
  ('e0000000-0000-4000-8000-0000000000d3', tests.id('businesses'), tests.id('pets'), 'dropoff', '1 A Street',
   'SRID=4326;POINT(-0.09 51.51)', now() + interval '8 hours', now() + interval '9 hours', 'scheduled');
insert into public.route_stops (route_id, business_id, transport_request_id, seq) values
  ('f0000000-0000-4000-8000-0000000000d2', tests.id('businesses'), 'e0000000-0000-4000-8000-0000000000d3', 1);
select tests.authenticate_as('parent');
select is(public.pet_eta(:'pet') ->> 'status', 'picked_up', 'after the pickup the parent reads "picked up", not the planned drop-off');
select is(public.pet_eta(:'pet') -> 'van', 'null'::jsonb, 'and no longer sees the van');
select tests.clear_authentication();

select * from finish();
rollback;
