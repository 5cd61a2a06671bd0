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
  select e.id, e.status, e.progress, e.step, e.object_path, e.byte_size, e.error, e.created_at, e.finished_at
  from private.data_exports e where e.id = p_export_id and e.user_id = (select auth.uid());
  if not found then
    raise exception 'export not found' using errcode = 'PT404', hint = 'data_export_not_found';
  end if;
end
$$;
comment on function public.data_export(uuid) is 'The caller''s data export job: status, progress and the ZIP''s object path once ready.';
revoke execute on function public.data_export(uuid) from public, anon;
grant execute on function public.data_export(uuid) to authenticated;
