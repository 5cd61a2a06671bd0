-- Pet tags: NFC serial numbers or QR codes a pet wears.

create table public.pet_tags (
  id uuid constraint pet_tags_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint pet_tags_business_id_fkey references public.businesses (id) on delete cascade,
  pet_id uuid not null,
  -- NFC serial numbers as Web NFC reports them: lower-case hex pairs; QR tags carry any token
  uid text not null constraint pet_tags_uid_normalised check (uid = lower(btrim(uid)) and length(uid) between 4 and 128),
  kind public.tag_kind not null default 'nfc',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  constraint pet_tags_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint pet_tags_business_uid_key unique (business_id, uid),
  constraint pet_tags_nfc_uid_format check (kind <> 'nfc' or uid ~ '^[0-9a-f]{2}(:[0-9a-f]{2}){3,15}$'),
  constraint pet_tags_id_business_key unique (id, business_id)
);
alter table public.pet_tags enable row level security;
grant select, insert, update, delete on public.pet_tags to authenticated;
grant all on public.pet_tags to service_role;
create unique index pet_tags_one_active_per_kind_key on public.pet_tags (pet_id, kind) where active;
create index pet_tags_uid_trgm_idx on public.pet_tags using gin (uid extensions.gin_trgm_ops);
comment on table public.pet_tags is 'A tag worn by a pet; uid is unique within a business and a pet has one active tag per kind.';

create policy "staff read tags" on public.pet_tags
  for select to authenticated using (business_id in (select private.staff_business_ids()));
create policy "staff register tags" on public.pet_tags
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit tags" on public.pet_tags
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove tags" on public.pet_tags
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
