-- Partner webhook secrets: staff of the business see that a credential exists and when it was made or
-- revoked; nobody but the service role ever reads the secret; other tenants, parents, drivers and anon see nothing.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(11);

select tests.build_world();

create or replace function pg_temp.try_as(p_actor text, p_sql text) returns text
language plpgsql as $$
declare
  v text;
begin
  perform tests.act_as(p_actor);
  v := tests.try(p_sql);
  perform tests.clear_authentication();
  return v;
end $$;

select is(pg_temp.try_as('staff', format(
    'select id, partner_id, created_at, revoked_at from public.partner_credentials where id = %L',
    tests.id('partner_credentials'))),
  'ok:1', 'staff see that the partner has a credential, with its dates');
select matches(pg_temp.try_as('staff', 'select secret from public.partner_credentials'), '^error:42501:',
  'staff cannot select the secret column');
select matches(pg_temp.try_as('owner', 'select * from public.partner_credentials'), '^error:42501:',
  'even the owner cannot select every column, since the secret is among them');
select matches(pg_temp.try_as('manager', 'select to_jsonb(c) from public.partner_credentials c'), '^error:42501:',
  'a whole-row reference does not leak the secret to a manager');
select is(pg_temp.try_as('other_owner', 'select id from public.partner_credentials'), 'ok:0',
  'another business''s owner sees no credential');
select is(pg_temp.try_as('parent', 'select id from public.partner_credentials'), 'ok:0',
  'a pet parent sees no credential');
select is(pg_temp.try_as('driver', 'select id from public.partner_credentials'), 'ok:0', 'a driver sees no credential');
select matches(pg_temp.try_as('anon', 'select id from public.partner_credentials'), '^error:42501:',
  'anon may not read credentials at all');
select matches(pg_temp.try_as('manager', format(
    'update public.partner_credentials set revoked_at = now() where id = %L', tests.id('partner_credentials'))),
  '^error:42501:', 'a manager cannot revoke by updating the table (only through revoke_partner_secret)');

set local role service_role;
select matches((select secret from public.partner_credentials where id = tests.id('partner_credentials')),
  '^whsec_[A-Za-z0-9+/]+=*$',
  'the service role reads the secret, a Standard Webhooks whsec_ key');
reset role;

select is(
  (select count(*)::int from public.audit_log
   where table_name = 'partner_credentials' and (coalesce(new, '{}') ? 'secret' or coalesce(old, '{}') ? 'secret')),
  0, 'the audit log never keeps a secret'
);

select * from finish();
rollback;
