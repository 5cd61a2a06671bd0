-- Invoker: a resend is a revoke (the old link dies) and a fresh invitation to the same address for the
-- same role or client, under the caller's own rights; one transaction, so a refused resend kills nothing.
create function public.resend_invitation(p_id uuid) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_inv public.invitations;
begin
  select * into v_inv from public.invitations where id = p_id;
  if not found then
    raise exception 'invitation not found' using errcode = 'PT404', hint = 'invitation_not_found';
  end if;
  perform public.revoke_invitation(p_id);
  return public.create_invitation(v_inv.business_id, v_inv.email::text, v_inv.role, v_inv.client_id);
end
$$;
comment on function public.resend_invitation(uuid) is 'Replaces an invitation with a new one (new token, 7 days again); the old link stops working.';
revoke execute on function public.resend_invitation(uuid) from public, anon;
grant execute on function public.resend_invitation(uuid) to authenticated, service_role;
