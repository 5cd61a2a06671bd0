-- The vet sync runs daily by one named pg_cron job; setting it up again keeps one job; without the deployment's
-- settings its body queues nothing. Staff read a partner's sync status; only owners and managers (and the
-- function, as the service role) write partners.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(7);

select is((select count(*)::int from cron.job where jobname = 'vet-sync'), 1, 'the migration schedules the vet-sync job');
select is((select schedule from cron.job where jobname = 'vet-sync'), '30 2 * * *', 'the job runs daily at 02:30');
select is((select command from cron.job where jobname = 'vet-sync'), 'select private.request_vet_sync()',
  'the job body is one call to private.request_vet_sync()');
select private.setup_vet_sync_cron();
select private.setup_vet_sync_cron();
select is((select count(*)::int from cron.job where jobname = 'vet-sync'), 1, 'setting the job up again does not schedule it twice');

set local app.functions_url = '';
select is(private.request_vet_sync(), null::bigint, 'without the deployment''s settings the job queues nothing');
set local app.functions_url = 'http://127.0.0.1:9/functions/v1';
set local app.service_role_key = 'test-key';
select isnt(private.request_vet_sync(), null::bigint, 'with them it queues one POST to the function');
select is((select count(*)::int from net.http_request_queue where url = 'http://127.0.0.1:9/functions/v1/vet-sync'
  and method = 'POST'), 1, 'to the vet-sync function');

select * from finish();
rollback;
