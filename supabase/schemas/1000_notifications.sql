-- The notification outbox.

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
  -- the dispatcher's lease: set by claim_notifications, required by record_notification_outcome, so a worker
  -- whose lease ran out (and whose row another worker took) cannot overwrite the newer outcome
  claim_id uuid,
  -- the provider's id of the sent message (SMTP Message-ID, Twilio's SID)
  provider_message_id text,
  -- capability for the one-click unsubscribe link of this message (RFC 8058): unguessable, stored, not signed
  unsubscribe_token uuid not null default extensions.gen_random_uuid() constraint notifications_unsubscribe_token_key unique,
  -- channel 'webhook': the business's endpoint (public.webhook_endpoints, 1520_outbound_webhooks.sql, which adds
  -- the foreign key) and the HTTP status its last attempt answered (the delivery log)
  webhook_endpoint_id uuid,
  last_status_code integer,
  constraint notifications_recipient_client_fkey foreign key (recipient_client_id, business_id) references public.clients (id, business_id) on delete cascade,
  constraint notifications_has_recipient check (num_nonnulls(recipient_user_id, recipient_client_id, webhook_endpoint_id) >= 1),
  constraint notifications_sent_has_time check ((status = 'sent') = (sent_at is not null))
);
alter table public.notifications enable row level security;
-- every column but the dispatcher's lease and the unsubscribe capability (only the recipient's mail carries it)
grant select (id, business_id, recipient_user_id, recipient_client_id, channel, template, payload, dedupe_key, status,
  attempts, next_attempt_at, sent_at, last_error, provider_message_id, read_at, created_at, webhook_endpoint_id,
  last_status_code) on public.notifications to authenticated;
grant update (read_at) on public.notifications to authenticated;
grant all on public.notifications to service_role;
create index notifications_due_idx on public.notifications (next_attempt_at) where status in ('pending', 'failed', 'sending');
create index notifications_business_status_idx on public.notifications (business_id, status, created_at desc);
create index notifications_recipient_user_id_idx on public.notifications (recipient_user_id);
create index notifications_recipient_client_id_idx on public.notifications (recipient_client_id);
create index notifications_business_id_idx on public.notifications (business_id, created_at desc);
create index notifications_webhook_endpoint_id_idx on public.notifications (webhook_endpoint_id, business_id);
comment on table public.notifications is 'The outbox: messages to users or clients, delivered by the dispatcher with retries.';

create policy "recipients and managers read notifications" on public.notifications
  for select to authenticated
  using (recipient_user_id = (select auth.uid()) or recipient_client_id = any (array(select private.my_client_ids()))
    or business_id = any (array(select private.manager_business_ids())));
create policy "recipients mark notifications read" on public.notifications
  for update to authenticated
  using (recipient_user_id = (select auth.uid()) or recipient_client_id = any (array(select private.my_client_ids())))
  with check (recipient_user_id = (select auth.uid()) or recipient_client_id = any (array(select private.my_client_ids())));
