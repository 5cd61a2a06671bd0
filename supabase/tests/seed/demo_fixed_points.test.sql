-- The demo seed's contract (SPEC §6): logins, roles and the fixed points tests and docs rely on.
-- Skipped when the database was not seeded.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(10);

create temp table seeded as select exists (select 1 from public.businesses where slug = 'happy-paws') as yes;
grant select on seeded to authenticated;
select skip('the demo seed is not loaded', 10) from seeded where not yes;

select is(
  (select count(*)::int from auth.users u join auth.identities i on i.user_id = u.id and i.provider = 'email'
   where u.email in ('owner@happypaws.test', 'staff@happypaws.test', 'driver@happypaws.test', 'parent@happypaws.test',
                     'owner@barkavenue.test', 'staff@barkavenue.test')
     -- case keeps crypt() away from other tests' users whose password column holds no bcrypt hash
     and case when u.encrypted_password like '$2%' then u.encrypted_password = extensions.crypt('pawcentral-demo', u.encrypted_password) else false end
     and u.email_confirmed_at is not null),
  6, 'the six demo logins sign in with pawcentral-demo and have e-mail identities'
) from seeded where yes;
select is(
  (select array_agg(u.email || ':' || b.slug || ':' || m.role order by u.email) from public.memberships m
   join auth.users u on u.id = m.user_id join public.businesses b on b.id = m.business_id
   where u.email like '%@happypaws.test' or u.email like '%@barkavenue.test'),
  array['driver@happypaws.test:happy-paws:driver', 'owner@barkavenue.test:bark-avenue:owner', 'owner@happypaws.test:happy-paws:owner',
        'staff@barkavenue.test:bark-avenue:staff', 'staff@happypaws.test:happy-paws:staff'],
  'staff logins hold their roles'
) from seeded where yes;
select ok(
  (select array_agg(p.name::text order by p.name) from public.pets p join public.clients c on c.id = p.client_id join auth.users u on u.id = c.user_id
   where u.email = 'parent@happypaws.test') @> array['Luna', 'Rex'],
  'parent@happypaws.test is a Happy Paws client with Rex and Luna'
) from seeded where yes;
select is(
  (select b.status::text from public.bookings b join public.pets p on p.id = b.pet_id
   where p.name = 'Rex' and (now() at time zone 'Europe/London')::date in (select private.booking_days(b.business_id, b.starts_at, b.ends_at))),
  'confirmed', 'Rex is booked for today and not checked in'
) from seeded where yes;

insert into tests.ids values ('seed_staff', 'a0000000-0000-4000-8000-000000000002'), ('seed_owner', 'a0000000-0000-4000-8000-000000000001'),
  ('seed_bark_staff', 'b0000000-0000-4000-8000-000000000002');
select tests.authenticate_as('seed_staff');
create temp table scans as
select 'rex' as pet, public.check_in_by_tag('04:a1:b2:c3:d4:e5:01', extensions.gen_random_uuid()) as r from seeded where yes
union all
select 'luna', public.check_in_by_tag('04:a1:b2:c3:d4:e5:02', extensions.gen_random_uuid()) from seeded where yes;
select tests.clear_authentication();
select tests.authenticate_as('seed_bark_staff');
insert into scans select 'milo', public.check_in_by_tag('04:a1:b2:c3:d4:e5:01', extensions.gen_random_uuid()) from seeded where yes;
select tests.clear_authentication();

select is((select r ->> 'status' from scans where pet = 'rex'), 'checked_in', 'scanning Rex''s tag checks him in') from seeded where yes;
select is((select r ->> 'status' from scans where pet = 'luna'), 'blocked', 'scanning Luna''s tag is blocked') from seeded where yes;
select ok((select r -> 'vaccines' @> '[{"name": "Rabies", "status": "expired"}]' from scans where pet = 'luna'), 'Luna is blocked by her expired rabies vaccine') from seeded where yes;
select is((select r -> 'pet' ->> 'name' from scans where pet = 'milo'), 'Milo', 'at Bark Avenue the same uid is Milo') from seeded where yes;
select is((select r ->> 'status' from scans where pet = 'milo'), 'checked_in', 'Milo checks in at Bark Avenue') from seeded where yes;
select ok(
  (select count(*) >= 1 from public.transport_requests t join public.businesses b on b.id = t.business_id where b.slug = 'happy-paws')
  and (select count(*) >= 1 from public.partners p join public.businesses b on b.id = p.business_id where b.slug = 'bark-avenue' and p.kind = 'vet'),
  'both businesses have transport requests or partner vets as seeded'
) from seeded where yes;

select * from finish();
rollback;
