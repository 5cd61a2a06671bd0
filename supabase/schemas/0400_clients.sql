-- Pet parents: the clients of a business.

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
-- user_id (which login is this client) is linked only by accepting a portal invitation
-- (public.accept_invitation, definer) or by the login's confirmed e-mail address (public.claim_my_clients,
-- definer); business_id never moves. Neither is in authenticated's grants.
grant select, delete on public.clients to authenticated;
grant insert (business_id, full_name, email, phone, address, geo, consent_marketing, consent_sms, consent_photos)
  on public.clients to authenticated;
grant update (full_name, email, phone, address, geo, consent_marketing, consent_sms, consent_photos)
  on public.clients to authenticated;
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

create policy "staff read clients; parents read themselves" on public.clients
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_client_ids())));
create policy "staff add clients" on public.clients
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit clients; parents edit themselves" on public.clients
  for update to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_client_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_client_ids())));
create policy "managers remove clients" on public.clients
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create function private.stamp_client_consent() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if new.consent_marketing is distinct from old.consent_marketing or new.consent_sms is distinct from old.consent_sms
     or new.consent_photos is distinct from old.consent_photos then
    new.consent_updated_at := now();
  end if;
  return new;
end
$$;
comment on function private.stamp_client_consent() is 'Trigger: time-stamps consent changes.';
revoke execute on function private.stamp_client_consent() from public;
create trigger clients_stamp_consent before update on public.clients
  for each row execute function private.stamp_client_consent();
comment on trigger clients_stamp_consent on public.clients is 'Stamps consent_updated_at when a consent flag changes.';
