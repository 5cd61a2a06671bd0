-- Definer: authenticated may not insert into partner_credentials nor read a secret, yet an owner or manager
-- must receive the new secret once, here, to hand it to the partner. The secret is made in the database.
create function public.create_partner_secret(p_partner_id uuid) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_partner public.partners;
  v_credential public.partner_credentials;
begin
  select * into v_partner from public.partners where id = p_partner_id;
  if not found or not private.has_role(v_partner.business_id, array['owner', 'manager']::public.member_role[]) then
    raise exception 'partner not found' using errcode = 'PT404', hint = 'partner_not_found';
  end if;
  -- the limit of two active secrets is the table's trigger, which answers PT409 partner_secret_limit
  insert into public.partner_credentials (business_id, partner_id, secret)
  values (v_partner.business_id, v_partner.id, 'whsec_' || encode(extensions.gen_random_bytes(32), 'base64'))
  returning * into v_credential;
  return jsonb_build_object('id', v_credential.id, 'partner_id', v_credential.partner_id,
    'secret', v_credential.secret, 'created_at', v_credential.created_at);
end
$$;
comment on function public.create_partner_secret(uuid) is
  'Makes a partner''s webhook secret (owners, managers) and returns it once; a third active one is refused.';
revoke execute on function public.create_partner_secret(uuid) from public, anon;
grant execute on function public.create_partner_secret(uuid) to authenticated, service_role;
