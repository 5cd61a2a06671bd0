-- Outbound webhooks for businesses (issue 13 item 7): a business subscribes a URL to events; each event is a
-- row of the outbox (channel 'webhook', one per subscribed endpoint) that the notify dispatcher delivers signed
-- with Standard Webhooks (webhook-id = the outbox row's id, so retries carry the same id), with the outbox's
-- retries, backoff and dead state. The signing secret is made here, returned once by the rpc that makes it and
-- readable afterwards only by the service role (the dispatcher). Whether an address may be private or loopback
-- is the dispatcher's call at delivery time (it resolves the host then; WEBHOOK_ALLOW_PRIVATE_HOSTS).

create function private.webhook_event_types() returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['booking.confirmed', 'booking.cancelled', 'booking.checked_in', 'booking.checked_out',
               'incident.reported']
$$;
comment on function private.webhook_event_types() is 'The events a business may subscribe a webhook endpoint to.';
revoke execute on function private.webhook_event_types() from public, anon, authenticated, service_role;

create table public.webhook_endpoints (
  id uuid constraint webhook_endpoints_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint webhook_endpoints_business_id_fkey references public.businesses (id) on delete cascade,
  url text not null constraint webhook_endpoints_url_http check (url ~ '^https?://[^/?#@[:space:]]+' and length(url) <= 2000),
  events text[] not null constraint webhook_endpoints_events_known
    -- the list of private.webhook_event_types(), written out (a constraint calling the function would tie the
    -- table's creation to it)
    check (cardinality(events) >= 1 and events <@ array['booking.confirmed', 'booking.cancelled', 'booking.checked_in',
                                                         'booking.checked_out', 'incident.reported']),
  description text constraint webhook_endpoints_description_length check (length(description) <= 200),
  is_active boolean not null default true,
  secret text not null constraint webhook_endpoints_secret_format check (secret ~ '^whsec_[A-Za-z0-9+/]{32,}={0,2}$'),
  created_by uuid default auth.uid() constraint webhook_endpoints_created_by_fkey references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint webhook_endpoints_id_business_key unique (id, business_id)
);
alter table public.webhook_endpoints enable row level security;
-- the secret column is left out: no API role but the service role ever selects it; new endpoints come only
-- from create_webhook_endpoint (which makes the secret)
grant select (id, business_id, url, events, description, is_active, created_by, created_at) on public.webhook_endpoints to authenticated;
grant update (url, events, description, is_active) on public.webhook_endpoints to authenticated;
grant delete on public.webhook_endpoints to authenticated;
grant all on public.webhook_endpoints to service_role;
create index webhook_endpoints_business_id_idx on public.webhook_endpoints (business_id);
create index webhook_endpoints_created_by_idx on public.webhook_endpoints (created_by);
comment on table public.webhook_endpoints is 'URLs a business has subscribed to its events (outbound webhooks, Standard Webhooks signed).';
comment on column public.webhook_endpoints.secret is 'Standard Webhooks signing secret (whsec_<base64>); never granted to anon or authenticated.';
comment on column public.webhook_endpoints.events is 'Subscribed event types (private.webhook_event_types()).';

create policy "managers read webhook endpoints" on public.webhook_endpoints
  for select to authenticated using (business_id in (select private.manager_business_ids()));
create policy "managers change webhook endpoints" on public.webhook_endpoints
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove webhook endpoints" on public.webhook_endpoints
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

alter table public.notifications add constraint notifications_webhook_endpoint_fkey
  foreign key (webhook_endpoint_id, business_id) references public.webhook_endpoints (id, business_id) on delete cascade;

-- One outbox row per (event, subscribed active endpoint of the event's business), set-based. p_events holds
-- (business_id, type, data); each event gets one id, shared by the rows of all its endpoints.
create function private.enqueue_webhook_events(p_events jsonb) returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  with ev as materialized (
    select (e ->> 'business_id')::uuid as business_id, e ->> 'type' as type, e -> 'data' as data,
           'evt_' || replace(extensions.gen_random_uuid()::text, '-', '') as event_id
    from jsonb_array_elements(p_events) e
  )
  insert into public.notifications (business_id, webhook_endpoint_id, channel, template, payload, dedupe_key)
  select ev.business_id, we.id, 'webhook'::public.notification_channel, ev.type,
         jsonb_build_object('id', ev.event_id, 'type', ev.type, 'created_at', now(), 'data', ev.data),
         'webhook:' || we.id || ':' || ev.event_id
  from ev
  join public.webhook_endpoints we on we.business_id = ev.business_id and we.is_active and ev.type = any (we.events)
  on conflict (dedupe_key) do nothing;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function private.enqueue_webhook_events(jsonb) is 'Enqueues business events for every subscribed active webhook endpoint (outbox channel webhook).';
revoke execute on function private.enqueue_webhook_events(jsonb) from public, anon, authenticated, service_role;

-- Statement-level (transition tables): one insert per statement, however many bookings it changed. A
-- business without endpoints costs one index probe.
create function private.bookings_webhook_events() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_events jsonb;
begin
  if tg_op = 'INSERT' then
    select jsonb_agg(jsonb_build_object('business_id', n.business_id, 'type', 'booking.' || n.status,
             'data', private.booking_webhook_data(n.id)))
    into v_events
    from new_rows n
    where n.status in ('confirmed', 'cancelled', 'checked_in', 'checked_out')
      and exists (select 1 from public.webhook_endpoints we where we.business_id = n.business_id and we.is_active);
  else
    select jsonb_agg(jsonb_build_object('business_id', n.business_id, 'type', 'booking.' || n.status,
             'data', private.booking_webhook_data(n.id)))
    into v_events
    from new_rows n join old_rows o on o.id = n.id
    where n.status is distinct from o.status and n.status in ('confirmed', 'cancelled', 'checked_in', 'checked_out')
      and exists (select 1 from public.webhook_endpoints we where we.business_id = n.business_id and we.is_active);
  end if;
  if v_events is not null then
    perform private.enqueue_webhook_events(v_events);
  end if;
  return null;
end
$$;
comment on function private.bookings_webhook_events() is 'Trigger: booking confirmed / cancelled / checked in / checked out → outbound webhook events.';
revoke execute on function private.bookings_webhook_events() from public;

-- What a booking event carries: ids, names and times (no contact details of the client).
create function private.booking_webhook_data(p_booking_id uuid) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object('booking_id', b.id, 'status', b.status, 'pet_id', b.pet_id, 'pet_name', p.name,
             'client_id', b.client_id, 'service_id', b.service_id, 'service_name', s.name,
             'starts_at', b.starts_at, 'ends_at', b.ends_at)
    from public.bookings b
    join public.pets p on p.id = b.pet_id
    join public.services s on s.id = b.service_id
    where b.id = p_booking_id
  );
end
$$;
comment on function private.booking_webhook_data(uuid) is 'The data object of a booking webhook event.';
revoke execute on function private.booking_webhook_data(uuid) from public, anon, authenticated, service_role;

create trigger bookings_webhook_insert after insert on public.bookings
  referencing new table as new_rows
  for each statement execute function private.bookings_webhook_events();
comment on trigger bookings_webhook_insert on public.bookings is 'Outbound webhooks: bookings created confirmed or checked in.';
create trigger bookings_webhook_update after update on public.bookings
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.bookings_webhook_events();
comment on trigger bookings_webhook_update on public.bookings is 'Outbound webhooks: booking status moves.';

create function private.incidents_webhook_events() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_events jsonb;
begin
  select jsonb_agg(jsonb_build_object('business_id', n.business_id, 'type', 'incident.reported',
           'data', jsonb_build_object('incident_id', n.id, 'pet_id', n.pet_id, 'pet_name', p.name,
             'booking_id', n.booking_id, 'kind', n.kind, 'severity', n.severity, 'description', n.description,
             'occurred_at', n.occurred_at)))
  into v_events
  from new_rows n join public.pets p on p.id = n.pet_id
  where exists (select 1 from public.webhook_endpoints we where we.business_id = n.business_id and we.is_active);
  if v_events is not null then
    perform private.enqueue_webhook_events(v_events);
  end if;
  return null;
end
$$;
comment on function private.incidents_webhook_events() is 'Trigger: a reported incident → outbound webhook event.';
revoke execute on function private.incidents_webhook_events() from public;

create trigger incidents_webhook_insert after insert on public.incidents
  referencing new table as new_rows
  for each statement execute function private.incidents_webhook_events();
comment on trigger incidents_webhook_insert on public.incidents is 'Outbound webhooks: incident reported.';
