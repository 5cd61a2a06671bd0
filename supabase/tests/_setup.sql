-- Installs the pgTAP helpers for runners that apply a fixture before pg_prove, and is itself a valid
-- TAP file so `supabase test db` (which runs every .sql file here) passes over it.
\ir _helpers.psql
select plan(1);
select ok(to_regproc('tests.build_world') is not null, 'the pgTAP test helpers are installed');
select * from finish();
