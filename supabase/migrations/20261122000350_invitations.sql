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

-- Invoker: the insert runs under the caller's policies. Returns the token once; only its hash is kept.
create function public.create_invitation(p_business_id uuid, p_email text, p_role public.member_role default null,
  p_client_id uuid default null, p_valid_for interval default interval '7 days') returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_token text := encode(extensions.gen_random_bytes(32), 'hex');
  v_id uuid;
begin
  insert into public.invitations (business_id, email, role, client_id, token_hash, expires_at)
  values (p_business_id, p_email, p_role, p_client_id, private.hash_token(v_token), now() + p_valid_for)
  returning id into v_id;
  return jsonb_build_object('id', v_id, 'token', v_token);
end
$$;
comment on function public.create_invitation(uuid, text, public.member_role, uuid, interval) is 'Invites an e-mail address as staff (role) or to the portal (client); returns the one-time token.';
revoke execute on function public.create_invitation(uuid, text, public.member_role, uuid, interval) from public, anon;
grant execute on function public.create_invitation(uuid, text, public.member_role, uuid, interval) to authenticated, service_role;

-- Security definer: the invitee is not yet a member or linked client, so no policy lets them see the
-- invitation or write their own membership. The token, the e-mail match and expiry are the authority.
create function public.accept_invitation(p_token text) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text;
  v_inv public.invitations;
begin
  if v_uid is null then
    raise exception 'sign in to accept an invitation' using errcode = '42501';
  end if;
  select * into v_inv from public.invitations where token_hash = private.hash_token(p_token) for update;
  if not found then
    raise exception 'invitation not found' using errcode = 'P0002';
  end if;
  if v_inv.accepted_at is not null then
    raise exception 'invitation already used' using errcode = '22023';
  end if;
  if v_inv.expires_at <= now() then
    raise exception 'invitation expired' using errcode = '22023';
  end if;
  select u.email into v_email from auth.users u where u.id = v_uid;
  if lower(v_email) is distinct from lower(v_inv.email::text) then
    raise exception 'this invitation was sent to another e-mail address' using errcode = '42501';
  end if;
  if v_inv.role is not null then
    insert into public.memberships (business_id, user_id, role) values (v_inv.business_id, v_uid, v_inv.role)
    on conflict (business_id, user_id) do update set role = excluded.role;
  else
    update public.clients set user_id = v_uid where id = v_inv.client_id and (user_id is null or user_id = v_uid);
    if not found then
      raise exception 'this client record already belongs to another login' using errcode = '23505';
    end if;
  end if;
  update public.invitations set accepted_at = now(), accepted_by = v_uid where id = v_inv.id;
  return jsonb_build_object('business_id', v_inv.business_id, 'role', v_inv.role, 'client_id', v_inv.client_id);
end
$$;
comment on function public.accept_invitation(text) is 'Accepts a one-time invitation for the signed-in user whose e-mail it was sent to.';
revoke execute on function public.accept_invitation(text) from public, anon;
grant execute on function public.accept_invitation(text) to authenticated, service_role;
