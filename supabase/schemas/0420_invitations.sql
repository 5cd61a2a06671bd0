-- Invitations: how staff join a business and how pet parents get portal access to their client record.
-- Only a hash of the token is stored; the token itself travels once, by e-mail.

create table public.invitations (
  id uuid constraint invitations_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint invitations_business_id_fkey references public.businesses (id) on delete cascade,
  email extensions.citext not null constraint invitations_email_format check (email ~ '^[^@\s]+@[^@\s]+$'),
  role public.member_role,
  client_id uuid,
  token_hash text not null constraint invitations_token_hash_key unique
    constraint invitations_token_hash_format check (token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid constraint invitations_accepted_by_fkey references auth.users (id) on delete set null,
  invited_by uuid default auth.uid() constraint invitations_invited_by_fkey references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint invitations_client_fkey foreign key (client_id, business_id) references public.clients (id, business_id) on delete cascade,
  -- either a staff invitation (role) or a portal invitation (client), never both
  constraint invitations_role_or_client check (num_nonnulls(role, client_id) = 1),
  constraint invitations_expires_after_creation check (expires_at > created_at),
  constraint invitations_accepted_together check ((accepted_at is null) = (accepted_by is null))
);
alter table public.invitations enable row level security;
grant select, insert, delete on public.invitations to authenticated;
grant all on public.invitations to service_role;
create index invitations_business_id_idx on public.invitations (business_id, created_at desc);
create index invitations_client_id_idx on public.invitations (client_id);
create index invitations_email_idx on public.invitations (email);
create index invitations_accepted_by_idx on public.invitations (accepted_by);
create index invitations_invited_by_idx on public.invitations (invited_by);
comment on table public.invitations is 'A one-time, expiring invitation to join a business as staff or to the portal as a client.';
comment on column public.invitations.token_hash is 'Hex SHA-256 of the invitation token; the token itself is never stored.';

create policy "managers read invitations" on public.invitations
  for select to authenticated using (business_id in (select private.manager_business_ids()));
-- Only owners may invite owners, as only owners may grant the role.
create policy "managers invite (owners alone invite owners)" on public.invitations
  for insert to authenticated
  with check (business_id in (select private.manager_business_ids())
    and (role is distinct from 'owner' or business_id in (select private.my_business_ids(array['owner']::public.member_role[]))));
create policy "managers withdraw invitations" on public.invitations
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create function private.hash_token(p_token text) returns text
language sql
immutable
set search_path = ''
as $$
  select encode(extensions.digest(convert_to(p_token, 'UTF8'), 'sha256'), 'hex')
$$;
comment on function private.hash_token(text) is 'How invitation tokens are stored: hex SHA-256.';
revoke execute on function private.hash_token(text) from public;
grant execute on function private.hash_token(text) to authenticated, service_role;
