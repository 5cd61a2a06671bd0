-- The realtime schema a Supabase project has: the messages table whose RLS policies authorise private
-- channels, realtime.topic() for those policies, and realtime.send / broadcast_changes for publishing
-- from SQL. Our own text. The Node realtime service LISTENs on 'realtime_messages' and fans rows out.

create schema if not exists realtime authorization supabase_realtime_admin;
grant usage on schema realtime to postgres, anon, authenticated, service_role;
comment on schema realtime is 'Realtime: channel authorisation (RLS on messages) and broadcasts from the database.';

-- Broadcasts and presence messages of a topic. Apps write RLS policies here: a SELECT policy lets a
-- user join a private channel, an INSERT policy lets them broadcast or track in it.
create table realtime.messages (
  id uuid not null default gen_random_uuid(),
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean not null default false,
  inserted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint messages_pkey primary key (id),
  constraint messages_extension_check check (extension in ('broadcast', 'presence'))
);
alter table realtime.messages enable row level security;
alter table realtime.messages owner to supabase_realtime_admin;
grant select, insert on realtime.messages to anon, authenticated;
grant all on realtime.messages to service_role, postgres;
create index messages_topic_inserted_at_idx on realtime.messages (topic, inserted_at);
create index messages_inserted_at_idx on realtime.messages (inserted_at);
comment on table realtime.messages is
  'Channel messages; RLS on this table authorises private channels (select = join, insert = send).';

-- The sub-topic of the channel being authorised (set by the realtime service and by realtime.send).
create or replace function realtime.topic()
returns text
language sql
stable
as $$
  select nullif(current_setting('realtime.topic', true), '');
$$;
comment on function realtime.topic() is 'The channel topic being authorised or written, for RLS policies on realtime.messages.';
grant execute on function realtime.topic() to anon, authenticated, service_role, postgres;

-- Publishes a broadcast from SQL. Security definer because triggers call it as whichever user changed
-- the row, and that user needs no INSERT policy on realtime.messages to cause a broadcast: who may
-- *receive* it is decided by the SELECT policies at join. A failure must never abort the caller's
-- transaction, so errors become a warning, as Supabase does.
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  message_id uuid := gen_random_uuid();
begin
  begin
    perform pg_catalog.set_config('realtime.topic', topic, true);
    insert into realtime.messages (id, topic, extension, payload, event, private)
    values (
      message_id,
      topic,
      'broadcast',
      coalesce(payload, '{}'::jsonb) || jsonb_build_object('id', message_id),
      event,
      coalesce(private, true)
    );
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;
comment on function realtime.send(jsonb, text, text, boolean) is
  'Broadcasts payload (plus an id) as event on topic; private messages reach only channels authorised at join.';
revoke execute on function realtime.send(jsonb, text, text, boolean) from public;
grant execute on function realtime.send(jsonb, text, text, boolean) to anon, authenticated, service_role, postgres;

-- For row triggers: broadcasts a change as {record, old_record, operation, table, schema}.
create or replace function realtime.broadcast_changes(
  topic_name text,
  event_name text,
  operation text,
  table_name text,
  table_schema text,
  new record,
  old record,
  level text default 'ROW'
)
returns void
language plpgsql
volatile
as $$
declare
  row_level boolean := upper(coalesce(level, 'ROW')) = 'ROW';
  op text := upper(operation);
begin
  -- NEW/OLD are only meaningful for row triggers; statement triggers send the envelope alone.
  perform realtime.send(
    jsonb_build_object(
      'record', case when row_level and op in ('INSERT', 'UPDATE') then to_jsonb(new) end,
      'old_record', case when row_level and op in ('UPDATE', 'DELETE') then to_jsonb(old) end,
      'operation', op,
      'table', table_name,
      'schema', table_schema
    ),
    event_name,
    topic_name,
    true
  );
end;
$$;
comment on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) is
  'Called from triggers: broadcasts a row change to a private topic.';
revoke execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) from public;
grant execute on function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  to anon, authenticated, service_role, postgres;

-- Wakes the realtime service after commit (NOTIFY is transactional, so rolled-back sends and the
-- service's own authorisation probes never reach anyone). A message that fits in a notification
-- travels whole, saving the service a query; larger ones send only the id (NOTIFY caps at 8000 bytes).
-- Only the service LISTENs: API roles reach the database through PostgREST, which cannot LISTEN.
create or replace function realtime.notify_message()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  message text;
begin
  if new.extension = 'broadcast' then
    message := pg_catalog.json_build_object(
      'id', new.id, 'topic', new.topic, 'event', new.event, 'private', new.private, 'payload', new.payload
    )::text;
    perform pg_catalog.pg_notify(
      'realtime_messages',
      case when pg_catalog.octet_length(message) < 7900 then message else new.id::text end
    );
  end if;
  return null;
end;
$$;
comment on function realtime.notify_message() is 'Trigger: tells the realtime service a broadcast row was committed.';
revoke execute on function realtime.notify_message() from public;

create trigger messages_notify
  after insert on realtime.messages
  for each row execute function realtime.notify_message();
comment on trigger messages_notify on realtime.messages is 'Fans new broadcast rows out through the realtime service.';

-- postgres_changes' per-subscriber RLS check, one round trip per change: for each subscriber's
-- claims, switch to their role and claims and ask whether the *current* row (found by its primary
-- key) is visible to them. `pk_predicate` is built by the realtime service from catalog names (e.g.
-- `"id" = ($1)[1]::bigint`) and reads `pk_values`; only the service (postgres) may call this.
create or replace function realtime.visible_to(entity regclass, pk_predicate text, pk_values text[], claims jsonb[])
returns boolean[]
language plpgsql
volatile
as $$
declare
  probe text := format('select exists(select 1 from %s where %s)', entity, pk_predicate);
  verdicts boolean[] := '{}';
  c jsonb;
  role_name text;
  visible boolean;
begin
  foreach c in array claims loop
    role_name := c ->> 'role';
    visible := false;
    if role_name is not null
      and exists (select 1 from pg_catalog.pg_roles where rolname = role_name)
      and pg_catalog.has_table_privilege(role_name, entity, 'select')
    then
      begin
        perform pg_catalog.set_config('role', role_name, true);
        perform pg_catalog.set_config('request.jwt.claims', c::text, true);
        perform pg_catalog.set_config('request.jwt.claim.sub', coalesce(c ->> 'sub', ''), true);
        perform pg_catalog.set_config('request.jwt.claim.role', role_name, true);
        execute probe into visible using pk_values;
        perform pg_catalog.set_config('role', 'none', true);
      exception when others then
        -- A failing policy hides the row from this subscriber only.
        perform pg_catalog.set_config('role', 'none', true);
        raise warning 'realtime RLS probe failed for role %: %', role_name, sqlerrm;
        visible := false;
      end;
    end if;
    verdicts := verdicts || coalesce(visible, false);
  end loop;
  perform pg_catalog.set_config('request.jwt.claims', '', true);
  return verdicts;
end;
$$;
comment on function realtime.visible_to(regclass, text, text[], jsonb[]) is
  'For postgres_changes: whether the row matching pk_predicate is visible to each subscriber (role + claims), as in Supabase.';
revoke execute on function realtime.visible_to(regclass, text, text[], jsonb[]) from public;
