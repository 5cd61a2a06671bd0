-- Security definer: the invitee is not yet a member or linked client, so no policy lets them see the
-- invitation or write their own membership. The token, the e-mail match and expiry are the authority.
create function public.accept_invitation(p_token text, p_display_name text default null) returns jsonb
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
    raise exception 'sign in to accept an invitation' using errcode = '42501',
      hint = 'sign_in_required';
  end if;
  select * into v_inv from public.invitations where token_hash = private.hash_token(p_token) for update;
  if not found then
    raise exception 'invitation not found' using errcode = 'PT404',
      hint = 'invitation_not_found';
  end if;
  if v_inv.revoked_at is not null then
    raise exception 'invitation withdrawn' using errcode = '22023',
      hint = 'invitation_revoked';
  end if;
  if v_inv.accepted_at is not null then
    raise exception 'invitation already used' using errcode = '22023',
      hint = 'invitation_used';
  end if;
  if v_inv.expires_at <= now() then
    raise exception 'invitation expired' using errcode = '22023',
      hint = 'invitation_expired';
  end if;
  select u.email into v_email from auth.users u where u.id = v_uid;
  if lower(v_email) is distinct from lower(v_inv.email::text) then
    raise exception 'this invitation was sent to another e-mail address' using errcode = '42501',
      hint = 'invitation_email_mismatch';
  end if;
  if v_inv.role is not null then
    -- Joining never changes an existing member's role (that would let an invitation demote the last owner).
    if exists (select 1 from public.memberships m where m.business_id = v_inv.business_id and m.user_id = v_uid) then
      raise exception 'you are already a member of this business' using errcode = '23505',
        hint = 'invitation_already_member';
    end if;
    insert into public.memberships (business_id, user_id, role, display_name)
    values (v_inv.business_id, v_uid, v_inv.role, nullif(btrim(left(p_display_name, 80)), ''));
  else
    update public.clients set user_id = v_uid where id = v_inv.client_id and (user_id is null or user_id = v_uid);
    if not found then
      raise exception 'this client record already belongs to another login' using errcode = '23505',
        hint = 'client_already_linked';
    end if;
  end if;
  update public.invitations set accepted_at = now(), accepted_by = v_uid where id = v_inv.id;
  return jsonb_build_object('business_id', v_inv.business_id, 'role', v_inv.role, 'client_id', v_inv.client_id);
end
$$;
comment on function public.accept_invitation(text, text) is 'Accepts a one-time invitation for the signed-in user whose e-mail it was sent to.';
revoke execute on function public.accept_invitation(text, text) from public, anon;
grant execute on function public.accept_invitation(text, text) to authenticated, service_role;
