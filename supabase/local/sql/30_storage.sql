-- The storage schema the Storage API owns in a Supabase project: buckets, objects and the helpers
-- policies call. Our own DDL with the same names and columns, so app migrations and policies written
-- for Supabase load unchanged. The local storage service (supabase/local/src/storage) reads and
-- writes these tables as the caller's role, so RLS on storage.objects decides who may do what.

create schema if not exists storage authorization supabase_storage_admin;
comment on schema storage is 'Buckets and object metadata of the Storage API (bytes live on disk).';
grant usage on schema storage to postgres, anon, authenticated, service_role, dashboard_user;

-- Buckets ------------------------------------------------------------------------------------------

create table storage.buckets (
  id text primary key,
  name text not null,
  owner uuid,
  owner_id text,
  public boolean not null default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  type text not null default 'STANDARD',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint buckets_name_key unique (name),
  constraint buckets_type_check check (type in ('STANDARD', 'ANALYTICS')),
  constraint buckets_file_size_limit_check check (file_size_limit is null or file_size_limit >= 0)
);
alter table storage.buckets enable row level security;
comment on table storage.buckets is 'Containers for objects, with their public flag and upload limits.';
comment on column storage.buckets.owner is 'Deprecated in Supabase in favour of owner_id; kept for compatibility.';

-- Objects ------------------------------------------------------------------------------------------

create table storage.objects (
  id uuid primary key default extensions.gen_random_uuid(),
  bucket_id text,
  name text,
  owner uuid,
  owner_id text,
  metadata jsonb,
  user_metadata jsonb,
  version text,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  constraint objects_bucketid_fkey foreign key (bucket_id) references storage.buckets (id),
  constraint bucketid_objname unique (bucket_id, name)
);
alter table storage.objects enable row level security;
create index name_prefix_search on storage.objects (name text_pattern_ops);
create index objects_bucket_id_name_idx on storage.objects (bucket_id, name collate "C");
comment on table storage.objects is 'One row per stored file; metadata holds size, mimetype, eTag, cacheControl, lastModified.';
comment on column storage.objects.path_tokens is 'The name split on "/", for folder listings and policies.';

-- Supabase grants the API roles full table privileges and leaves the decision to RLS policies,
-- which a fresh project has none of: only service_role (bypassrls) sees anything until the app adds some.
grant all on storage.buckets, storage.objects to anon, authenticated, service_role, postgres, dashboard_user;

-- Bookkeeping --------------------------------------------------------------------------------------

create function storage.update_updated_at_column() returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end
$$;
comment on function storage.update_updated_at_column() is 'Keeps objects.updated_at current on every update.';

create trigger update_objects_updated_at
  before update on storage.objects
  for each row execute function storage.update_updated_at_column();

-- Helpers for policies -----------------------------------------------------------------------------

create function storage.foldername(name text) returns text[]
language sql immutable
as $$
  -- every segment but the last; an object at the bucket root has no folders
  select (string_to_array(name, '/'))[1 : greatest(cardinality(string_to_array(name, '/')) - 1, 0)]
$$;
comment on function storage.foldername(text) is 'The folder segments of an object name: foldername(''a/b/c.png'') = {a,b}.';

create function storage.filename(name text) returns text
language sql immutable
as $$
  select (string_to_array(name, '/'))[cardinality(string_to_array(name, '/'))]
$$;
comment on function storage.filename(text) is 'The last segment of an object name: filename(''a/b/c.png'') = c.png.';

create function storage.extension(name text) returns text
language sql immutable
as $$
  -- text after the last dot of the file name; empty when it has none
  select case
    when storage.filename(name) like '%.%' then reverse(split_part(reverse(storage.filename(name)), '.', 1))
    else ''
  end
$$;
comment on function storage.extension(text) is 'The extension of an object''s file name: extension(''a/b/c.tar.gz'') = gz.';

-- Listing --------------------------------------------------------------------------------------------

create function storage.search(
  prefix text,
  bucketname text,
  limits int default 100,
  levels int default 1,
  offsets int default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
) returns table (
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql stable
security invoker
as $$
declare
  -- a LIKE pattern matching names under prefix whose next segment starts with search
  pattern text := replace(replace(replace(coalesce(prefix, '') || coalesce(search, ''), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  dir text := case when lower(sortorder) = 'desc' then 'desc' else 'asc' end;
  col text := case lower(sortcolumn)
    when 'updated_at' then 'updated_at'
    when 'created_at' then 'created_at'
    when 'last_accessed_at' then 'last_accessed_at'
    else 'name'
  end;
begin
  -- Runs as the caller, so the caller's RLS policies decide which objects (and so which folders) show.
  return query execute format(
    $q$
      with matching as (
        -- step 1: objects visible to the caller under the prefix
        select o.path_tokens[$3] as entry, cardinality(o.path_tokens) > $3 as is_folder, o.*
        from storage.objects o
        where o.bucket_id = $2 and o.name ilike $1
      ),
      folders as (
        -- step 2: one row per sub-folder, which has no id or metadata of its own
        select distinct m.entry from matching m where m.is_folder
      ),
      entries as (
        select 0 as kind, f.entry as name, null::uuid as id, null::timestamptz as updated_at,
               null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata
        from folders f
        union all
        select 1, m.entry, m.id, m.updated_at, m.created_at, m.last_accessed_at, m.metadata
        from matching m where not m.is_folder
      )
      -- step 3: folders first (by name), then files in the requested order
      select e.name, e.id, e.updated_at, e.created_at, e.last_accessed_at, e.metadata
      from entries e
      order by e.kind, case when e.kind = 0 then e.name end %2$s, e.%1$I %2$s, e.name %2$s
      limit $4 offset $5
    $q$, col, dir)
  using pattern, bucketname, levels, limits, offsets;
end
$$;
comment on function storage.search(text, text, int, int, int, text, text, text) is
  'Lists one folder level of a bucket (sub-folders with a null id, then files) as the caller sees it under RLS.';

revoke all on function storage.search(text, text, int, int, int, text, text, text) from public;
grant execute on function
  storage.foldername(text), storage.filename(text), storage.extension(text),
  storage.search(text, text, int, int, int, text, text, text)
  to anon, authenticated, service_role, postgres, dashboard_user;

alter table storage.buckets owner to supabase_storage_admin;
alter table storage.objects owner to supabase_storage_admin;
alter function storage.update_updated_at_column() owner to supabase_storage_admin;
alter function storage.foldername(text) owner to supabase_storage_admin;
alter function storage.filename(text) owner to supabase_storage_admin;
alter function storage.extension(text) owner to supabase_storage_admin;
alter function storage.search(text, text, int, int, int, text, text, text) owner to supabase_storage_admin;
