create table public.partner_events (
  id uuid constraint partner_events_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint partner_events_business_id_fkey references public.businesses (id) on delete cascade,
  partner_id uuid not null,
  message_id text constraint partner_events_message_id_not_blank check (length(message_id) > 0),
  type text not null,
  payload jsonb not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz,
  error text,
  outcome text not null default 'parked'
    constraint partner_events_outcome_known check (outcome in ('landed', 'parked', 'refused', 'dismissed')),
  reason text,
  constraint partner_events_partner_fkey foreign key (partner_id, business_id) references public.partners (id, business_id) on delete cascade,
  constraint partner_events_processed_after_received check (processed_at is null or processed_at >= received_at),
  -- a refused delivery may lack a webhook-id header; an accepted one never does
  constraint partner_events_message_id_unless_refused check (message_id is not null or outcome = 'refused'),
  constraint partner_events_landed_without_reason check (outcome <> 'landed' or reason is null)
);
alter table public.partner_events enable row level security;
grant select on public.partner_events to authenticated;
grant all on public.partner_events to service_role;
create index partner_events_business_id_idx on public.partner_events (business_id, received_at desc);
-- The idempotency key of inbound webhooks. Refused deliveries stay out of it: a forged request must not take
-- the id of a genuine message the partner sends later.
create unique index partner_events_partner_message_key on public.partner_events (partner_id, message_id)
  where outcome <> 'refused';
create index partner_events_unprocessed_idx on public.partner_events (received_at) where processed_at is null;
comment on table public.partner_events is 'Every inbound partner webhook, for audit and idempotency; written by edge functions (service role).';
comment on column public.partner_events.outcome is
  'landed (records written), parked (kept for staff review), refused (bad signature or payload) or dismissed (by staff, with a reason).';
comment on column public.partner_events.reason is 'Why a delivery was parked or refused, in a sentence staff can act on.';

-- staff work the review queue of parked deliveries (resolve_partner_event, dismiss_partner_event)
create policy "staff read partner events" on public.partner_events
  for select to authenticated using (business_id in (select private.staff_business_ids()));
