-- Realtime: who may join (read) and send on business:, client: and route: topics, probed the way the
-- realtime service does — with realtime.topic set, as the user.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql

select tests.build_world();

create temp table topics (name text, topic text, can_join text[], can_send text[]) on commit drop;
insert into topics values
  ('business', 'business:' || tests.key('businesses'), '{owner,manager,staff}', '{owner,manager,staff}'),
  ('client', 'client:' || tests.key('clients'), '{parent}', '{}'),
  ('route', 'route:' || tests.key('routes'), '{owner,manager,staff,driver}', '{owner,manager,staff,driver}'),
  ('eta', 'eta:' || tests.key('routes'), '{owner,manager,staff,driver,parent}', '{}'),
  ('other business', 'business:' || tests.key('business_b'), '{other_owner}', '{other_owner}'),
  ('malformed', 'business:not-a-uuid', '{}', '{}');
create temp table actors (actor text) on commit drop;
insert into actors values ('owner'), ('manager'), ('staff'), ('driver'), ('parent'), ('other_owner'), ('stranger'), ('anon');

-- one probe row per topic, written as the service writes it
insert into realtime.messages (id, topic, extension, payload, event, private)
select extensions.gen_random_uuid(), topic, 'broadcast', '{}', 'probe', true from topics;

create function pg_temp.topic_outcome(p_actor text, p_topic text, p_op text) returns text language plpgsql as $$
declare
  v text;
begin
  perform tests.act_as(p_actor);
  perform set_config('realtime.topic', p_topic, true);
  v := tests.try(case p_op
    when 'join' then format('select 1 from realtime.messages where topic = %L and event = %L', p_topic, 'probe')
    else format('insert into realtime.messages (topic, extension, payload, event, private) values (%L, %L, %L, %L, true)',
                p_topic, 'broadcast', '{}', 'ping') end);
  perform set_config('realtime.topic', '', true);
  perform tests.clear_authentication();
  return tests.outcome(v);
end $$;

select plan((select count(*)::int * 2 from topics, actors) + 5);

select is(
  pg_temp.topic_outcome(a.actor, t.topic, 'join'),
  case when a.actor = any (t.can_join) then 'allowed' else 'refused' end,
  format('%s topic: %s join is %s', t.name, a.actor, case when a.actor = any (t.can_join) then 'allowed' else 'refused' end)
)
from topics t cross join actors a order by t.name, a.actor;

select is(
  pg_temp.topic_outcome(a.actor, t.topic, 'send'),
  case when a.actor = any (t.can_send) then 'allowed' else 'refused' end,
  format('%s topic: %s send is %s', t.name, a.actor, case when a.actor = any (t.can_send) then 'allowed' else 'refused' end)
)
from topics t cross join actors a order by t.name, a.actor;

-- changes reach the topics through triggers
delete from realtime.messages;
select tests.book_today('confirmed');
select tests.authenticate_as('staff');
select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid());
select tests.clear_authentication();
select ok(
  exists (select 1 from realtime.messages where topic = 'business:' || tests.key('businesses') and payload ->> 'table' = 'tag_scans'),
  'a check-in is broadcast to the business topic'
);
select ok(
  exists (select 1 from realtime.messages where topic = 'client:' || tests.key('clients') and payload ->> 'table' = 'bookings'
          and payload -> 'record' ->> 'status' = 'checked_in'),
  'the parent''s topic hears their pet is checked in'
);
insert into public.driver_positions (route_id, business_id, geo) values (tests.id('routes'), tests.id('businesses'), 'SRID=4326;POINT(-0.11 51.51)');
select ok(
  exists (select 1 from realtime.messages where topic = 'route:' || tests.key('routes') and payload ->> 'table' = 'driver_positions'),
  'a driver position is broadcast to the route topic'
);
update public.routes set status = 'in_progress' where id = tests.id('routes') and status = 'planned';
select ok(
  exists (select 1 from realtime.messages where topic = 'route:' || tests.key('routes') and payload ->> 'table' = 'routes'
          and payload -> 'record' ->> 'status' = 'in_progress'),
  'a route''s start is broadcast to the route topic (dispatch shows it started without reload)'
);
delete from realtime.messages where payload ->> 'table' = 'routes';
update public.routes set driver_id = driver_id where id = tests.id('routes');
select ok(
  not exists (select 1 from realtime.messages where payload ->> 'table' = 'routes'),
  'a route update that leaves the status alone is not broadcast'
);

select * from finish();
rollback;
