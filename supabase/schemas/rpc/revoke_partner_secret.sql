-- Definer: authenticated has no update grant on partner_credentials (the secret column is out of its reach),
-- so revocation by an owner or manager goes through here. Revoking twice keeps the first revocation time.
create function public.revoke_partner_secret(p_id uuid) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_credential public.partner_credentials;
begin
  select * into v_credential from public.partner_credentials where id = p_id for update;
  if not found or not private.has_role(v_credential.business_id, array['owner', 'manager']::public.member_role[]) then
    raise exception 'partner secret not found' using errcode = 'PT404', hint = 'partner_secret_not_found';
  end if;
  update public.partner_credentials set revoked_at = coalesce(revoked_at, now()) where id = p_id
  returning * into v_credential;
  return jsonb_build_object('id', v_credential.id, 'partner_id', v_credential.partner_id,
    'created_at', v_credential.created_at, 'revoked_at', v_credential.revoked_at);
end
$$;
comment on function public.revoke_partner_secret(uuid) is
  'Stops accepting a partner''s webhook secret (owners and managers); idempotent.';
revoke execute on function public.revoke_partner_secret(uuid) from public, anon;
grant execute on function public.revoke_partner_secret(uuid) to authenticated, service_role;
