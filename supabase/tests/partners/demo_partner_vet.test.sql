-- The demo's partner webhook (SPEC §6): Happy Paws's vet Riverside Vet holds one active secret made at seed
-- time, and Luna carries microchip 985112345678901. Skipped when the database was not seeded.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(3);

create temp table seeded as select exists (select 1 from public.businesses where slug = 'happy-paws') as yes;
select skip('the demo seed is not loaded', 3) from seeded where not yes;

select is(
  (select count(*)::int from public.partner_credentials c join public.partners p on p.id = c.partner_id
   join public.businesses b on b.id = p.business_id
   where b.slug = 'happy-paws' and p.name = 'Riverside Vet' and p.kind = 'vet' and c.revoked_at is null),
  1, 'Riverside Vet, Happy Paws''s vet, has one active webhook secret'
) from seeded where yes;
select ok(
  (select c.secret ~ '^whsec_[A-Za-z0-9+/]{43}=$' and c.created_at >= (select min(created_at) from public.businesses)
   from public.partner_credentials c where c.partner_id = '0b100000-0000-4000-8000-000000000003'),
  'its secret is a whsec_ key made when the demo was seeded'
) from seeded where yes;
select is(
  (select microchip from public.pets where id = 'd1000000-0000-4000-8000-000000000002'), '985112345678901',
  'Luna carries microchip 985112345678901'
) from seeded where yes;

select * from finish();
rollback;
