-- The dashboard is refreshed every minute by one named pg_cron job, and setting it up again keeps one job.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(5);

select is(
  (select count(*)::int from cron.job where jobname = 'refresh-dashboard'), 1,
  'the migration schedules the refresh-dashboard job'
);
select is(
  (select schedule from cron.job where jobname = 'refresh-dashboard'), '* * * * *',
  'the job runs every minute'
);
select is(
  (select command from cron.job where jobname = 'refresh-dashboard'), 'select private.refresh_dashboard()',
  'the job body is one call to private.refresh_dashboard()'
);

select private.setup_dashboard_cron();
select private.setup_dashboard_cron();
select is(
  (select count(*)::int from cron.job where jobname = 'refresh-dashboard'), 1,
  'setting the job up again does not schedule it twice'
);

select lives_ok('select private.refresh_dashboard()', 'the job body refreshes the view without error');

select * from finish();
rollback;
