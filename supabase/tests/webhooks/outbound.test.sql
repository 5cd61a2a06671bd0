-- Outbound webhooks: only owners and managers subscribe, rotate and test; the secret is shown once and read
-- afterwards only by the service role; another tenant, a parent, a driver, staff and anon are refused; booking
-- and incident events land in the outbox once per subscribed active endpoint, set-based.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
set local search_path = public, extensions;
select plan(29);

select tests.build_world();

create or replace function pg_temp.try_as(p_actor text, p_sql text) returns text
language plpgsql as $$
declare
  v text;
begin
  perform tests.act_as(p_actor);
  v := tests.try(p_sql);
  perform tests.clear_authentication();
  return v;
end $$;

-- who may subscribe
select is(pg_temp.try_as(actor, format(
    $q$select public.create_webhook_endpoint(%L, 'https://hooks.example.com/x', array['booking.checked_in'])$q$,
    tests.id('businesses'))) ~ '^error:42501:', true, actor || ' may not subscribe a webhook')
from unnest(array['staff', 'driver', 'parent', 'other_owner', 'stranger']) actor;
select matches(pg_temp.try_as('anon', format(
    $q$select public.create_webhook_endpoint(%L, 'https://hooks.example.com/x', array['booking.checked_in'])$q$,
    tests.id('businesses'))), '^error:42501:', 'anon may not subscribe a webhook');

-- the manager subscribes and gets the secret once
select tests.authenticate_as('manager');
select public.create_webhook_endpoint(tests.id('businesses'), ' https://hooks.example.com/pawcentral ',
  array['booking.checked_in', 'booking.cancelled', 'incident.reported', 'booking.checked_in'], 'Our CRM') as made \gset
select tests.clear_authentication();
select matches(:'made'::jsonb ->> 'secret', '^whsec_[A-Za-z0-9+/]{43}=$', 'the manager receives a whsec_ secret of 32 random bytes');
select is(:'made'::jsonb -> 'events', '["booking.cancelled", "booking.checked_in", "incident.reported"]'::jsonb,
  'events are stored once each, sorted');
select is(:'made'::jsonb ->> 'url', 'https://hooks.example.com/pawcentral', 'the URL is trimmed');
select matches(pg_temp.try_as('manager', 'select secret from public.webhook_endpoints'), '^error:42501:',
  'afterwards not even the manager can read the secret');
select matches(pg_temp.try_as('owner', 'select to_jsonb(w) from public.webhook_endpoints w'), '^error:42501:',
  'a whole-row reference does not leak it to the owner');
select is(pg_temp.try_as('other_owner', 'select id from public.webhook_endpoints'), 'ok:0', 'another tenant sees no endpoint');
select is(pg_temp.try_as('parent', 'select id from public.webhook_endpoints'), 'ok:0', 'a parent sees no endpoint');
select is(pg_temp.try_as('driver', 'select id from public.webhook_endpoints'), 'ok:0', 'a driver sees no endpoint');
select is(pg_temp.try_as('staff', 'select id from public.webhook_endpoints'), 'ok:0', 'desk staff see no endpoint');

-- bad input: a refusal with its hint
select matches(pg_temp.try_as('manager', format(
    $q$select public.create_webhook_endpoint(%L, 'ftp://hooks.example.com/x', array['booking.checked_in'])$q$,
    tests.id('businesses'))), '^error:22023:', 'a non-http URL is refused');
select matches(pg_temp.try_as('manager', format(
    $q$select public.create_webhook_endpoint(%L, 'https://hooks.example.com/x', array['booking.eaten'])$q$,
    tests.id('businesses'))), '^error:22023:', 'an unknown event is refused');
select matches(pg_temp.try_as('manager', format(
    $q$select public.create_webhook_endpoint(%L, 'https://hooks.example.com/x', '{}')$q$,
    tests.id('businesses'))), '^error:22023:', 'no event at all is refused');

-- rotate and test: managers of the business only
select matches(pg_temp.try_as('other_owner', format('select public.rotate_webhook_secret(%L)', :'made'::jsonb ->> 'id')),
  '^error:PT404:', 'another tenant cannot rotate the secret');
select matches(pg_temp.try_as('staff', format('select public.send_test_webhook(%L)', :'made'::jsonb ->> 'id')),
  '^error:PT404:', 'desk staff cannot send a test event');
select tests.authenticate_as('owner');
select isnt(public.rotate_webhook_secret((:'made'::jsonb ->> 'id')::uuid) ->> 'secret', :'made'::jsonb ->> 'secret',
  'the owner rotates: a new secret, returned once');
select public.send_test_webhook((:'made'::jsonb ->> 'id')::uuid) as test_id \gset
select tests.clear_authentication();
select is((select template || ' ' || channel from public.notifications where id = :'test_id'), 'webhook.test webhook',
  'the test event is an outbox row on the webhook channel');

-- events: one outbox row per subscribed active endpoint, carrying the event
update public.bookings set status = 'confirmed' where id = tests.id('bookings');
select is((select count(*)::int from public.notifications where webhook_endpoint_id = (:'made'::jsonb ->> 'id')::uuid
           and template = 'booking.confirmed'), 0, 'an event the endpoint did not subscribe to enqueues nothing');
update public.bookings set status = 'checked_in' where id = tests.id('bookings');
select is((select count(*)::int from public.notifications where webhook_endpoint_id = (:'made'::jsonb ->> 'id')::uuid
           and template = 'booking.checked_in'), 1, 'a check-in enqueues one webhook row');
select is((select payload -> 'data' ->> 'pet_name' from public.notifications
           where webhook_endpoint_id = (:'made'::jsonb ->> 'id')::uuid and template = 'booking.checked_in'),
  'Bo', 'the event carries the booking''s pet');
insert into public.incidents (business_id, pet_id, kind, description) values (tests.id('businesses'), tests.id('pets'), 'bite', 'A nip');
select is((select count(*)::int from public.notifications where webhook_endpoint_id = (:'made'::jsonb ->> 'id')::uuid
           and template = 'incident.reported'), 1, 'a reported incident enqueues one webhook row');

-- a switched-off endpoint: its queued event is skipped by the dispatcher's claim, new events are not queued
update public.webhook_endpoints set is_active = false where id = (:'made'::jsonb ->> 'id')::uuid;
update public.bookings set status = 'checked_out' where id = tests.id('bookings');
select is((select count(*)::int from public.notifications where webhook_endpoint_id = (:'made'::jsonb ->> 'id')::uuid
           and template = 'booking.checked_out'), 0, 'a switched-off endpoint gets no new events');
set local role service_role;
select public.claim_notifications(50, 60, 5, tests.id('businesses')) as claimed \gset
reset role;
select is((select status::text from public.notifications where webhook_endpoint_id = (:'made'::jsonb ->> 'id')::uuid
           and template = 'booking.checked_in'), 'skipped', 'an event queued before it was switched off is skipped');
select ok(exists (select 1 from jsonb_array_elements(:'claimed'::jsonb) e
                  where e ->> 'id' = :'test_id' and e -> 'webhook' ->> 'secret' like 'whsec_%'),
  'the test event is still claimed, with the secret for the dispatcher (service role)');

select * from finish();
rollback;
