-- The outbox's claim / outcome / retry / unsubscribe rpcs and their schedule: leases, stale workers, backoff
-- rows, dead after crashes, opt-outs skipped, in-app broadcast, who may call what.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
set local search_path = public, extensions;
select plan(37);

select tests.build_world();
update public.clients set email = 'world-parent@tests.test' where id = tests.id('clients');

create temp table n (name text primary key, id uuid) on commit drop;
grant all on n to service_role, authenticated, anon;
with ins as (
  insert into public.notifications (business_id, recipient_client_id, recipient_user_id, channel, template, payload, dedupe_key)
  select tests.id('businesses'), tests.id('clients'), x.user_id, x.channel::public.notification_channel, x.template,
         jsonb_build_object('pet_id', tests.id('pets'), 'starts_at', now()), 'outbox-test-' || x.name
  from (values ('mail', 'waitlist_promoted', 'email', null::uuid),
               ('optout', 'booking_reminder', 'email', null),
               ('inapp', 'report_card_posted', 'in_app', tests.id('parent'))) as x (name, template, channel, user_id)
  returning id, dedupe_key)
insert into n select substr(dedupe_key, 13), id from ins;
-- the world's own rows (its in-app note, its incident's message) are not part of this test
update public.notifications set next_attempt_at = now() + interval '1 day'
where business_id = tests.id('businesses') and id not in (select id from n);

create function pg_temp.claim(p_lease integer default 60, p_max integer default 3) returns jsonb
language sql as $$ select public.claim_notifications(50, p_lease, p_max, tests.id('businesses')) $$;
create function pg_temp.st(p_name text) returns text
language sql as $$ select status::text from public.notifications where id = (select id from n where name = p_name) $$;

-- who may claim
select tests.clear_authentication();
select tests.act_as('anon');
select is(tests.outcome(tests.try('select public.claim_notifications()')), 'refused', 'anon cannot claim');
select tests.clear_authentication();
select tests.act_as('owner');
select is(tests.outcome(tests.try('select public.claim_notifications()')), 'refused', 'an owner cannot claim');
select is(tests.outcome(tests.try(format('select public.record_notification_outcome(%L, %L)', tests.id('notifications'), extensions.gen_random_uuid()))),
  'refused', 'an owner cannot record outcomes');
select tests.clear_authentication();

-- claim as the service role
set local role service_role;
create temp table c1 on commit drop as select jsonb_array_elements(pg_temp.claim()) as r;
reset role;
select is((select count(*)::int from c1), 2, 'the claim returns the due rows and not the opted-out one');
select is(pg_temp.st('optout'), 'skipped', 'a message the recipient opted out of is skipped, not sent');
select matches((select last_error from public.notifications where id = (select id from n where name = 'optout')), 'opted out', 'and says why');
select is(pg_temp.st('mail'), 'sending', 'a claimed row is leased (sending)');
select is((select r -> 'recipient' ->> 'email' from c1 where r ->> 'template' = 'waitlist_promoted'), 'world-parent@tests.test',
  'the claim carries the recipient''s address');
select is((select r -> 'business' ->> 'name' from c1 where r ->> 'template' = 'waitlist_promoted'), 'World A', 'and the business name');
select ok((select r -> 'payload' ? 'pet_name' from c1 where r ->> 'template' = 'waitlist_promoted'), 'and the pet''s name looked up from pet_id');
select is((select (r ->> 'attempts')::int from c1 where r ->> 'template' = 'waitlist_promoted'), 1, 'the claim counts the attempt');
select is(jsonb_array_length(pg_temp.claim()), 0, 'a leased row is not claimed again while the lease holds');

-- outcomes
select is(public.record_notification_outcome((select id from n where name = 'mail'), extensions.gen_random_uuid(), null),
  'stale', 'a worker without the current lease records nothing');
select is(pg_temp.st('mail'), 'sending', 'and the row stays leased');
select is(public.record_notification_outcome((select id from n where name = 'mail'),
  (select (r ->> 'claim_id')::uuid from c1 where r ->> 'template' = 'waitlist_promoted'), 'smtp: 451 try later', 30),
  'failed', 'a failure with a retry delay is failed');
select ok((select next_attempt_at between now() + interval '29 seconds' and now() + interval '31 seconds'
           from public.notifications where id = (select id from n where name = 'mail')), 'due again after the delay');
select is(jsonb_array_length(pg_temp.claim()), 0, 'not claimed before its retry time');

