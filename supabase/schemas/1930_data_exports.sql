-- "Download my data": a pet parent's export job. The portal's server makes the ZIP as the parent (so RLS
-- decides what goes in), reports its progress here and stores the file in the private `data-exports`
-- bucket under <user_id>/<export_id>.zip; the parent downloads it through a short-lived signed URL. The
-- table lives in `private` (not exposed over the API): a login reaches its own jobs only through the rpcs
-- start_data_export, data_export and update_data_export.

create table private.data_exports (
  id uuid constraint data_exports_pkey primary key default extensions.gen_random_uuid(),
  user_id uuid not null constraint data_exports_user_id_fkey references auth.users (id) on delete cascade,
  status text not null default 'queued'
    constraint data_exports_status_known check (status in ('queued', 'running', 'ready', 'failed')),
  progress integer not null default 0 constraint data_exports_progress_range check (progress between 0 and 100),
  step text constraint data_exports_step_length check (length(step) <= 200),
  object_path text,
  byte_size bigint constraint data_exports_byte_size_positive check (byte_size > 0),
  error text constraint data_exports_error_length check (length(error) <= 500),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint data_exports_ready_has_file check (status <> 'ready' or (object_path is not null and byte_size is not null)),
  -- the server building the ZIP reports at least every 20 s (update_data_export); a queued or running job
  -- silent for 2 minutes was interrupted (a server restart) and counts as failed (start_data_export, data_export)
  heartbeat_at timestamptz not null default now()
);
alter table private.data_exports enable row level security;
create index data_exports_user_id_idx on private.data_exports (user_id, created_at desc);
create unique index data_exports_one_running_idx on private.data_exports (user_id) where status in ('queued', 'running');
comment on table private.data_exports is 'A login''s "download my data" jobs: progress, and the ZIP''s object in data-exports.';

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('data-exports', 'data-exports', false, 524288000, '{application/zip}')
on conflict (id) do nothing;

-- The login's own folder (<user_id>/…) only: staff of a business have no business in it.
create policy "a login reads its own data exports" on storage.objects
  for select to authenticated
  using (bucket_id = 'data-exports' and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "a login stores its own data exports" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'data-exports' and (storage.foldername(name))[1] = (select auth.uid())::text);
create policy "a login removes its own data exports" on storage.objects
  for delete to authenticated
  using (bucket_id = 'data-exports' and (storage.foldername(name))[1] = (select auth.uid())::text);
