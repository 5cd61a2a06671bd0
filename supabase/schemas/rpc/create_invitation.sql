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
