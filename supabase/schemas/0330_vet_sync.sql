-- The daily vet sync: pg_cron asks the vet-sync edge function (through pg_net) to pull every vet's FHIR
-- Immunizations. Where the function answers and the key it is called with are deployment settings, set once by
-- the operator (never in the schema): `alter database postgres set app.functions_url = 'https://…/functions/v1'`
-- and `alter database postgres set app.service_role_key = '…'`. Without them the job does nothing.

-- Definer: pg_net's queue belongs to the superuser; the cron job runs as the superuser anyway.
create function private.request_vet_sync() returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_url text := nullif(current_setting('app.functions_url', true), '');
  v_key text := nullif(current_setting('app.service_role_key', true), '');
begin
  if v_url is null or v_key is null then
    raise notice 'vet sync skipped: app.functions_url or app.service_role_key is not set';
    return null;
  end if;
  return net.http_post(
    url := rtrim(v_url, '/') || '/vet-sync',
    body := '{}'::jsonb,
    headers := jsonb_build_object('content-type', 'application/json', 'authorization', 'Bearer ' || v_key),
    timeout_milliseconds := 300000
  );
end
$$;
comment on function private.request_vet_sync() is 'Queues a POST to the vet-sync function (all vets); run daily by the vet-sync cron job.';
revoke execute on function private.request_vet_sync() from public, anon, authenticated, service_role;

-- Idempotent: pg_cron (1.3+) replaces a job scheduled again under the same name.
create function private.setup_vet_sync_cron() returns bigint
language sql
volatile
set search_path = ''
as $$
  select cron.schedule('vet-sync', '30 2 * * *', 'select private.request_vet_sync()')
$$;
comment on function private.setup_vet_sync_cron() is 'Schedules (or reschedules) the daily vet-sync job; returns its job id.';
revoke execute on function private.setup_vet_sync_cron() from public, anon, authenticated, service_role;

select private.setup_vet_sync_cron();
