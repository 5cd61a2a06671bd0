-- Reminders: one set-based enqueue for every business, idempotent by dedupe key, quiet hours on the
-- business's clock; incidents go out at once; the jobs are scheduled once.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
set local search_path = public, extensions;
select plan(13);

select tests.build_world();
update public.clients set email = 'world-parent@tests.test' where id = tests.id('clients');

-- noon and 23:00 today on World A's clock (Europe/London)
select ((now() at time zone 'Europe/London')::date + time '12:00') at time zone 'Europe/London' as noon,
       ((now() at time zone 'Europe/London')::date + time '23:00') at time zone 'Europe/London' as night,
       (now() at time zone 'Europe/London')::date as today \gset

update public.vaccinations set expires_on = :'today'::date + 7, administered_on = :'today'::date - 358
where id = tests.id('vaccinations');
update public.bookings set starts_at = (:'today'::date + 1 + time '09:00') at time zone 'Europe/London',
  ends_at = (:'today'::date + 1 + time '17:00') at time zone 'Europe/London', status = 'confirmed'
where id = tests.id('bookings');

create function pg_temp.mine(p_template text) returns bigint
language sql as $$
  select count(*) from public.notifications where business_id = tests.id('businesses') and template = p_template
$$;

select is(private.enqueue_reminders(:'night'::timestamptz) >= 0, true, 'the job runs at night');
select is(pg_temp.mine('vaccine_expiring') + pg_temp.mine('booking_reminder'), 0::bigint, 'and sends nothing during quiet hours');

select cmp_ok(private.enqueue_reminders(:'noon'::timestamptz), '>=', 2, 'at noon it enqueues');
select is(pg_temp.mine('vaccine_expiring'), 1::bigint, 'one vaccine reminder (7 days before)');
select is((select dedupe_key from public.notifications where business_id = tests.id('businesses') and template = 'vaccine_expiring'),
  'vaccine_expiring:' || tests.id('vaccinations') || ':' || :'today', 'keyed by subject, kind and due date');
select is((select payload ->> 'vaccine_name' from public.notifications where business_id = tests.id('businesses') and template = 'vaccine_expiring') is not null,
  true, 'carrying the vaccine''s name');
select is(pg_temp.mine('booking_reminder'), 1::bigint, 'one booking reminder for tomorrow''s booking');
select is((select channel::text from public.notifications where business_id = tests.id('businesses') and template = 'booking_reminder'),
  'email', 'by e-mail to a client with an address');
select is((select count(*)::int from public.audit_log a join public.notifications n on a.row_id = n.id::text
           where a.table_name = 'notifications' and n.template in ('vaccine_expiring', 'booking_reminder')), 0,
  'the job''s reminders write no audit entries (no person is behind them)');
select is(private.enqueue_reminders(:'noon'::timestamptz), 0, 'a second run inserts nothing');
select is(private.enqueue_reminders(:'noon'::timestamptz + interval '1 hour'), 0, 'nor does the next hour''s');

insert into public.incidents (business_id, pet_id, kind, description) values (tests.id('businesses'), tests.id('pets'), 'bite', 'Nipped by another dog');
select is(pg_temp.mine('incident_reported'), 2::bigint, 'a reported incident is sent to the parent at once (the world''s and this one)');

select is((select count(*)::int from cron.job where jobname = 'notify-reminders' and schedule = '5 * * * *'), 1,
  'the reminders job runs hourly');

select * from finish();
rollback;
