-- Supabase's advisor lints (splinter), as our own catalog queries (issue 15): splinter is not on npm and CI
-- reaches only npm, so its lint definitions were read for what each checks and written again here. Run
-- by `npm test` (pgTAP): no ERROR finding; every WARN and INFO finding matches a rule of the allow-list
-- below, whose third column says why it is acceptable; no rule is stale; and each lint is shown to fire
-- on a deliberately bad object (so none of them passes by matching nothing).
-- Left out: unused_index and table_bloat (statistics of a running database, not the schema), the auth
-- settings lints (anonymous sign-ins are off in supabase/config.toml), pg_graphql exposure (not installed).
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(15);

create function pg_temp.advisor() returns table (lint text, level text, object text)
language sql stable as $$
  with app_schema(nsp) as (values ('public'), ('private'), ('graphql_public')),
  api_schema(nsp) as (values ('public'), ('graphql_public')),
  app_table as (
    select c.oid, n.nspname, c.relname, c.relrowsecurity, format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p') and n.nspname in (select nsp from app_schema)
      and coalesce(obj_description(c.oid, 'pg_class'), '') not ilike '%fixture%'
      and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
  ),
  pol as (
    select p.*, t.name as table_name, t.relrowsecurity,
           coalesce(pg_get_expr(p.polqual, p.polrelid), '') as using_sql,
           coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') as check_sql
    from pg_policy p join app_table t on t.oid = p.polrelid
  ),
  app_function as (
    select p.oid, p.prosecdef, p.proconfig, n.nspname, format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname in (select nsp from app_schema)
      and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
  ),
  api_view as (
    select c.oid, c.relkind, c.reloptions, format('%I.%I', n.nspname, c.relname) as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm') and n.nspname in (select nsp from api_schema)
      and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
      and coalesce(obj_description(c.oid, 'pg_class'), '') not ilike '%fixture%'
  ),
  idx as (
    select i.indexrelid, i.indrelid, i.indkey, i.indclass, i.indcollation, i.indexprs, i.indpred, t.name as table_name,
           format('%I.%I', t.nspname, ic.relname) as name
    from pg_index i join app_table t on t.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
  )
  -- ERROR rls_disabled_in_public: a table PostgREST serves with row level security off
  select 'rls_disabled_in_public', 'ERROR', t.name from app_table t
  where t.nspname in (select nsp from api_schema) and not t.relrowsecurity
  union all
  -- ERROR policy_exists_rls_disabled: policies written but not enforced
  select distinct 'policy_exists_rls_disabled', 'ERROR', p.table_name from pol p where not p.relrowsecurity
  union all
  -- ERROR security_definer_view: a view in an API schema that runs as its owner (bypasses the caller's RLS)
  select 'security_definer_view', 'ERROR', v.name from api_view v
  where v.relkind = 'v' and not coalesce('security_invoker=true' = any (v.reloptions) or 'security_invoker=on' = any (v.reloptions), false)
  union all
  -- ERROR auth_users_exposed: a view over auth.users the API roles may select
  select distinct 'auth_users_exposed', 'ERROR', v.name from api_view v
  join pg_rewrite r on r.ev_class = v.oid join pg_depend d on d.objid = r.oid and d.refobjid = 'auth.users'::regclass
  where has_table_privilege('anon', v.oid, 'select') or has_table_privilege('authenticated', v.oid, 'select')
  union all
  -- ERROR rls_references_user_metadata: a policy trusting what users may write about themselves
  select 'rls_references_user_metadata', 'ERROR', p.table_name || ' / ' || p.polname from pol p
  where p.using_sql ~* 'user_metadata' or p.check_sql ~* 'user_metadata'
  union all
  -- WARN materialized_view_in_api: materialized views have no RLS
  select 'materialized_view_in_api', 'WARN', v.name from api_view v
  where v.relkind = 'm' and (has_table_privilege('anon', v.oid, 'select') or has_table_privilege('authenticated', v.oid, 'select'))
  union all
  -- WARN function_search_path_mutable: a function resolving names through the caller's search_path
  select 'function_search_path_mutable', 'WARN', f.name from app_function f
  where not exists (select 1 from unnest(coalesce(f.proconfig, '{}')) c where c like 'search_path=%')
  union all
  -- WARN extension_in_public: extension objects mixed into the API schema
  select 'extension_in_public', 'WARN', e.extname from pg_extension e where e.extnamespace = 'public'::regnamespace
  union all
  -- WARN auth_rls_initplan: auth.uid()/jwt()/role()/email() or current_setting() evaluated per row, not once
  -- per statement as "(select auth.uid())" is: count the calls and the calls wrapped in a scalar subquery
  select 'auth_rls_initplan', 'WARN', p.table_name || ' / ' || p.polname from pol p
  cross join lateral (select p.using_sql || ' ' || p.check_sql as e) x
  where (select count(*) from regexp_matches(x.e, '(auth\.(uid|jwt|role|email)|current_setting)\(', 'g'))
      > (select count(*) from regexp_matches(x.e, 'SELECT (auth\.(uid|jwt|role|email)|current_setting)\(', 'g'))
  union all
  -- WARN multiple_permissive_policies: two permissive policies one role must both evaluate for one command
  select 'multiple_permissive_policies', 'WARN', format('%s / %s / %s', p.table_name, r.rolname, c.cmd)
  from pol p
  join pg_roles r on (p.polroles @> array[r.oid] or p.polroles = array[0::oid]) and r.rolname in ('anon', 'authenticated')
  cross join lateral unnest(case p.polcmd when '*' then array['r', 'a', 'w', 'd'] else array[p.polcmd::text] end) c (cmd)
  where p.polpermissive
  group by p.table_name, r.rolname, c.cmd having count(*) > 1
  union all
  -- WARN rls_policy_always_true: a write policy that lets any row through
  select 'rls_policy_always_true', 'WARN', p.table_name || ' / ' || p.polname from pol p
  where p.polpermissive and p.polcmd in ('a', 'w', 'd', '*')
    and (p.using_sql = 'true' or p.check_sql = 'true')
  union all
  -- WARN duplicate_index: two indexes of one table on the same keys, operator classes, expressions and predicate
  select 'duplicate_index', 'WARN', a.name || ' = ' || b.name from idx a join idx b
    on a.indrelid = b.indrelid and a.indexrelid < b.indexrelid and a.indkey::text = b.indkey::text
   and a.indclass::text = b.indclass::text and a.indcollation::text = b.indcollation::text
   and coalesce(pg_get_expr(a.indexprs, a.indrelid), '') = coalesce(pg_get_expr(b.indexprs, b.indrelid), '')
   and coalesce(pg_get_expr(a.indpred, a.indrelid), '') = coalesce(pg_get_expr(b.indpred, b.indrelid), '')
  union all
  -- WARN anon/authenticated_security_definer_function_executable: definer functions the API can call
  select case when has_function_privilege('anon', f.oid, 'execute') then 'anon_security_definer_function_executable'
              else 'authenticated_security_definer_function_executable' end, 'WARN', f.name
  from app_function f
  where f.prosecdef and f.nspname in (select nsp from api_schema)
    and (has_function_privilege('anon', f.oid, 'execute') or has_function_privilege('authenticated', f.oid, 'execute'))
  union all
  -- INFO rls_enabled_no_policy: row level security on, and no policy: nobody but the owner reads it
  select 'rls_enabled_no_policy', 'INFO', t.name from app_table t
  where t.relrowsecurity and not exists (select 1 from pg_policy p where p.polrelid = t.oid)
  union all
  -- INFO no_primary_key
  select 'no_primary_key', 'INFO', t.name from app_table t
  where not exists (select 1 from pg_constraint c where c.conrelid = t.oid and c.contype = 'p')
  union all
  -- INFO unindexed_foreign_keys: a foreign key whose columns lead no index (cascades and joins scan)
  -- (a tenant key, (x_id, …, business_id) → (id, …, business_id), says so when a full index leads with an x_id:
  -- x_id alone is unique in the parent, so that index finds the rows as well)
  select 'unindexed_foreign_keys', 'INFO', t.name || ' / ' || c.conname || coalesce((
      select ' (tenant key, ' || min(a.attname) || ' indexed)'
      from pg_attribute a
      where a.attrelid = c.conrelid and a.attnum = any (c.conkey) and a.attname <> 'business_id'
        and exists (select 1 from pg_attribute b where b.attrelid = c.conrelid and b.attnum = any (c.conkey) and b.attname = 'business_id')
        and exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indpred is null and i.indkey[0] = a.attnum)), '')
  from pg_constraint c join app_table t on t.oid = c.conrelid
  where c.contype = 'f'
    and not exists (
      select 1 from pg_index i
      where i.indrelid = c.conrelid and i.indpred is null
        and (string_to_array(i.indkey::text, ' ')::smallint[])[1:cardinality(c.conkey)] @> c.conkey
        and (string_to_array(i.indkey::text, ' ')::smallint[])[1:cardinality(c.conkey)] <@ c.conkey)
