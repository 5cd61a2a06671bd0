-- A pet of a client, with its care instructions; it may name a preferred vet and food brand of its business.

create table public.pets (
  id uuid constraint pets_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint pets_business_id_fkey references public.businesses (id) on delete cascade,
  client_id uuid not null,
  name text not null constraint pets_name_not_blank check (length(btrim(name)) > 0),
  species text not null default 'dog' constraint pets_species_known check (species in ('dog', 'cat', 'rabbit', 'bird', 'other')),
  breed text,
  sex text not null default 'unknown' constraint pets_sex_known check (sex in ('male', 'female', 'unknown')),
  birth_date date constraint pets_birth_date_plausible check (birth_date > date '1980-01-01'),
  weight_kg numeric(5, 2) constraint pets_weight_positive check (weight_kg > 0),
  microchip text constraint pets_microchip_format check (microchip ~ '^[0-9A-Za-z]{9,15}$'),
  photo_path text,
  feeding text,
  medication text,
  handling_notes text,
  preferred_vet_id uuid,
  preferred_food_brand_id uuid,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pets_client_fkey foreign key (client_id, business_id) references public.clients (id, business_id) on delete cascade,
  constraint pets_id_business_key unique (id, business_id),
  constraint pets_id_client_business_key unique (id, client_id, business_id),
  constraint pets_preferred_vet_fkey foreign key (preferred_vet_id, business_id) references public.partners (id, business_id),
  constraint pets_preferred_food_brand_fkey foreign key (preferred_food_brand_id, business_id) references public.partners (id, business_id)
);
alter table public.pets enable row level security;
grant select, insert, update, delete on public.pets to authenticated;
grant all on public.pets to service_role;
create index pets_business_id_idx on public.pets (business_id, name);
create index pets_client_id_idx on public.pets (client_id, business_id);
create index pets_name_trgm_idx on public.pets using gin (name extensions.gin_trgm_ops);
create index pets_microchip_idx on public.pets (microchip);
create index pets_preferred_vet_id_idx on public.pets (preferred_vet_id);
create index pets_preferred_food_brand_id_idx on public.pets (preferred_food_brand_id);
comment on table public.pets is 'A pet of a client, with the care instructions staff need at check-in.';
comment on column public.pets.photo_path is 'Object path in the pet-photos bucket (starts with the business id).';
create trigger pets_touch before update on public.pets for each row execute function private.touch_updated_at();
comment on trigger pets_touch on public.pets is 'Keeps updated_at current.';

create policy "staff read pets; parents read theirs" on public.pets
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
create policy "staff add pets; parents add theirs" on public.pets
  for insert to authenticated
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
create policy "staff edit pets; parents edit theirs" on public.pets
  for update to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
create policy "managers remove pets" on public.pets
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- The preferred vet is a partner of kind vet and the preferred food brand one of kind food_brand (the composite
-- foreign keys already keep both inside the pet's business). Definer: a parent cannot read partners, yet may save
-- their pet; the check runs only when one of the two columns is set or changed.
create function private.pet_partner_kinds() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.preferred_vet_id is not null and not exists (
    select 1 from public.partners p where p.id = new.preferred_vet_id and p.kind = 'vet') then
    raise exception 'the preferred vet must be a partner of kind vet' using errcode = '23514',
      hint = 'preferred_partner_wrong_kind', detail = jsonb_build_object('field', 'preferred_vet_id')::text;
  end if;
  if new.preferred_food_brand_id is not null and not exists (
    select 1 from public.partners p where p.id = new.preferred_food_brand_id and p.kind = 'food_brand') then
    raise exception 'the preferred food brand must be a partner of kind food_brand' using errcode = '23514',
      hint = 'preferred_partner_wrong_kind', detail = jsonb_build_object('field', 'preferred_food_brand_id')::text;
  end if;
  return new;
end
$$;
comment on function private.pet_partner_kinds() is 'Trigger: a pet''s preferred vet is a vet and its food brand a food brand.';
revoke execute on function private.pet_partner_kinds() from public;

create trigger pets_partner_kinds before insert or update of preferred_vet_id, preferred_food_brand_id on public.pets
  for each row execute function private.pet_partner_kinds();
comment on trigger pets_partner_kinds on public.pets is 'Preferred vet and food brand are partners of the right kind.';
