-- A manager's "retry" on a failed or dead message (settings → messages): due now with a fresh set of
-- attempts, and the dispatcher is nudged; the last error stays visible until the next outcome replaces it.
create function public.retry_notification(p_id uuid) returns public.notifications
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_row public.notifications;
begin
  select * into v_row from public.notifications n
  where n.id = p_id and (n.business_id in (select private.manager_business_ids())
                         or (select auth.role()) = 'service_role')
  for update;
  if not found then
    raise exception 'notification not found' using errcode = 'PT404', hint = 'notification_not_found';
  end if;
  if v_row.status not in ('failed', 'dead') then
    raise exception 'only a failed or dead message can be retried' using errcode = '22023',
      hint = 'notification_not_retryable', detail = jsonb_build_object('status', v_row.status)::text;
  end if;
  update public.notifications
  set status = 'pending', attempts = 0, next_attempt_at = now(), claim_id = null
  where id = p_id
  returning * into v_row;
  -- out now rather than at the next minute's run (pg_net, after commit)
  perform private.dispatch_notifications();
  return v_row;
end
$$;
comment on function public.retry_notification(uuid) is 'Managers: sends a failed or dead message again, with a fresh set of attempts.';
revoke execute on function public.retry_notification(uuid) from public, anon;
grant execute on function public.retry_notification(uuid) to authenticated, service_role;
