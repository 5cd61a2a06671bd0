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
  revoked_at timestamptz,
  constraint invitations_client_fkey foreign key (client_id, business_id) references public.clients (id, business_id) on delete cascade,
  -- either a staff invitation (role) or a portal invitation (client), never both
  constraint invitations_role_or_client check (num_nonnulls(role, client_id) = 1),
  constraint invitations_expires_after_creation check (expires_at > created_at),
  constraint invitations_accepted_together check ((accepted_at is null) = (accepted_by is null)),
  constraint invitations_accepted_or_revoked check (accepted_at is null or revoked_at is null)
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
comment on column public.invitations.revoked_at is 'When a manager withdrew it or a resend replaced it (revoke_invitation); a revoked invitation is dead.';

-- Managers see and send every invitation; desk staff see and send portal invitations (a client of the
-- business), never staff ones. Only owners may invite owners, as only owners may grant the role.
create policy "managers and desk staff read invitations" on public.invitations
  for select to authenticated
  using (business_id in (select private.manager_business_ids())
    or (client_id is not null and business_id in (select private.staff_business_ids())));
create policy "managers invite (owners alone invite owners); desk staff invite clients" on public.invitations
  for insert to authenticated
  with check (
    (business_id in (select private.manager_business_ids())
      and (role is distinct from 'owner' or business_id in (select private.my_business_ids(array['owner']::public.member_role[]))))
    or (client_id is not null and business_id in (select private.staff_business_ids())));
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

-- Security definer: fellow members' e-mail addresses live in auth.users. It answers only a manager of the
-- business (anyone else learns nothing about who works there).
create function private.is_member_email(p_business_id uuid, p_email text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select private.has_role(p_business_id, array['owner', 'manager']::public.member_role[]) and exists (
    select 1 from public.memberships m join auth.users u on u.id = m.user_id
    where m.business_id = p_business_id and lower(u.email) = lower(btrim(p_email))
  )
$$;
comment on function private.is_member_email(uuid, text) is 'Whether an e-mail address already belongs to a member (answers managers of the business only).';
revoke execute on function private.is_member_email(uuid, text) from public;
grant execute on function private.is_member_email(uuid, text) to authenticated, service_role;
