-- The notification outbox and the audit log.

create table public.notifications (
  id uuid constraint notifications_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint notifications_business_id_fkey references public.businesses (id) on delete cascade,
  recipient_user_id uuid constraint notifications_recipient_user_id_fkey references auth.users (id) on delete cascade,
  recipient_client_id uuid,
  channel public.notification_channel not null,
  template text not null constraint notifications_template_not_blank check (length(btrim(template)) > 0),
  payload jsonb not null default '{}'::jsonb,
  -- once per (subject, kind, due date) however often a job enqueues it
  dedupe_key text not null constraint notifications_dedupe_key_key unique,
  status public.notification_status not null default 'pending',
  attempts integer not null default 0 constraint notifications_attempts_non_negative check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  last_error text,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  constraint notifications_recipient_client_fkey foreign key (recipient_client_id, business_id) references public.clients (id, business_id) on delete cascade,
  constraint notifications_has_recipient check (num_nonnulls(recipient_user_id, recipient_client_id) >= 1),
  constraint notifications_sent_has_time check ((status = 'sent') = (sent_at is not null))
);
alter table public.notifications enable row level security;
grant select on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant all on public.notifications to service_role;
create index notifications_due_idx on public.notifications (next_attempt_at) where status in ('pending', 'failed');
create index notifications_recipient_user_id_idx on public.notifications (recipient_user_id);
create index notifications_recipient_client_id_idx on public.notifications (recipient_client_id);
create index notifications_business_id_idx on public.notifications (business_id, created_at desc);
comment on table public.notifications is 'The outbox: messages to users or clients, delivered by the dispatcher with retries.';

create policy "recipients and managers read notifications" on public.notifications
  for select to authenticated
  using (recipient_user_id = (select auth.uid()) or recipient_client_id in (select private.my_client_ids())
    or business_id in (select private.manager_business_ids()));
create policy "recipients mark notifications read" on public.notifications
  for update to authenticated
  using (recipient_user_id = (select auth.uid()) or recipient_client_id in (select private.my_client_ids()))
  with check (recipient_user_id = (select auth.uid()) or recipient_client_id in (select private.my_client_ids()));

create table public.audit_log (
  id bigint generated always as identity constraint audit_log_pkey primary key,
  business_id uuid constraint audit_log_business_id_fkey references public.businesses (id) on delete cascade,
  actor uuid,
  table_name text not null,
  row_id text,
  action text not null constraint audit_log_action_known check (action in ('INSERT', 'UPDATE', 'DELETE', 'OVERRIDE')),
  old jsonb,
  new jsonb,
  reason text,
  at timestamptz not null default now()
);
alter table public.audit_log enable row level security;
grant select on public.audit_log to authenticated;
grant select on public.audit_log to service_role;
create index audit_log_business_at_idx on public.audit_log (business_id, at desc);
create index audit_log_row_idx on public.audit_log (table_name, row_id);
create index audit_log_actor_idx on public.audit_log (actor);
comment on table public.audit_log is 'Who changed what and when, written by triggers (and vaccine-gate overrides); append-only.';

create policy "managers read their business's audit log" on public.audit_log
  for select to authenticated using (business_id in (select private.manager_business_ids()));

-- Security definer: every writer must be audited, yet no API role may write the log itself.
create function private.audit_row() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  v_new jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  v_business uuid;
begin
  v_business := coalesce(v_new, v_old) ->> case when tg_table_name = 'businesses' then 'id' else 'business_id' end;
  -- a cascade from a deleted business has nothing left to attach the entry to
  if tg_op = 'DELETE' and not exists (select 1 from public.businesses b where b.id = v_business) then
    v_business := null;
  end if;
  if tg_op = 'UPDATE' and v_old = v_new then
    return null;
  end if;
  insert into public.audit_log (business_id, actor, table_name, row_id, action, old, new)
  values (v_business, (select auth.uid()), tg_table_name, coalesce(v_new, v_old) ->> 'id', tg_op, v_old, v_new);
  return null;
end
$$;
comment on function private.audit_row() is 'Trigger: writes one audit_log entry per changed row.';

-- Audits every domain table except the log itself.
do $$
declare
  t text;
begin
  foreach t in array array['businesses', 'locations', 'memberships', 'invitations', 'clients', 'pets', 'pet_tags',
    'tag_scans', 'services', 'bookings', 'vaccine_types', 'vaccinations', 'medical_records', 'medication_logs',
    'incidents', 'transport_requests', 'routes', 'route_stops', 'driver_positions', 'partners', 'partner_events',
    'notifications'] loop
    execute format('create trigger %I after insert or update or delete on public.%I for each row execute function private.audit_row()', t || '_audit', t);
    execute format('comment on trigger %I on public.%I is %L', t || '_audit', t, 'Writes each change to audit_log.');
  end loop;
end
$$;
