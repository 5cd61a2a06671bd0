-- Schema-wide habits: every tenant table carries business_id, and foreign keys and policy columns are indexed.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(4);

select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c
   where c.relnamespace = 'public'::regnamespace and c.relname in (select tests.app_tables())
     -- a person's own message preferences span businesses (keyed by login or client record)
     and c.relname not in ('businesses', 'vaccine_types', 'audit_log', 'notification_preferences', 'push_subscriptions')
     and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'business_id' and a.attnotnull)),
  null, 'every tenant table has a not-null business_id'
);
select is(
  (select array_agg(c.conrelid::regclass::text || '.' || c.conname) from pg_constraint c
   where c.contype = 'f' and c.connamespace = 'public'::regnamespace
     and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])),
  null, 'every foreign key leads an index'
);
select is(
  (select array_agg(c.relname::text) from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'business_id'
   where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
     and not exists (select 1 from pg_index i where i.indrelid = c.oid and a.attnum = any (i.indkey::int2[]))),
  null, 'every business_id (the column policies filter on) is indexed'
);
select is(
  (select array_agg(t.col order by t.col) from (values ('clients', 'full_name'), ('pets', 'name'), ('pet_tags', 'uid'), ('clients', 'phone')) t(tbl, col)
   where not exists (select 1 from pg_indexes i where i.schemaname = 'public' and i.tablename = t.tbl and i.indexdef like '%gin%' || t.col || '%gin_trgm_ops%')),
  null, 'staff search columns have trigram indexes'
);

select * from finish();
rollback;
