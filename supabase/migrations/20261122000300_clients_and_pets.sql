-- Pet parents (clients of a business) and their pets.

create table public.clients (
  id uuid constraint clients_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint clients_business_id_fkey references public.businesses (id) on delete cascade,
  user_id uuid constraint clients_user_id_fkey references auth.users (id) on delete set null,
  full_name text not null constraint clients_full_name_not_blank check (length(btrim(full_name)) > 0),
  email extensions.citext constraint clients_email_format check (email ~ '^[^@\s]+@[^@\s]+$'),
  phone text constraint clients_phone_format check (phone ~ '^\+?[0-9 ()-]{5,20}$'),
  address text,
  geo extensions.geography(point, 4326),
  consent_marketing boolean not null default false,
  consent_sms boolean not null default false,
  consent_photos boolean not null default false,
  consent_updated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint clients_id_business_key unique (id, business_id),
  -- one portal login is at most one client per business
  constraint clients_business_user_key unique (business_id, user_id)
);
alter table public.clients enable row level security;
grant select, insert, update, delete on public.clients to authenticated;
grant all on public.clients to service_role;
create index clients_user_id_idx on public.clients (user_id);
create index clients_full_name_trgm_idx on public.clients using gin (full_name extensions.gin_trgm_ops);
create index clients_email_trgm_idx on public.clients using gin ((email::text) extensions.gin_trgm_ops);
create index clients_phone_trgm_idx on public.clients using gin (phone extensions.gin_trgm_ops);
create index clients_business_name_idx on public.clients (business_id, full_name);
comment on table public.clients is 'A pet parent of one business; data-only until invited to the portal (user_id).';
comment on column public.clients.consent_marketing is 'Opted in to marketing messages.';
comment on column public.clients.consent_sms is 'Opted in to SMS notifications.';
comment on column public.clients.consent_photos is 'Allows photos of their pets to be shared.';
create trigger clients_touch before update on public.clients for each row execute function private.touch_updated_at();
comment on trigger clients_touch on public.clients is 'Keeps updated_at current.';

-- Security definer for the same reason as my_business_ids(): pets' and bookings' policies need it and
-- clients' own policy would otherwise be re-entered.
create function private.my_client_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.id from public.clients c where c.user_id = (select auth.uid())
$$;
comment on function private.my_client_ids() is 'Client rows that are the caller (a pet parent may be a client of several businesses).';
revoke execute on function private.my_client_ids() from public;
grant execute on function private.my_client_ids() to authenticated, service_role;

create function private.my_client_business_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select c.business_id from public.clients c where c.user_id = (select auth.uid())
$$;
comment on function private.my_client_business_ids() is 'Businesses the caller is a client of.';
revoke execute on function private.my_client_business_ids() from public;
grant execute on function private.my_client_business_ids() to authenticated, service_role;

create policy "staff read clients; parents read themselves" on public.clients
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or id in (select private.my_client_ids()));
create policy "staff add clients" on public.clients
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit clients; parents edit themselves" on public.clients
  for update to authenticated
  using (business_id in (select private.staff_business_ids()) or id in (select private.my_client_ids()))
  with check (business_id in (select private.staff_business_ids()) or id in (select private.my_client_ids()));
create policy "managers remove clients" on public.clients
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- A parent may not re-link their client row to another login or business.
create function private.client_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if current_user = 'authenticated' and not private.has_role(old.business_id, array['owner', 'manager', 'staff']::public.member_role[])
     and (new.user_id is distinct from old.user_id or new.business_id <> old.business_id) then
    raise exception 'a pet parent cannot change who owns their client record' using errcode = '42501';
  end if;
  if new.consent_marketing is distinct from old.consent_marketing or new.consent_sms is distinct from old.consent_sms
     or new.consent_photos is distinct from old.consent_photos then
    new.consent_updated_at := now();
  end if;
  return new;
end
$$;
comment on function private.client_guard() is 'Trigger: parents keep their link; consent changes are time-stamped.';
create trigger clients_guard before update on public.clients for each row execute function private.client_guard();
comment on trigger clients_guard on public.clients is 'Keeps a parent from re-linking their client record; stamps consent changes.';

-- Parents read the business they are clients of (its name, time zone); members read theirs.
create policy "members and clients read the business" on public.businesses
  for select to authenticated
  using (id in (select private.my_business_ids()) or id in (select private.my_client_business_ids()));

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
  constraint pets_id_client_business_key unique (id, client_id, business_id)
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

create function private.my_pet_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select p.id from public.pets p join public.clients c on c.id = p.client_id
  where c.user_id = (select auth.uid())
$$;
comment on function private.my_pet_ids() is 'Pets of the caller''s client rows (a pet parent''s own pets).';
revoke execute on function private.my_pet_ids() from public;
grant execute on function private.my_pet_ids() to authenticated, service_role;

create policy "staff read pets; parents read theirs" on public.pets
  for select to authenticated
  using (business_id in (select private.staff_business_ids()) or client_id in (select private.my_client_ids()));
create policy "staff add pets; parents add theirs" on public.pets
  for insert to authenticated
  with check (business_id in (select private.staff_business_ids()) or client_id in (select private.my_client_ids()));
create policy "staff edit pets; parents edit theirs" on public.pets
  for update to authenticated
  using (business_id in (select private.staff_business_ids()) or client_id in (select private.my_client_ids()))
  with check (business_id in (select private.staff_business_ids()) or client_id in (select private.my_client_ids()));
create policy "managers remove pets" on public.pets
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
