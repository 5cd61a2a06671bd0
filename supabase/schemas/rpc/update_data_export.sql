-- The portal's server, acting as the parent, reports its export's progress and finally its file (which must
-- lie in the caller's own <user_id>/ folder of data-exports). A finished job no longer changes. Each report is
-- the job's heartbeat (the server also repeats the last one every 20 s while the job lives).
create function public.update_data_export(p_export_id uuid, p_status text, p_progress integer, p_step text default null,
  p_object_path text default null, p_byte_size bigint default null, p_error text default null)
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
begin
  if p_status not in ('running', 'ready', 'failed') or p_progress not between 0 and 100 then
    raise exception 'not a valid progress report' using errcode = '22023', hint = 'data_export_progress_invalid';
  end if;
  if p_object_path is not null and (p_object_path not like v_user::text || '/%' or p_object_path ~ '(^|/)\.\.(/|$)') then
    raise exception 'the file is not in the caller''s folder' using errcode = '22023', hint = 'data_export_path_invalid';
  end if;
  update private.data_exports
  set status = p_status, progress = p_progress, step = left(p_step, 200),
      object_path = coalesce(p_object_path, object_path), byte_size = coalesce(p_byte_size, byte_size),
      error = left(p_error, 500), finished_at = case when p_status in ('ready', 'failed') then now() end,
      heartbeat_at = now()
  where id = p_export_id and user_id = v_user and status in ('queued', 'running')
    -- a job already given up as interrupted stays failed (start_data_export may have replaced it)
    and heartbeat_at >= now() - interval '2 minutes';
  if not found then
    raise exception 'export not found' using errcode = 'PT404', hint = 'data_export_not_found';
  end if;
end
$$;
comment on function public.update_data_export(uuid, text, integer, text, text, bigint, text) is
  'Reports the progress (and finally the file) of the caller''s running data export job.';
revoke execute on function public.update_data_export(uuid, text, integer, text, text, bigint, text) from public, anon;
grant execute on function public.update_data_export(uuid, text, integer, text, text, bigint, text) to authenticated;