select is(public.record_notification_outcome((select id from n where name = 'inapp'),
  (select (r ->> 'claim_id')::uuid from c1 where r ->> 'template' = 'report_card_posted'), null),
  'sent', 'in-app: recording it sent');
select ok(exists (select 1 from realtime.messages where topic = 'user:' || tests.id('parent') and event = 'notification'
                  and payload ->> 'notification_id' = (select id::text from n where name = 'inapp')),
  'broadcasts it on the recipient''s user: topic');
select ok(exists (select 1 from realtime.messages where topic = 'client:' || tests.id('clients') and event = 'notification'),
  'and on the client: topic');

-- a crashed worker's lease runs out; the row is claimed again with a new lease; the old one is stale
update public.notifications set next_attempt_at = now() - interval '1 second' where id = (select id from n where name = 'mail');
create temp table c2 on commit drop as select jsonb_array_elements(pg_temp.claim()) as r;
select is((select (r ->> 'attempts')::int from c2), 2, 'a due failed row is claimed again (attempt 2)');
update public.notifications set next_attempt_at = now() - interval '1 second' where id = (select id from n where name = 'mail');
create temp table c3 on commit drop as select jsonb_array_elements(pg_temp.claim()) as r;
select is((select (r ->> 'attempts')::int from c3), 3, 'a row whose lease ran out (worker crashed) is claimed again');
select is(public.record_notification_outcome((select id from n where name = 'mail'), (select (r ->> 'claim_id')::uuid from c2), null),
  'stale', 'the crashed worker''s late outcome is refused');
update public.notifications set next_attempt_at = now() - interval '1 second' where id = (select id from n where name = 'mail');
select is(jsonb_array_length(pg_temp.claim()), 0, 'a row whose leases ran out max-attempts times is not handed out again');
select is(pg_temp.st('mail'), 'dead', 'it is dead');

-- retry: managers of the business only
select tests.clear_authentication();
select tests.act_as('other_owner');
select is(tests.try(format('select public.retry_notification(%L)', (select id from n where name = 'mail'))),
  'error:PT404:notification not found', 'another business''s owner cannot retry');
select tests.clear_authentication();
select tests.act_as('staff');
select is(tests.outcome(tests.try(format('select public.retry_notification(%L)', (select id from n where name = 'mail')))),
  'error:PT404:notification not found', 'staff (not managers) cannot retry');
select tests.clear_authentication();
select tests.act_as('parent');
select is(tests.outcome(tests.try(format('select public.retry_notification(%L)', (select id from n where name = 'mail')))),
  'error:PT404:notification not found', 'the recipient cannot retry');
select tests.clear_authentication();
select tests.act_as('driver');
select is(tests.outcome(tests.try(format('select public.retry_notification(%L)', (select id from n where name = 'mail')))),
  'error:PT404:notification not found', 'a driver cannot retry');
select tests.clear_authentication();
select tests.act_as('anon');
select is(tests.outcome(tests.try(format('select public.retry_notification(%L)', (select id from n where name = 'mail')))),
  'refused', 'anon cannot retry');
select tests.clear_authentication();
select tests.act_as('manager');
select is((public.retry_notification((select id from n where name = 'mail'))).status::text, 'pending', 'the manager retries a dead message');
select ok(exists (select 1 from public.audit_log where table_name = 'notifications' and action = 'UPDATE'
                  and row_id = (select id::text from n where name = 'mail') and actor = tests.id('manager')),
  'the manager''s retry is audited, with the manager as actor');
select throws_ok(format('select public.retry_notification(%L)', (select id from n where name = 'mail')), '22023',
  'only a failed or dead message can be retried', 'a pending message cannot be retried');
select tests.clear_authentication();

-- unsubscribe by token, signed out
select unsubscribe_token as tok from public.notifications where id = (select id from n where name = 'mail') \gset
select tests.clear_authentication();
select tests.act_as('anon');
select is((public.unsubscribe(:'tok')) ->> 'unsubscribed',
  'true', 'anyone with the message''s token unsubscribes it');
select tests.clear_authentication();
select ok(exists (select 1 from public.notification_preferences where user_id = tests.id('parent') and kind = 'waitlist_promoted'
                  and channel = 'email' and not enabled), 'as an opt-out of the recipient''s account for that kind and channel');

-- the schedule
select is((select count(*)::int from cron.job where jobname = 'notify-dispatch' and schedule = '* * * * *'), 1,
  'the notify-dispatch job runs every minute');
select private.setup_notify_cron();
select is((select count(*)::int from cron.job where jobname = 'notify-dispatch'), 1, 'setting it up again keeps one job');

select * from finish();
rollback;
