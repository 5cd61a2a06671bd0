-- Starts the caller's "download my data" job (private.data_exports); the portal's server then builds it.
-- One job at a time per login; a job whose server fell silent for 2 minutes (no heartbeat: the server restarted
-- mid-export) counts as failed and no longer blocks.
create function public.start_data_export() returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
  v_id uuid;
begin
  if v_user is null then
    raise exception 'sign in first' using errcode = '42501', hint = 'sign_in_required';
  end if;
  update private.data_exports
  set status = 'failed', error = 'The download stopped before it was ready (the server restarted). Start it again.',
      finished_at = now()
  where user_id = v_user and status in ('queued', 'running') and heartbeat_at < now() - interval '2 minutes';
  if exists (select 1 from private.data_exports where user_id = v_user and status in ('queued', 'running')) then
    raise exception 'an export is already being made' using errcode = '23505', hint = 'data_export_running';
  end if;
  insert into private.data_exports (user_id) values (v_user) returning id into v_id;
  return v_id;
end
$$;
comment on function public.start_data_export() is 'Starts the caller''s data export job and returns its id (one running job per login).';
revoke execute on function public.start_data_export() from public, anon;
grant execute on function public.start_data_export() to authenticated;
