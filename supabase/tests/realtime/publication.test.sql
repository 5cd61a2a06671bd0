-- postgres_changes sends DELETE events to every subscriber of a table (RLS cannot filter a row that is gone),
-- and the app follows its tables through private broadcast topics instead. So the supabase_realtime
-- publication carries no table of the app's schemas; a feature that needs postgres_changes adds its table
-- here and says why.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(2);

select ok(exists (select 1 from pg_publication where pubname = 'supabase_realtime'), 'the supabase_realtime publication exists');
select is_empty(
  $$select schemaname || '.' || tablename from pg_publication_tables
    where pubname = 'supabase_realtime' and schemaname in ('public', 'private') order by 1$$,
  'no app table is in the supabase_realtime publication'
);

select * from finish();
rollback;
