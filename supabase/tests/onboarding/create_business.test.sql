-- create_business: the business, its owner and its first location in one transaction; slug collisions,
-- unknown time zones, bad currencies and coordinates refused by name with nothing half-written.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
\ir ../hours/_refusal.psql
select plan(14);

select tests.build_world();
select tests.create_user('founder');
select 'new-' || left(tests.id('founder')::text, 8) as slug \gset
select b.slug as taken from public.businesses b where b.id = tests.id('businesses') \gset

create function pg_temp.create(p_slug text, p_zone text, p_currency text default 'EUR',
  p_lat double precision default 48.85, p_lng double precision default 2.35) returns text
language sql as $$
  select pg_temp.refusal(format('select public.create_business(%L, %L, %L, %L, %L, %L, %s, %s)',
    'Chez Toutou', p_slug, p_zone, p_currency, 'Paris 11e', '5 rue Oberkampf', coalesce(p_lat::text, 'null'), coalesce(p_lng::text, 'null')))
$$;

select tests.authenticate_as('founder');
select public.business_slug_available(:'taken') as taken_free, public.business_slug_available(:'slug') as new_free \gset
select pg_temp.create(:'taken', 'Europe/Paris') as collision \gset
select pg_temp.create(:'slug', 'Europe/Atlantis') as bad_zone \gset
select pg_temp.create(:'slug', 'UTC+3') as posix_zone \gset
select pg_temp.create(:'slug', 'Europe/Paris', 'euro') as bad_currency \gset
select pg_temp.create(:'slug', 'Europe/Paris', 'EUR', 95, 2.35) as bad_lat \gset
select pg_temp.create('Not A Slug', 'Europe/Paris') as bad_slug \gset
select tests.clear_authentication();

select is(:'taken_free'::boolean, false, 'a slug in use by another business is reported taken');
select is(:'new_free'::boolean, true, 'an unused slug is reported free');
select is(:'collision'::text, '23505:slug_taken:{"slug": "' || :'taken' || '"}', 'a slug collision is refused by name');
select is(:'bad_zone'::text, '22023:time_zone_invalid:{"time_zone": "Europe/Atlantis"}', 'an unknown time zone is refused');
select matches(:'posix_zone'::text, '^22023:time_zone_invalid:', 'a POSIX zone string (not in pg_timezone_names) is refused');
select matches(:'bad_currency'::text, '^22023:currency_invalid:', 'a currency that is not an ISO 4217 code is refused');
select matches(:'bad_lat'::text, '^22023:coordinates_invalid:', 'a latitude beyond 90 is refused');
select matches(:'bad_slug'::text, '^22023:slug_invalid:', 'a slug with spaces and capitals is refused');
select is((select count(*)::int from public.memberships where user_id = tests.id('founder')), 0,
  'refused attempts leave no membership, business or location behind');

select tests.authenticate_as('founder');
select pg_temp.create(:'slug', 'Europe/Paris') as created \gset
select tests.clear_authentication();
select is(:'created'::text, 'ok', 'a valid business is created');
select is((select settings ->> 'currency' from public.businesses where slug = :'slug'), 'EUR', 'the currency is kept');
select is((select m.role::text from public.memberships m join public.businesses b on b.id = m.business_id
           where b.slug = :'slug' and m.user_id = tests.id('founder')), 'owner', 'the creator is its owner');
select is((select format('%s|%s|%s', l.name, round(extensions.st_y(l.geo::extensions.geometry)::numeric, 2),
                         round(extensions.st_x(l.geo::extensions.geometry)::numeric, 2))
           from public.locations l join public.businesses b on b.id = l.business_id where b.slug = :'slug'),
  'Paris 11e|48.85|2.35', 'the first location is created with its pin');

select tests.authenticate_as_anon();
select pg_temp.refusal(format('select public.create_business(%L, %L)', 'Anon', 'anon-' || :'slug')) as anon \gset
select tests.clear_authentication();
select matches(:'anon'::text, '^42501:', 'anon may not create a business');

select * from finish();
rollback;
