-- Security definer, open to anon: the invitee opens the e-mailed link before signing in (often before having
-- an account). Holding the token is the authority to learn what it invites to; nothing else is revealed.
create function public.invitation_preview(p_token text) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_inv public.invitations;
  v_business public.businesses;
begin
  select * into v_inv from public.invitations where token_hash = private.hash_token(p_token);
  if not found then
    raise exception 'invitation not found' using errcode = 'PT404', hint = 'invitation_not_found';
  end if;
  select * into v_business from public.businesses where id = v_inv.business_id;
  return jsonb_build_object(
    'email', v_inv.email,
    'role', v_inv.role,
    'portal', v_inv.client_id is not null,
    'business_name', v_business.name,
    'business_slug', v_business.slug,
    'expires_at', v_inv.expires_at,
    'state', case
      when v_inv.revoked_at is not null then 'revoked'
      when v_inv.accepted_at is not null then 'used'
      when v_inv.expires_at <= now() then 'expired'
      else 'pending' end);
end
$$;
comment on function public.invitation_preview(text) is 'What an invitation token invites to (business, role or portal, address, state), for the accept page.';
revoke execute on function public.invitation_preview(text) from public;
grant execute on function public.invitation_preview(text) to anon, authenticated, service_role;
