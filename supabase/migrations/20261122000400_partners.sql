-- Partners (vets, food brands, groomers, pet stores) and every webhook they send us.

create table public.partners (
  id uuid constraint partners_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint partners_business_id_fkey references public.businesses (id) on delete cascade,
  kind public.partner_kind not null,
  name text not null constraint partners_name_not_blank check (length(btrim(name)) > 0),
  contact jsonb not null default '{}'::jsonb constraint partners_contact_object check (jsonb_typeof(contact) = 'object'),
  api_base_url text constraint partners_api_base_url_http check (api_base_url ~ '^https?://'),
  credentials_ref text,
  sync_settings jsonb not null default '{}'::jsonb constraint partners_sync_settings_object check (jsonb_typeof(sync_settings) = 'object'),
  last_synced_at timestamptz,
  created_at timestamptz not null default now(),
  constraint partners_id_business_key unique (id, business_id)
);
alter table public.partners enable row level security;
grant select, insert, update, delete on public.partners to authenticated;
grant all on public.partners to service_role;
create index partners_business_id_idx on public.partners (business_id, kind);
comment on table public.partners is 'An organisation a business exchanges data with; credentials_ref names a secret, never holds it.';

create policy "staff read partners" on public.partners
  for select to authenticated using (business_id in (select private.staff_business_ids()));
create policy "managers add partners" on public.partners
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit partners" on public.partners
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove partners" on public.partners
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- Pets name a preferred vet and food brand of their own business.
alter table public.pets
  add constraint pets_preferred_vet_fkey foreign key (preferred_vet_id, business_id) references public.partners (id, business_id),
  add constraint pets_preferred_food_brand_fkey foreign key (preferred_food_brand_id, business_id) references public.partners (id, business_id);

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
