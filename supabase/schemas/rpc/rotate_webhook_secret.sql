-- Definer for the same reason as create_webhook_endpoint: a new secret, returned once; the old one stops
-- signing at once (the receiver takes the new one from the settings page).
create function public.rotate_webhook_secret(p_endpoint_id uuid) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_row public.webhook_endpoints;
begin
  update public.webhook_endpoints we
  set secret = 'whsec_' || encode(extensions.gen_random_bytes(32), 'base64')
  where we.id = p_endpoint_id and we.business_id in (select private.manager_business_ids())
  returning * into v_row;
  if not found then
    raise exception 'webhook endpoint not found' using errcode = 'PT404', hint = 'webhook_endpoint_not_found';
  end if;
  return jsonb_build_object('id', v_row.id, 'secret', v_row.secret);
end
$$;
comment on function public.rotate_webhook_secret(uuid) is 'Owners, managers: replaces an endpoint''s signing secret and returns the new one once.';
revoke execute on function public.rotate_webhook_secret(uuid) from public, anon;
grant execute on function public.rotate_webhook_secret(uuid) to authenticated, service_role;
