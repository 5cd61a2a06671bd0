-- Security definer: invitations carry no update grant (a column grant on revoked_at would also let a
-- manager bring a revoked owner invitation back to life). Who may revoke is checked here, as the
-- policies say who may send: managers any (owners alone owner invitations), desk staff portal ones.
create function public.revoke_invitation(p_id uuid) returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_inv public.invitations;
begin
  select * into v_inv from public.invitations where id = p_id for update;
  if not found
    or not (private.has_role(v_inv.business_id, array['owner', 'manager']::public.member_role[])
      or (v_inv.client_id is not null
        and private.has_role(v_inv.business_id, array['owner', 'manager', 'staff']::public.member_role[]))) then
    raise exception 'invitation not found' using errcode = 'PT404', hint = 'invitation_not_found';
  end if;
  if v_inv.role = 'owner' and not private.has_role(v_inv.business_id, array['owner']::public.member_role[]) then
    raise exception 'only an owner may withdraw an owner invitation' using errcode = '42501',
      hint = 'owner_role_owners_only';
  end if;
  if v_inv.accepted_at is not null then
    raise exception 'invitation already used' using errcode = '22023', hint = 'invitation_used';
  end if;
  update public.invitations set revoked_at = coalesce(revoked_at, now()) where id = p_id;
end
$$;
comment on function public.revoke_invitation(uuid) is 'Withdraws an invitation that has not been accepted; its link stops working.';
revoke execute on function public.revoke_invitation(uuid) from public, anon;
grant execute on function public.revoke_invitation(uuid) to authenticated, service_role;
