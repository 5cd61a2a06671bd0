-- Invoker: the insert runs under the caller's policies (managers invite staff, owners alone invite owners,
-- desk staff invite clients to the portal). The checks before it only turn the refusals a person can meet
-- into named ones. Returns the token once; only its hash is kept.
create function public.create_invitation(p_business_id uuid, p_email text, p_role public.member_role default null,
  p_client_id uuid default null, p_valid_for interval default interval '7 days') returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_token text := encode(extensions.gen_random_bytes(32), 'hex');
  v_email text := lower(btrim(p_email));
  v_linked uuid;
  v_id uuid;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to invite' using errcode = '42501', hint = 'sign_in_required';
  end if;
  if p_role is not null then
    if not private.has_role(p_business_id, array['owner', 'manager']::public.member_role[]) then
      raise exception 'only owners and managers invite staff' using errcode = '42501',
        hint = 'invitation_managers_only';
    end if;
    if p_role = 'owner' and not private.has_role(p_business_id, array['owner']::public.member_role[]) then
      raise exception 'only an owner may invite an owner' using errcode = '42501', hint = 'owner_role_owners_only';
    end if;
    if private.is_member_email(p_business_id, v_email) then
      raise exception 'this e-mail address is already a member' using errcode = '23505',
        hint = 'invitation_already_member';
    end if;
  elsif p_client_id is not null then
    if not private.has_role(p_business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
      raise exception 'only the desk invites clients to the portal' using errcode = '42501',
        hint = 'invitation_staff_only';
    end if;
    select c.user_id into v_linked from public.clients c where c.id = p_client_id and c.business_id = p_business_id;
    if not found then
      raise exception 'client not found' using errcode = 'PT404', hint = 'client_not_found';
    end if;
    if v_linked is not null then
      raise exception 'this client already has a portal login' using errcode = '23505',
        hint = 'client_already_linked';
    end if;
  end if;
  if exists (
    select 1 from public.invitations i
    where i.business_id = p_business_id and i.email = v_email::extensions.citext
      and i.role is not distinct from p_role and i.client_id is not distinct from p_client_id
      and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
  ) then
    raise exception 'an invitation is already waiting for this address' using errcode = '23505',
      hint = 'invitation_pending';
  end if;
  insert into public.invitations (business_id, email, role, client_id, token_hash, expires_at)
  values (p_business_id, v_email, p_role, p_client_id, private.hash_token(v_token), now() + p_valid_for)
  returning id into v_id;
  return jsonb_build_object('id', v_id, 'token', v_token, 'email', v_email, 'role', p_role, 'client_id', p_client_id);
end
$$;
comment on function public.create_invitation(uuid, text, public.member_role, uuid, interval) is 'Invites an e-mail address as staff (role) or to the portal (client); returns the one-time token.';
revoke execute on function public.create_invitation(uuid, text, public.member_role, uuid, interval) from public, anon;
grant execute on function public.create_invitation(uuid, text, public.member_role, uuid, interval) to authenticated, service_role;
