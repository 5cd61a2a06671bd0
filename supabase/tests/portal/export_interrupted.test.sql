-- "Download my data" after a server restart: the job's server reports (a heartbeat) at least every 20 s; a
-- queued or running job silent for 2 minutes was interrupted. The parent's page sees it failed at once, with a
-- sentence, and can start again; a living job still blocks a second one; a given-up job takes no more reports.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(10);

select tests.build_world();

select tests.authenticate_as('parent');
select public.start_data_export() as first_id \gset
select public.update_data_export(:'first_id', 'running', 40, 'Pets');
select tests.clear_authentication();

-- Alive (reported just now): running, and a second start is refused.
select is(tests.try_as('parent', format('select 1 from public.data_export(%L) where status = %L', :'first_id', 'running')), 'ok:1',
  'a job that reported just now is running');
select matches(tests.try_as('parent', 'select public.start_data_export()'), '^error:23505:', 'and blocks a second one');

-- Silent for 90 s: still alive (a report is due every 20 s; the limit is 2 minutes).
update private.data_exports set heartbeat_at = now() - interval '90 seconds' where id = :'first_id';
select is(tests.try_as('parent', format('select 1 from public.data_export(%L) where status = %L', :'first_id', 'running')), 'ok:1',
  'silent for 90 s it is still running');

-- Silent for 3 minutes (the server restarted mid-export): failed, in words, at once.
update private.data_exports set heartbeat_at = now() - interval '3 minutes', created_at = now() - interval '4 minutes' where id = :'first_id';
select tests.authenticate_as('parent');
select status as stale_status, error as stale_error from public.data_export(:'first_id') \gset
select tests.clear_authentication();
select is(:'stale_status'::text, 'failed', 'silent for 3 minutes the page sees it failed (not "working…" for 15 minutes)');
select matches(:'stale_error'::text, 'server restarted', 'with a sentence saying why');

-- The late server (if it was only slow) cannot revive it.
select matches(tests.try_as('parent', format('select public.update_data_export(%L, %L, 60, %L)', :'first_id', 'running', 'Files')),
  '^error:PT404:', 'a report on a given-up job is refused');

-- Starting again works, and the interrupted job is recorded as failed.
select tests.authenticate_as('parent');
select public.start_data_export() as second_id \gset
select tests.clear_authentication();
select isnt(:'second_id'::uuid, :'first_id'::uuid, 'the parent starts a new export');
select is((select status from private.data_exports where id = :'first_id'), 'failed', 'the interrupted job is stored as failed');
select ok((select finished_at is not null and error ~ 'server restarted' from private.data_exports where id = :'first_id'),
  'with its end and the reason');
select is((select status from private.data_exports where id = :'second_id'), 'queued', 'the new one is queued');

select * from finish();
rollback;
