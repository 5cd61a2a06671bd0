-- Changes are audited by triggers, with the actor; nobody may write or rewrite the log through the API.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(4);

select tests.build_world();
select tests.authenticate_as('staff');
update public.pets set feeding = 'Half a cup' where id = tests.id('pets');
select tests.clear_authentication();

select is(
  (select count(*)::int from public.audit_log where table_name = 'pets' and row_id = tests.key('pets') and action = 'UPDATE' and actor = tests.id('staff')),
  1, 'an update is audited with its actor'
);
select is(
  (select new ->> 'feeding' from public.audit_log where table_name = 'pets' and row_id = tests.key('pets') and action = 'UPDATE'),
  'Half a cup', 'the entry keeps the new row'
);
select is(
  (select old ->> 'feeding' from public.audit_log where table_name = 'pets' and row_id = tests.key('pets') and action = 'UPDATE'),
  null, 'the entry keeps the old row'
);
select is(
  (select array_agg(c.relname::text order by c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind = 'r' and c.relname in (select tests.app_tables())
     -- the log itself; a person's own message preferences belong to no business's log
     and c.relname not in ('audit_log', 'notification_preferences', 'push_subscriptions')
     and not exists (select 1 from pg_trigger t join pg_proc p on p.oid = t.tgfoid where t.tgrelid = c.oid and p.proname = 'audit_row')),
  null, 'every table but the log itself has an audit trigger'
);

select * from finish();
rollback;
