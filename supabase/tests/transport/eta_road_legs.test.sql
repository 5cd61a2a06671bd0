-- The parent's ETA follows the plan's distance provider: a stop's planned leg (leg_seconds, road times when the
-- optimiser ran with ROUTING_URL) is used as measured when the van starts from the point the plan started that
-- leg from; from a live position, the travel model's time is scaled by the planned leg's road ratio (0.5–4).
-- A plan with nonsense legs is refused with a reason.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(14);

select tests.build_world();
-- today's route from the site at (-0.1 51.5): stop 1 at (-0.09 51.51), stop 2 at (-0.08 51.52); windows open
update public.transport_requests set geo = 'SRID=4326;POINT(-0.09 51.51)', window_start = now() - interval '1 hour',
  window_end = now() + interval '3 hours', status = 'scheduled' where id = tests.id('transport_requests');
update public.routes set service_date = (now() at time zone 'Europe/London')::date, depot_location_id = tests.id('locations')
where id = tests.id('routes');
delete from public.driver_positions where route_id = tests.id('routes');
insert into public.clients (id, business_id, full_name) values ('c0000000-0000-4000-8000-0000000000e2', tests.id('businesses'), 'Second Family');
insert into public.pets (id, business_id, client_id, name, species) values
  ('d0000000-0000-4000-8000-0000000000e2', tests.id('businesses'), 'c0000000-0000-4000-8000-0000000000e2', 'Ash', 'dog');
insert into public.transport_requests (id, business_id, pet_id, kind, address, geo, window_start, window_end, status) values
  ('e0000000-0000-4000-8000-0000000000e2', tests.id('businesses'), 'd0000000-0000-4000-8000-0000000000e2', 'pickup', '2 B Road',
   'SRID=4326;POINT(-0.08 51.52)', now() - interval '1 hour', now() + interval '3 hours', 'scheduled');
insert into public.route_stops (id, route_id, business_id, transport_request_id, seq) values
  ('5a000000-0000-4000-8000-0000000000e2', tests.id('routes'), tests.id('businesses'), 'e0000000-0000-4000-8000-0000000000e2', 2);
select tests.id('routes') as route, tests.id('route_stops') as stop1 \gset

-- seconds from now to each stop's ETA, and the model's seconds between two points (default 1.3 × haversine at 30 km/h)
create function pg_temp.eta(p_seq int) returns double precision language sql as $$
  select extract(epoch from e.eta - now()) from private.route_etas(tests.id('routes'), now()) e where e.seq = p_seq $$;
create function pg_temp.model(p_from text, p_to text) returns double precision language sql as $$
  select private.taxi_travel_seconds(p_from::extensions.geography, p_to::extensions.geography, 1.3, 30) $$;

-- no measured legs: the travel model from the depot, as before
select ok(abs(pg_temp.eta(1) - pg_temp.model('SRID=4326;POINT(-0.1 51.5)', 'SRID=4326;POINT(-0.09 51.51)')) < 1,
  'without planned legs, the first stop is the model''s time from the depot');

-- the plan measured road legs: 10 minutes into stop 1 from the depot and into stop 2 from stop 1 (about 3 times
-- the straight-line model's 3.4 minutes: slow streets)
update public.route_stops set leg_seconds = 600 where id = :'stop1';
update public.route_stops set leg_seconds = 600 where id = '5a000000-0000-4000-8000-0000000000e2';
select ok(abs(pg_temp.eta(1) - 600) < 1, 'before the first position, stop 1 is its planned road leg away (10 min)');
select ok(abs(pg_temp.eta(2) - (600 + 300 + 600)) < 1, 'stop 2: that, 5 minutes at stop 1, and its own planned leg');

-- a live position halfway to stop 1: the model's time from there, scaled by stop 1's road ratio
insert into public.driver_positions (route_id, business_id, geo, recorded_at)
values (:'route', tests.id('businesses'), 'SRID=4326;POINT(-0.095 51.505)', now());
select ok(abs(pg_temp.eta(1) - pg_temp.model('SRID=4326;POINT(-0.095 51.505)', 'SRID=4326;POINT(-0.09 51.51)')
          * 600 / pg_temp.model('SRID=4326;POINT(-0.1 51.5)', 'SRID=4326;POINT(-0.09 51.51)')) < 1,
  'from a live position, the model''s time scaled by the planned leg''s road ratio');
select ok(pg_temp.eta(1) > 1.5 * pg_temp.model('SRID=4326;POINT(-0.095 51.505)', 'SRID=4326;POINT(-0.09 51.51)'),
  'so slow roads make the live ETA longer than the straight-line model says');
select ok(abs(pg_temp.eta(2) - (pg_temp.eta(1) + 300 + 600)) < 1, 'the legs after the next stop stay as planned');

-- an absurd measured leg cannot make the live ETA absurd: the ratio stops at 4
update public.route_stops set leg_seconds = 86400 where id = :'stop1';
select ok(abs(pg_temp.eta(1) - 4 * pg_temp.model('SRID=4326;POINT(-0.095 51.505)', 'SRID=4326;POINT(-0.09 51.51)')) < 1,
  'the road ratio is kept within 4');
update public.route_stops set leg_seconds = 600 where id = :'stop1';

-- stops served out of order: stop 1 left open, the van at stop 2's planned start point is not assumed
update public.route_stops set status = 'skipped', skip_reason = 'nobody home', done_at = now() where id = :'stop1';
select ok(abs(pg_temp.eta(2) - pg_temp.model('SRID=4326;POINT(-0.095 51.505)', 'SRID=4326;POINT(-0.08 51.52)')
          * 600 / pg_temp.model('SRID=4326;POINT(-0.09 51.51)', 'SRID=4326;POINT(-0.08 51.52)')) < 1,
  'with stop 1 skipped, stop 2 is the scaled model''s time from the van, not the leg from stop 1');

-- the plan's writer refuses legs that are not whole seconds from 0 to 24 hours
select throws_ok(format($$select private.check_route_plan(%L, %L)$$, tests.id('businesses'),
  jsonb_build_array(jsonb_build_object('depot_location_id', tests.id('locations'), 'vehicle_capacity', 4, 'stops',
    jsonb_build_array(jsonb_build_object('transport_request_id', tests.id('transport_requests'), 'seq', 1, 'leg_seconds', l))))),
  '22023', 'route 1: leg_seconds must be whole seconds from 0 to 86400, or null', 'a leg of ' || l::text || ' is refused')
from (values ('-5'::jsonb), ('1.5'), ('"600"'), ('86401')) v(l);

-- the measured legs are the plan's: the route's own driver cannot rewrite them (nor can anyone outside the business)
-- (drivers update no stop rows directly: their progress goes through record_stop_progress)
select tests.authenticate_as('driver');
update public.route_stops set leg_seconds = 1 where id = :'stop1';
select tests.clear_authentication();
select is((select leg_seconds from public.route_stops where id = :'stop1'), 600, 'the driver cannot change a planned leg');
select tests.authenticate_as('other_owner');
update public.route_stops set leg_seconds = 1 where id = :'stop1';
select tests.clear_authentication();
select is((select leg_seconds from public.route_stops where id = :'stop1'), 600, 'another business cannot change it either');

select * from finish();
rollback;
