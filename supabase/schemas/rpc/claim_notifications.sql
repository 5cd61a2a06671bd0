-- The dispatcher's claim (functions/notify): due rows — pending, failed and due for retry, or claimed by a
-- worker whose lease ran out (it crashed) — are taken with `for update skip locked`, so concurrent
-- dispatchers never take the same row, and leased: status 'sending', a fresh claim_id, next_attempt_at =
-- the lease's end, attempts + 1. A row whose recipient opted out is marked 'skipped' instead of returned; a
-- row that used up its attempts through crashes is marked 'dead'. Returned: what the dispatcher needs to
-- render and deliver each message (p_business_id: only that business's rows, e.g. a drain of one tenant) (business name, recipient address, names looked up from the payload's ids
-- when the payload does not carry them).
create function public.claim_notifications(p_limit integer default 50, p_lease_seconds integer default 120,
  p_max_attempts integer default 5, p_business_id uuid default null)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_out jsonb;
begin
  if p_limit is null or p_limit < 1 or p_limit > 1000 or p_lease_seconds is null or p_lease_seconds < 1
     or p_max_attempts is null or p_max_attempts < 1 then
    raise exception 'claim limits out of range' using errcode = '22023', hint = 'notify_claim_out_of_range',
      detail = jsonb_build_object('limit', p_limit, 'lease_seconds', p_lease_seconds, 'max_attempts', p_max_attempts)::text;
  end if;

  with due as (
    select n.id
    from public.notifications n
    where n.status in ('pending', 'failed', 'sending') and n.next_attempt_at <= now()
      and (p_business_id is null or n.business_id = p_business_id)
    order by n.next_attempt_at
    limit p_limit
    for update skip locked
  ), decided as (
    select n.id,
           case
             -- a webhook whose endpoint was switched off (or removed) meanwhile is not sent
             when n.channel = 'webhook' and not exists (select 1 from public.webhook_endpoints we
                                                        where we.id = n.webhook_endpoint_id and we.is_active)
                  and n.template <> 'webhook.test' then 'skipped'
             when private.notification_opted_out(n.recipient_user_id, n.recipient_client_id, n.template, n.channel) then 'skipped'
             when n.status = 'sending' and n.attempts >= p_max_attempts then 'dead'
             else 'sending'
           end::public.notification_status as next_status
    from due join public.notifications n on n.id = due.id
  ), updated as (
    update public.notifications n
    set status = d.next_status,
        claim_id = case when d.next_status = 'sending' then extensions.gen_random_uuid() end,
        attempts = n.attempts + case when d.next_status = 'sending' then 1 else 0 end,
        next_attempt_at = case when d.next_status = 'sending' then now() + make_interval(secs => p_lease_seconds) else n.next_attempt_at end,
        last_error = case d.next_status
                       when 'skipped' then case when n.channel = 'webhook' then 'the webhook endpoint is switched off'
                                                else 'recipient opted out of this kind on this channel' end
                       when 'dead' then coalesce(n.last_error, 'the dispatcher holding it stopped ' || n.attempts || ' times')
                       else n.last_error end
    from decided d
    where n.id = d.id
    returning n.*
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', u.id,
           'claim_id', u.claim_id,
           'attempts', u.attempts,
           'channel', u.channel,
           'template', u.template,
           'dedupe_key', u.dedupe_key,
           'unsubscribe_token', u.unsubscribe_token,
           'business', jsonb_build_object('id', b.id, 'name', b.name, 'slug', b.slug, 'timezone', b.timezone),
           'recipient', jsonb_build_object(
             'user_id', u.recipient_user_id,
             'client_id', u.recipient_client_id,
             'name', c.full_name,
             'email', coalesce(c.email::text, au.email::text),
             'phone', case when c.consent_sms then c.phone end),
           -- channel 'webhook': where to POST and the secret to sign with (the caller is the service role)
           'webhook', case when we.id is not null then jsonb_build_object('id', we.id, 'url', we.url, 'secret', we.secret) end,
           -- channel 'push': the recipient's browsers (Web Push subscriptions) to encrypt to
           'push', case when u.channel = 'push' then (
             select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'endpoint', s.endpoint, 'p256dh', s.p256dh,
                                                          'auth', s.auth) order by s.created_at), '[]'::jsonb)
             from public.push_subscriptions s where s.user_id = coalesce(u.recipient_user_id, c.user_id)) end,
           -- names looked up from the payload's ids; the payload's own fields win
           'payload', jsonb_strip_nulls(jsonb_build_object(
               'pet_name', (select p.name from public.pets p
                            where p.id = private.uuid_or_null(u.payload ->> 'pet_id') and p.business_id = u.business_id),
               'service_name', (select s.name from public.services s
                                where s.id = private.uuid_or_null(u.payload ->> 'service_id') and s.business_id = u.business_id)))
             || u.payload
         ) order by u.next_attempt_at), '[]'::jsonb)
  into v_out
  from updated u
  join public.businesses b on b.id = u.business_id
  left join public.clients c on c.id = u.recipient_client_id
  left join auth.users au on au.id = u.recipient_user_id
  left join public.webhook_endpoints we on we.id = u.webhook_endpoint_id
  where u.status = 'sending';
  return v_out;
end
$$;
comment on function public.claim_notifications(integer, integer, integer, uuid) is 'Dispatcher only: leases up to p_limit due notifications (skip locked) and returns them ready to render.';
revoke execute on function public.claim_notifications(integer, integer, integer, uuid) from public, anon, authenticated;
grant execute on function public.claim_notifications(integer, integer, integer, uuid) to service_role;
