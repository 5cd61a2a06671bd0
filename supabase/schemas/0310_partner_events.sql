create table public.partner_events (
  id uuid constraint partner_events_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint partner_events_business_id_fkey references public.businesses (id) on delete cascade,
  partner_id uuid not null,
  message_id text not null constraint partner_events_message_id_not_blank check (length(message_id) > 0),
  type text not null,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  error text,
  constraint partner_events_partner_fkey foreign key (partner_id, business_id) references public.partners (id, business_id) on delete cascade,
  -- the idempotency key of inbound webhooks
  constraint partner_events_partner_message_key unique (partner_id, message_id),
  constraint partner_events_processed_after_received check (processed_at is null or processed_at >= received_at)
);
alter table public.partner_events enable row level security;
grant select on public.partner_events to authenticated;
grant all on public.partner_events to service_role;
create index partner_events_business_id_idx on public.partner_events (business_id, received_at desc);
create index partner_events_unprocessed_idx on public.partner_events (received_at) where processed_at is null;
comment on table public.partner_events is 'Every inbound partner webhook, for audit and idempotency; written by edge functions (service role).';

create policy "managers read partner events" on public.partner_events
  for select to authenticated using (business_id in (select private.manager_business_ids()));
