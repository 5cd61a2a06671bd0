-- The dispatcher's outcome for one claimed row. Only the holder of the current lease (claim_id) may record:
-- a worker that outlived its lease finds its row taken and records nothing (answers 'stale'). Success →
-- 'sent' (an in-app message is then also broadcast on its recipient's private topics); a failure with
-- p_retry_in_seconds → 'failed', due again then; a failure without → 'dead' (attempts used up, or a
-- permanent error such as no address). p_status_code: the HTTP status a webhook endpoint answered.
create function public.record_notification_outcome(p_id uuid, p_claim_id uuid, p_error text default null,
  p_retry_in_seconds integer default null, p_provider_message_id text default null, p_status_code integer default null)
returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_row public.notifications;
begin
  update public.notifications n
  set status = case when p_error is null then 'sent'
                    when p_retry_in_seconds is not null then 'failed'
                    else 'dead' end::public.notification_status,
      sent_at = case when p_error is null then now() end,
      last_error = left(p_error, 2000),
      next_attempt_at = case when p_error is not null and p_retry_in_seconds is not null
                             then now() + make_interval(secs => greatest(p_retry_in_seconds, 0)) else n.next_attempt_at end,
      provider_message_id = coalesce(p_provider_message_id, n.provider_message_id),
      last_status_code = p_status_code,
      claim_id = null
  where n.id = p_id and n.claim_id = p_claim_id and n.status = 'sending'
  returning n.* into v_row;
  if not found then
    return 'stale';
  end if;
  if v_row.status = 'sent' and v_row.channel = 'in_app' then
    if v_row.recipient_user_id is not null then
      perform realtime.send(jsonb_build_object('notification_id', v_row.id, 'template', v_row.template,
        'payload', v_row.payload, 'business_id', v_row.business_id), 'notification', 'user:' || v_row.recipient_user_id, true);
    end if;
    if v_row.recipient_client_id is not null then
      perform realtime.send(jsonb_build_object('notification_id', v_row.id, 'template', v_row.template,
        'payload', v_row.payload, 'business_id', v_row.business_id), 'notification', 'client:' || v_row.recipient_client_id, true);
    end if;
  end if;
  return v_row.status::text;
end
$$;
comment on function public.record_notification_outcome(uuid, uuid, text, integer, text, integer) is 'Dispatcher only: records sent / failed (retry later) / dead for a row it holds the lease of.';
revoke execute on function public.record_notification_outcome(uuid, uuid, text, integer, text, integer) from public, anon, authenticated;
grant execute on function public.record_notification_outcome(uuid, uuid, text, integer, text, integer) to service_role;
