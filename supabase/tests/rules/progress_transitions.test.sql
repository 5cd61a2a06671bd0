-- Transport requests, routes and stops only move forward through their life cycles.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(7);

select tests.build_world();

-- tests.try() always undoes its statement, so forward moves are made for real first (as staff: drivers move
-- stops only through record_stop_progress, tested in transport/drive.test.sql)
select tests.authenticate_as('staff');
select tests.try(format('update public.route_stops set status = %L where id = %L', 'arrived', tests.id('route_stops'))) as arrive \gset
update public.route_stops set status = 'arrived' where id = tests.id('route_stops');
select tests.try(format('update public.route_stops set status = %L where id = %L', 'pending', tests.id('route_stops'))) as back \gset
select tests.try(format('update public.routes set status = %L where id = %L', 'in_progress', tests.id('routes'))) as start \gset
update public.routes set status = 'in_progress' where id = tests.id('routes');
select tests.try(format('update public.routes set status = %L where id = %L', 'planned', tests.id('routes'))) as unstart \gset
select tests.clear_authentication();

select matches(:'arrive'::text, '^ok:1', 'a stop moves from pending to arrived');
select isnt((select arrived_at from public.route_stops where id = tests.id('route_stops')), null::timestamptz, 'arriving stamps arrived_at');
select matches(:'back'::text, '^error:23514:', 'an arrived stop cannot go back to pending');
select matches(:'start'::text, '^ok:1', 'a route starts');
select matches(:'unstart'::text, '^error:23514:', 'a started route cannot be planned again');
select throws_ok(format($$update public.transport_requests set status = 'done' where id = %L$$, tests.id('transport_requests')),
  '23514', null, 'a requested trip cannot jump to done');
select lives_ok(format($$update public.transport_requests set status = 'scheduled' where id = %L$$, tests.id('transport_requests')),
  'a requested trip is scheduled');

select * from finish();
rollback;
