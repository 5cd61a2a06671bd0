-- Definer: authenticated may not insert into webhook_endpoints nor read a secret, yet the owner or manager who
-- subscribes a URL must receive its signing secret once, here. The secret is made in the database.
create function public.create_webhook_endpoint(p_business_id uuid, p_url text, p_events text[],
  p_description text default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_row public.webhook_endpoints;
  v_url text := btrim(coalesce(p_url, ''));
begin
  if not private.has_role(p_business_id, array['owner', 'manager']::public.member_role[]) then
    raise exception 'only owners and managers subscribe webhooks' using errcode = '42501', hint = 'webhooks_managers_only';
  end if;
  if v_url !~* '^https?://[^/?#@[:space:]]+' or length(v_url) > 2000 or v_url ~ '[[:space:]]' then
    raise exception 'a webhook URL starts with http:// or https:// and names a host' using errcode = '22023',
      hint = 'webhook_url_invalid';
  end if;
  if p_events is null or cardinality(p_events) = 0 or not (p_events <@ private.webhook_event_types()) then
    raise exception 'unknown or no webhook events' using errcode = '22023', hint = 'webhook_events_invalid',
      detail = jsonb_build_object('allowed', private.webhook_event_types())::text;
  end if;
  if length(p_description) > 200 then
    raise exception 'description too long' using errcode = '22023', hint = 'webhook_description_too_long',
      detail = jsonb_build_object('max', 200)::text;
  end if;
  insert into public.webhook_endpoints (business_id, url, events, description, secret)
  values (p_business_id, v_url, (select array_agg(distinct e order by e) from unnest(p_events) e),
          nullif(btrim(p_description), ''), 'whsec_' || encode(extensions.gen_random_bytes(32), 'base64'))
  returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'url', v_row.url, 'events', v_row.events, 'secret', v_row.secret,
    'created_at', v_row.created_at);
end
$$;
comment on function public.create_webhook_endpoint(uuid, text, text[], text) is
  'Owners, managers: subscribes a URL to business events; returns its signing secret once.';
revoke execute on function public.create_webhook_endpoint(uuid, text, text[], text) from public, anon;
grant execute on function public.create_webhook_endpoint(uuid, text, text[], text) to authenticated, service_role;
