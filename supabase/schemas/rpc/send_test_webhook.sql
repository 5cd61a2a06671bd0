-- The settings page's "send test event": one outbox row of type webhook.test for that endpoint (active or
-- not), delivered like any event; the insert nudges the dispatcher. Definer: the outbox takes no inserts
-- from users.
create function public.send_test_webhook(p_endpoint_id uuid) returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_endpoint public.webhook_endpoints;
  v_event text := 'evt_' || replace(extensions.gen_random_uuid()::text, '-', '');
  v_id uuid;
begin
  select * into v_endpoint from public.webhook_endpoints we
  where we.id = p_endpoint_id and we.business_id in (select private.manager_business_ids());
  if not found then
    raise exception 'webhook endpoint not found' using errcode = 'PT404', hint = 'webhook_endpoint_not_found';
  end if;
  insert into public.notifications (business_id, webhook_endpoint_id, channel, template, payload, dedupe_key)
  values (v_endpoint.business_id, v_endpoint.id, 'webhook'::public.notification_channel, 'webhook.test',
          jsonb_build_object('id', v_event, 'type', 'webhook.test', 'created_at', now(),
            'data', jsonb_build_object('message', 'A test event from PawCentral', 'endpoint_id', v_endpoint.id)),
          'webhook:' || v_endpoint.id || ':' || v_event)
  returning id into v_id;
  return v_id;
end
$$;
comment on function public.send_test_webhook(uuid) is 'Owners, managers: queues a webhook.test event to one endpoint.';
revoke execute on function public.send_test_webhook(uuid) from public, anon;
grant execute on function public.send_test_webhook(uuid) to authenticated, service_role;
