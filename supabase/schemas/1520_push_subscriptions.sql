-- Web Push (VAPID, RFC 8030/8291/8292): the browsers a signed-in person allowed to show notifications. A row is
-- the PushSubscription the browser gave (endpoint on the browser vendor's push service, the p256dh public key
-- and auth secret the payload is encrypted to). A person's own rows only, across businesses (like
-- notification_preferences); the dispatcher (service role) reads them and deletes the ones the push service
-- answers 404/410 for (the browser dropped the subscription).

create table public.push_subscriptions (
  id uuid constraint push_subscriptions_pkey primary key default extensions.gen_random_uuid(),
  user_id uuid not null default auth.uid()
    constraint push_subscriptions_user_id_fkey references auth.users (id) on delete cascade,
  endpoint text not null constraint push_subscriptions_endpoint_key unique
    constraint push_subscriptions_endpoint_https check (endpoint ~ '^https?://' and length(endpoint) <= 2000),
  p256dh text not null constraint push_subscriptions_p256dh_format check (p256dh ~ '^[A-Za-z0-9_-]{80,100}$'),
  auth text not null constraint push_subscriptions_auth_format check (auth ~ '^[A-Za-z0-9_-]{16,30}$'),
  user_agent text constraint push_subscriptions_user_agent_length check (length(user_agent) <= 300),
  created_at timestamptz not null default now()
);
alter table public.push_subscriptions enable row level security;
grant select (id, user_id, endpoint, user_agent, created_at) on public.push_subscriptions to authenticated;
grant insert (endpoint, p256dh, auth, user_agent) on public.push_subscriptions to authenticated;
grant delete on public.push_subscriptions to authenticated;
grant all on public.push_subscriptions to service_role;
create index push_subscriptions_user_id_idx on public.push_subscriptions (user_id);
comment on table public.push_subscriptions is 'Browsers a person allowed Web Push notifications on (their PushSubscription).';
comment on column public.push_subscriptions.p256dh is 'The browser''s P-256 public key (base64url), RFC 8291.';
comment on column public.push_subscriptions.auth is 'The browser''s 16-byte auth secret (base64url), RFC 8291.';

create policy "people read their own push subscriptions" on public.push_subscriptions
  for select to authenticated using (user_id = (select auth.uid()));
create policy "people add their own push subscriptions" on public.push_subscriptions
  for insert to authenticated with check (user_id = (select auth.uid()));
create policy "people remove their own push subscriptions" on public.push_subscriptions
  for delete to authenticated using (user_id = (select auth.uid()));

-- An in-app message to a person with a push subscription also goes out as a push (its own outbox row, so its
-- delivery, retries and the person's "push" opt-out are separate): one insert per statement, set-based.
create function private.push_twins() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- a statement trigger fires for its own (push-only, or empty) insert too: stop there, or it never ends
  if not exists (select 1 from new_rows n where n.channel = 'in_app'::public.notification_channel) then
    return null;
  end if;
  insert into public.notifications (business_id, recipient_user_id, recipient_client_id, channel, template, payload, dedupe_key)
  select n.business_id, coalesce(n.recipient_user_id, c.user_id), n.recipient_client_id, 'push'::public.notification_channel,
         n.template, n.payload, 'push:' || n.dedupe_key
  from new_rows n
  left join public.clients c on c.id = n.recipient_client_id
  where n.channel = 'in_app'::public.notification_channel
    and exists (select 1 from public.push_subscriptions s where s.user_id = coalesce(n.recipient_user_id, c.user_id))
  on conflict (dedupe_key) do nothing;
  return null;
end
$$;
comment on function private.push_twins() is 'Trigger: in-app messages to people with a push subscription are also queued as pushes.';
revoke execute on function private.push_twins() from public;
create trigger notifications_push_twins after insert on public.notifications
  referencing new table as new_rows
  for each statement execute function private.push_twins();
comment on trigger notifications_push_twins on public.notifications is 'Queues a push twin of each in-app message to a person with a push subscription.';
