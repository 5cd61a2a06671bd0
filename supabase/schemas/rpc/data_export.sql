-- One of the caller's data export jobs (progress, and its file once ready); another login's job is not found.
create function public.data_export(p_export_id uuid)
returns table (id uuid, status text, progress integer, step text, object_path text, byte_size bigint, error text,
  created_at timestamptz, finished_at timestamptz)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
  -- a queued or running job without a heartbeat for 2 minutes was interrupted: the page says so at once
  -- (and offers to start again) instead of showing "working…" until start_data_export gives it up
  select e.id,
         case when v_stale then 'failed' else e.status end,
         e.progress, e.step, e.object_path, e.byte_size,
         case when v_stale then 'The download stopped before it was ready (the server restarted). Start it again.' else e.error end,
         e.created_at, e.finished_at
  from private.data_exports e,
       lateral (select e.status in ('queued', 'running') and e.heartbeat_at < now() - interval '2 minutes' as v_stale) s
  where e.id = p_export_id and e.user_id = (select auth.uid());
  if not found then
    raise exception 'export not found' using errcode = 'PT404', hint = 'data_export_not_found';
  end if;
end
$$;
comment on function public.data_export(uuid) is 'The caller''s data export job: status, progress and the ZIP''s object path once ready.';
revoke execute on function public.data_export(uuid) from public, anon;
grant execute on function public.data_export(uuid) to authenticated;
