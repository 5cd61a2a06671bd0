-- Running the outbox's dispatcher (functions/notify): pg_cron calls it every minute through pg_net, and an
-- insert into notifications nudges it at once (debounced: at most one nudge per 2 seconds). Both POST to
-- <functions_url>/notify with the service role key, read from private.settings (production: insert the two
-- rows once, e.g. `insert into private.settings values ('functions_url', 'https://<ref>.supabase.co/functions/v1'),
-- ('service_role_key', '…')`), else from the database settings app.settings.functions_url /
-- app.settings.service_role_key, which the local stack sets at every start for its own ports.
-- pg_net is enabled from the dashboard on hosted projects; the local stack ships a stand-in `net` schema.

create table private.settings (
  name text constraint settings_pkey primary key,
  value text not null
);
revoke all on private.settings from public, anon, authenticated, service_role;
comment on table private.settings is 'Server-side settings only the database owner reads (the functions URL and key pg_cron calls with).';

create function private.setting(p_name text) returns text
language sql
stable
set search_path = ''
as $$
  select coalesce((select s.value from private.settings s where s.name = p_name),
                  nullif(current_setting('app.settings.' || p_name, true), ''))
$$;
comment on function private.setting(text) is 'A server setting: private.settings first, then the app.settings.<name> database setting.';
revoke execute on function private.setting(text) from public, anon, authenticated, service_role;

-- Queues one POST to the dispatcher; null (and a warning) when the URL or key is not configured.
create function private.dispatch_notifications() returns bigint
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_url text := private.setting('functions_url');
  v_key text := private.setting('service_role_key');
begin
  if v_url is null or v_key is null then
    raise warning 'notify dispatcher not configured: set functions_url and service_role_key in private.settings';
    return null;
  end if;
  return net.http_post(
    url := rtrim(v_url, '/') || '/notify',
    body := '{}'::jsonb,
    headers := jsonb_build_object('Content-Type', 'application/json', 'Authorization', 'Bearer ' || v_key),
    timeout_milliseconds := 55000);
end
$$;
comment on function private.dispatch_notifications() is 'Asks the notify function to deliver what is due (pg_net, after commit).';
revoke execute on function private.dispatch_notifications() from public, anon, authenticated, service_role;

-- The debounce: one row; a nudge takes it only when the last nudge is 2 seconds old, and never waits for a
-- concurrent inserter holding it (skip locked) — that one nudges.
create table private.notify_nudge (
  id boolean constraint notify_nudge_pkey primary key default true constraint notify_nudge_single check (id),
  nudged_at timestamptz not null default '-infinity'
);
revoke all on private.notify_nudge from public, anon, authenticated, service_role;
comment on table private.notify_nudge is 'When the notify dispatcher was last nudged by an insert (debounce).';
insert into private.notify_nudge default values;

create function private.nudge_notify() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update private.notify_nudge set nudged_at = now()
  where id = (select n.id from private.notify_nudge n where n.nudged_at < now() - interval '2 seconds'
              for update skip locked);
  if found then
    perform private.dispatch_notifications();
  end if;
  return null;
end
$$;
comment on function private.nudge_notify() is 'Trigger: new due notifications nudge the dispatcher (at most every 2 s).';
revoke execute on function private.nudge_notify() from public;
create trigger notifications_nudge_dispatcher after insert on public.notifications
  for each statement execute function private.nudge_notify();
comment on trigger notifications_nudge_dispatcher on public.notifications is 'Nudges the notify dispatcher right after an insert.';

-- Idempotent: pg_cron replaces a job scheduled again under the same name.
create function private.setup_notify_cron() returns bigint
language sql
volatile
set search_path = ''
as $$
  select cron.schedule('notify-dispatch', '* * * * *', 'select private.dispatch_notifications()')
$$;
comment on function private.setup_notify_cron() is 'Schedules (or reschedules) the outbox jobs; returns the dispatch job id.';
revoke execute on function private.setup_notify_cron() from public, anon, authenticated, service_role;

select private.setup_notify_cron();
