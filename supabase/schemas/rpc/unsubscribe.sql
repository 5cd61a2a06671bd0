-- One-click unsubscribe (RFC 8058) from the link in a message: the token is the message's unguessable
-- unsubscribe_token, so no sign-in is needed. Turns that message's kind off on its channel for its
-- recipient (their account if they have one, else their client record). Idempotent; p_apply = false only
-- describes what would be turned off (the confirm page's GET).
create function public.unsubscribe(p_token uuid, p_apply boolean default true) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_n public.notifications;
  v_user uuid;
  v_business text;
begin
  select * into v_n from public.notifications where unsubscribe_token = p_token;
  if not found then
    raise exception 'unsubscribe link not found' using errcode = 'PT404', hint = 'unsubscribe_link_not_found';
  end if;
  v_user := coalesce(v_n.recipient_user_id, (select c.user_id from public.clients c where c.id = v_n.recipient_client_id));
  select b.name into v_business from public.businesses b where b.id = v_n.business_id;
  if p_apply then
    insert into public.notification_preferences (user_id, client_id, kind, channel, enabled)
    values (v_user, case when v_user is null then v_n.recipient_client_id end, v_n.template, v_n.channel, false)
    on conflict (user_id, client_id, kind, channel) do update set enabled = false, updated_at = now();
  end if;
  return jsonb_build_object('business_name', v_business, 'kind', v_n.template, 'channel', v_n.channel,
    'unsubscribed', p_apply or private.notification_opted_out(v_n.recipient_user_id, v_n.recipient_client_id, v_n.template, v_n.channel));
end
$$;
comment on function public.unsubscribe(uuid, boolean) is 'One-click unsubscribe by a message''s token (no sign-in): turns that kind off on that channel.';
revoke execute on function public.unsubscribe(uuid, boolean) from public;
grant execute on function public.unsubscribe(uuid, boolean) to anon, authenticated, service_role;
