-- Suite-wide: RLS is on for every table in the exposed schema, and the API roles get nothing for free.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(6);

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c
   where c.relnamespace = 'public'::regnamespace and c.relname in (select tests.app_tables()) and not c.relrowsecurity),
  null, 'RLS is on for every table in public'
);
select ok(
  (select bool_and(c.relrowsecurity) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where (n.nspname, c.relname) in (('storage', 'objects'), ('storage', 'buckets'), ('realtime', 'messages'))),
  'RLS is on for storage.objects, storage.buckets and realtime.messages'
);
select is(
  (select array_agg(distinct table_name::text) from information_schema.role_table_grants
   where table_schema = 'public' and grantee = 'anon' and table_name in (select tests.app_tables())),
  null, 'anon has no privilege on any table in public'
);
select is(
  (select array_agg(tablename || ': ' || policyname) from pg_policies
   where schemaname in ('public', 'storage', 'realtime') and not roles <@ array['authenticated']::name[]),
  null, 'every policy is written for authenticated users only'
);
select is(
  (select array_agg(tablename || ' ' || cmd) from (
     select tablename, cmd from pg_policies where schemaname = 'public' group by tablename, cmd having count(*) > 1) d),
  null, 'each table has at most one policy per operation'
);
select is(
  (select array_agg(n.nspname || '.' || p.proname) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
   where n.nspname in ('public', 'private') and p.prosecdef
     and not coalesce(p.proconfig, '{}') @> array['search_path=""']),
  null, 'every security definer function pins an empty search_path'
);

select * from finish();
rollback;
