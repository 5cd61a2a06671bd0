-- Web Push subscriptions: a person's own rows only; nobody else (their business's managers included) sees,
-- adds for them or removes them; the keys are never readable back; an in-app message to a person with a
-- subscription also queues a push, once.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
set local search_path = public, extensions;
select plan(10);

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

select is(pg_temp.try_as('parent', 'select id from public.push_subscriptions'), 'ok:1', 'the parent sees their own browser');
select is(pg_temp.try_as(actor, 'select id from public.push_subscriptions'), 'ok:0', actor || ' sees no one else''s browser')
from unnest(array['owner', 'manager', 'driver', 'other_owner']) actor;
select matches(pg_temp.try_as('anon', 'select id from public.push_subscriptions'), '^error:42501:', 'anon reads nothing');
select matches(pg_temp.try_as('parent', 'select p256dh, auth from public.push_subscriptions'), '^error:42501:',
  'the keys are not readable back, even by their owner');
select matches(pg_temp.try_as('manager', format(
    $q$insert into public.push_subscriptions (user_id, endpoint, p256dh, auth) values (%L, 'https://push.example.com/x', %L, %L)$q$,
    tests.id('parent'), repeat('A', 87), repeat('B', 22))), '^error:42501:', 'nobody subscribes someone else''s browser');

-- the push twin: an in-app message to the parent (who has a subscription) also queues a push, once
insert into public.notifications (business_id, recipient_client_id, channel, template, payload, dedupe_key)
values (tests.id('businesses'), tests.id('clients'), 'in_app', 'report_card_posted', '{"pet_name": "Bo"}', 'twin-test-1');
select is((select recipient_user_id || ' ' || channel from public.notifications where dedupe_key = 'push:twin-test-1'),
  tests.id('parent') || ' push', 'an in-app message to the parent is also queued as a push to their login');
insert into public.notifications (business_id, recipient_client_id, channel, template, payload, dedupe_key)
values (tests.id('businesses'), tests.id('clients'), 'email', 'report_card_posted', '{}', 'twin-test-2');
select is((select count(*)::int from public.notifications where dedupe_key = 'push:twin-test-2'), 0,
  'an e-mail has no push twin');

select * from finish();
rollback;