$$;

-- The accepted warnings, each with its reason (a LIKE pattern on the finding's object).
create temp table allowed (lint text, pattern text, why text);
insert into allowed values
  ('extension_in_public', 'pg_cron',
   'pg_cron keeps its tables and functions in schema cron; the extension is not relocatable and only records public as its namespace, so nothing of it is served by /rest/v1'),
  ('anon_security_definer_function_executable', 'public.calendar_feed_events(%',
   'calendar apps poll the feed without a session: the secret token is the credential (hash compared, revoked feeds refused)'),
  ('anon_security_definer_function_executable', 'public.invitation_preview(%',
   'an invitee has no account yet: the invitation token is the credential, and only the business name and role come back'),
  ('anon_security_definer_function_executable', 'public.unsubscribe(%',
   'unsubscribe links in e-mails work without signing in: the message token is the credential'),
  ('authenticated_security_definer_function_executable', 'public.%',
   'the rpcs are the API: each proves the caller''s membership and role itself (refusals tested in supabase/tests/rpc, rls and dashboard); their grantees are pinned by schema/function_grantees.test.sql'),
  ('unindexed_foreign_keys', '% (tenant key, % indexed)',
   'tenant foreign keys (x_id, …, business_id) exist so a row cannot point into another business; the index leading with x_id serves their checks and cascades, and another index with business_id would only add writes'),
  ('unindexed_foreign_keys', 'public.pet_tags / pet_tags_pet_fkey',
   'pet_id is indexed for active tags only (pet_tags_one_active_per_kind_key); deleting a pet scans its business''s tags through pet_tags_business_uid_key, and pets are deactivated, not deleted, in normal use'),
  ('unindexed_foreign_keys', 'public.partner_events / partner_events_partner_fkey',
   'partner_id is indexed where not refused; removing a partner scans one business''s deliveries through partner_events_business_id_idx (rare, an owner''s act)'),
  ('unindexed_foreign_keys', 'public.partner_credentials / partner_credentials_partner_fkey',
   'partner_id is indexed for live secrets; a partner has a handful of credential rows, found through partner_credentials_business_id_idx'),
  ('unindexed_foreign_keys', 'public.notification_preferences / notification_preferences_client_id_fkey',
   'the index is partial on client_id is not null, which is every row the key refers to (a null client_id references nothing)'),
  ('rls_enabled_no_policy', 'private.%',
   'private is not exposed through /rest/v1; its tables are read and written only by definer functions, and RLS with no policy keeps every API role out should it ever be exposed');

create temp table findings as select * from pg_temp.advisor();

select is_empty(
  $$select lint || ': ' || object from findings where level = 'ERROR'$$,
  'no advisor ERROR (RLS off in an API schema, unenforced policies, definer views, auth.users exposed, user_metadata in policies)'
);
select is_empty(
  $$select level || ' ' || lint || ': ' || object from findings f
    where level <> 'ERROR' and not exists (select 1 from allowed a where a.lint = f.lint and f.object like a.pattern)$$,
  'every advisor warning is on the allow-list with its reason'
);
select is_empty(
  $$select lint || ' ' || pattern from allowed a
    where not exists (select 1 from findings f where f.lint = a.lint and f.object like a.pattern)$$,
  'no allow-list rule is stale'
);

-- Each lint fires on a bad object made for it (rolled back with the test).
create table public.lint_probe (id int, owner_id uuid, other_id int);
create table public.lint_probe_parent (id int primary key);
alter table public.lint_probe add constraint lint_probe_other_fkey foreign key (other_id) references public.lint_probe_parent (id);
create policy "probe read" on public.lint_probe for select to authenticated using (owner_id = auth.uid());
create policy "probe read too" on public.lint_probe for select to authenticated using ((auth.jwt() -> 'user_metadata' ->> 'x') = 'y');
create policy "probe write" on public.lint_probe for insert to authenticated with check (true);
create index lint_probe_a on public.lint_probe (owner_id);
create index lint_probe_b on public.lint_probe (owner_id);
create view public.lint_probe_view as select u.id from auth.users u;
grant select on public.lint_probe_view to authenticated;
create materialized view public.lint_probe_mv as select 1 as x;
grant select on public.lint_probe_mv to anon;
create function public.lint_probe_fn() returns int language sql security definer as $$ select 1 $$;
grant execute on function public.lint_probe_fn() to anon;
create table private.lint_probe_closed (id int primary key);
alter table private.lint_probe_closed enable row level security;
create temp table probed as select * from pg_temp.advisor();

select ok(exists (select 1 from probed where lint = 'rls_disabled_in_public' and object = 'public.lint_probe'), 'rls_disabled_in_public fires');
select ok(exists (select 1 from probed where lint = 'policy_exists_rls_disabled' and object = 'public.lint_probe'), 'policy_exists_rls_disabled fires');
select ok(exists (select 1 from probed where lint = 'security_definer_view' and object = 'public.lint_probe_view'), 'security_definer_view fires');
select ok(exists (select 1 from probed where lint = 'auth_users_exposed' and object = 'public.lint_probe_view'), 'auth_users_exposed fires');
select ok(exists (select 1 from probed where lint = 'rls_references_user_metadata' and object like 'public.lint_probe / %'), 'rls_references_user_metadata fires');
select ok(exists (select 1 from probed where lint = 'materialized_view_in_api' and object = 'public.lint_probe_mv'), 'materialized_view_in_api fires');
select ok(exists (select 1 from probed where lint = 'function_search_path_mutable' and object = 'public.lint_probe_fn()')
          and exists (select 1 from probed where lint = 'anon_security_definer_function_executable' and object = 'public.lint_probe_fn()'),
  'function_search_path_mutable and anon_security_definer_function_executable fire');
select ok(exists (select 1 from probed where lint = 'auth_rls_initplan' and object = 'public.lint_probe / probe read')
          and not exists (select 1 from findings where lint = 'auth_rls_initplan'),
  'auth_rls_initplan fires on a bare auth.uid() (and on none of the app''s policies, which wrap it in a select)');
select ok(exists (select 1 from probed where lint = 'multiple_permissive_policies' and object = 'public.lint_probe / authenticated / r'),
  'multiple_permissive_policies fires');
select ok(exists (select 1 from probed where lint = 'rls_policy_always_true' and object = 'public.lint_probe / probe write')
          and exists (select 1 from probed where lint = 'duplicate_index' and object = 'public.lint_probe_a = public.lint_probe_b'),
  'rls_policy_always_true and duplicate_index fire');
select ok(exists (select 1 from probed where lint = 'unindexed_foreign_keys' and object = 'public.lint_probe / lint_probe_other_fkey')
          and exists (select 1 from probed where lint = 'no_primary_key' and object = 'public.lint_probe')
          and exists (select 1 from probed where lint = 'rls_enabled_no_policy' and object = 'private.lint_probe_closed'),
  'unindexed_foreign_keys, no_primary_key and rls_enabled_no_policy fire');
select ok((select count(*) from probed where object like 'public.lint_probe%' or object like 'private.lint_probe%') >= 14,
  'the probes raise at least fourteen findings in all');

select * from finish();
rollback;
