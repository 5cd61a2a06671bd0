-- Platform roles as a Supabase project has them. Our own text; applied once to a fresh cluster by the
-- local stack before any migration. Passwords are local-only ('postgres'), as the CLI's are.

-- The API roles PostgREST switches into with `set local role`.
create role anon nologin noinherit;
create role authenticated nologin noinherit;
create role service_role nologin noinherit bypassrls;

-- The login role the REST service connects as; it may only become one of the API roles.
create role authenticator login noinherit password 'postgres';
grant anon, authenticated, service_role to authenticator;

-- Service owners, as in Supabase: each owns its schema and logs in for its own service.
create role supabase_admin login superuser createdb createrole replication bypassrls password 'postgres';
create role supabase_auth_admin login noinherit createrole password 'postgres';
create role supabase_storage_admin login noinherit createrole password 'postgres';
create role supabase_realtime_admin nologin noinherit;
create role supabase_functions_admin login noinherit createrole password 'postgres';
create role dashboard_user nologin createdb createrole replication;
grant anon, authenticated, service_role to supabase_storage_admin;
grant supabase_auth_admin, supabase_storage_admin, supabase_realtime_admin, supabase_functions_admin to postgres;

-- Time limits PostgREST deployments use, so a runaway API query cannot hold a connection forever.
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
