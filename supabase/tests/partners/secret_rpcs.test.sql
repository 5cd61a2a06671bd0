-- create_partner_secret returns a new database-made secret once, to owners and managers only, and refuses a
-- third active one; revoke_partner_secret stops one being accepted and makes room for the next.
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

-- the world already holds one active secret: a manager adds the rotation's second
select tests.authenticate_as('manager');
select public.create_partner_secret(tests.id('partners')) as second \gset
select tests.clear_authentication();

select matches(:'second'::jsonb ->> 'secret', '^whsec_[A-Za-z0-9+/]{43}=$',
  'the new secret is a whsec_ key of 32 random bytes');
select isnt(:'second'::jsonb ->> 'secret',
  (select secret from public.partner_credentials where id = tests.id('partner_credentials')),
  'each secret is made afresh');
select is((select count(*)::int from public.partner_credentials
   where partner_id = tests.id('partners') and revoked_at is null), 2,
  'the partner now has two active secrets');

select matches(pg_temp.try_as('owner', format('select public.create_partner_secret(%L)', tests.id('partners'))),
  '^error:PT409:this partner already has two active secrets', 'a third active secret is refused with a conflict');

select matches(pg_temp.try_as('staff', format('select public.create_partner_secret(%L)', tests.id('partners'))),
  '^error:PT404:', 'staff may not create a secret (the partner is not found for them)');
select matches(pg_temp.try_as('other_owner', format('select public.create_partner_secret(%L)', tests.id('partners'))),
  '^error:PT404:', 'another business''s owner may not create a secret');
select matches(pg_temp.try_as('parent', format('select public.create_partner_secret(%L)', tests.id('partners'))),
  '^error:PT404:', 'a pet parent may not create a secret');
select matches(pg_temp.try_as('anon', format('select public.create_partner_secret(%L)', tests.id('partners'))),
  '^error:42501:', 'anon may not call create_partner_secret');

select matches(pg_temp.try_as('staff', format('select public.revoke_partner_secret(%L)',
    tests.id('partner_credentials'))),
  '^error:PT404:', 'staff may not revoke a secret');

select tests.authenticate_as('owner');
select public.revoke_partner_secret(tests.id('partner_credentials')) as revoked \gset
select public.revoke_partner_secret(tests.id('partner_credentials')) as revoked_again \gset
select tests.clear_authentication();
select is(:'revoked_again'::jsonb ->> 'revoked_at', :'revoked'::jsonb ->> 'revoked_at',
  'revoking twice keeps the first revocation time');
select is(pg_temp.try_as('owner', format('select public.create_partner_secret(%L)', tests.id('partners'))), 'ok:1',
  'after a revocation a new secret may be created');

select * from finish();
rollback;
