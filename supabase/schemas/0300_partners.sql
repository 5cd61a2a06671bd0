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
  sync_status jsonb constraint partners_sync_status_object check (jsonb_typeof(sync_status) = 'object'),
  constraint partners_id_business_key unique (id, business_id)
);
alter table public.partners enable row level security;
grant select, insert, update, delete on public.partners to authenticated;
grant all on public.partners to service_role;
create index partners_business_id_idx on public.partners (business_id, kind);
comment on column public.partners.api_base_url is 'A vet''s FHIR R4 base URL, pulled daily by the vet-sync function.';
comment on column public.partners.sync_status is
  'The vet sync''s progress and last outcome (state running/ok/failed, done of total pets, landed, parked, errors); written by vet-sync.';
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
