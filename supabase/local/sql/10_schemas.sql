-- Schemas, extensions and default privileges a Supabase database starts with.

create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role, supabase_auth_admin, supabase_storage_admin, supabase_functions_admin, dashboard_user;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists citext with schema extensions;
create extension if not exists btree_gist with schema extensions;
create extension if not exists postgis with schema extensions;
create extension if not exists pg_cron;
grant usage on schema cron to postgres;

alter database postgres set search_path = "$user", public, extensions;

-- The API roles reach public (and the graphql_public stub) and whatever migrations create there.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges for role supabase_admin in schema public grant all on sequences to anon, authenticated, service_role;

create schema if not exists graphql_public;
grant usage on schema graphql_public to anon, authenticated, service_role;
comment on schema graphql_public is 'Placeholder: pg_graphql is not available on the local stack.';

-- Vault is not available on Debian; a stub schema lets migrations that only reference it load.
create schema if not exists vault;
comment on schema vault is 'Placeholder: supabase_vault is not available on the local stack.';

-- Where the CLI records applied migrations.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
create table if not exists supabase_migrations.seed_files (
  path text primary key,
  hash text not null
);

-- Realtime's publication starts empty; migrations add tables to it.
create publication supabase_realtime;
