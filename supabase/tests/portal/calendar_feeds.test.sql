-- Calendar feeds: a parent makes a secret token (only its hash is stored), the feed shows their pets'
-- bookings across businesses and nobody else's, a new token or a revoke kills the old URL, and staff,
-- drivers and anon cannot make one.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(14);

select tests.build_world();
select tests.book_today('confirmed') as booking \gset
-- a second parent, in business B, with a booking of their own
select tests.create_user('other_parent') as other_parent \gset
insert into public.clients (business_id, user_id, full_name) values (tests.id('business_b'), :'other_parent', 'Other Parent') returning id as other_client \gset
insert into public.pets (business_id, client_id, name) values (tests.id('business_b'), :'other_client', 'Zed') returning id as other_pet \gset
insert into public.services (business_id, kind, name) values (tests.id('business_b'), 'daycare', 'B Daycare') returning id as other_service \gset
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
values (tests.id('business_b'), :'other_service', :'other_pet', :'other_client', now() + interval '2 days', now() + interval '2 days 8 hours', 'confirmed');

select tests.authenticate_as('parent');
select public.create_calendar_feed() as token \gset
select tests.clear_authentication();

select ok(length(:'token') >= 40, 'the parent gets a long random token');
select is((select count(*)::int from private.calendar_feeds where token_hash = :'token'), 0, 'the token itself is not stored');
select is((select count(*)::int from private.calendar_feeds where token_hash = private.hash_token(:'token') and revoked_at is null), 1, 'its hash is');

select tests.authenticate_as_anon();
create temp table events as select * from public.calendar_feed_events(:'token');
select tests.clear_authentication();
select is((select array_agg(distinct pet_name) from events), array['Bo'], 'anon with the token sees the parent''s pets'' bookings, and only theirs');
select ok(exists (select 1 from events where booking_id = :'booking'::uuid), 'the booking is in the feed');

select matches(tests.try_as('anon', format('select * from public.calendar_feed_events(%L)', 'not-a-token')), '^error:PT404:', 'an unknown token finds nothing');
select matches(tests.try_as('anon', 'select public.create_calendar_feed()'), '^error:42501:', 'anon cannot make a feed');
select matches(tests.try_as('staff', 'select public.create_calendar_feed()'), '^error:42501:', 'staff (not a parent) cannot make a feed');
select matches(tests.try_as('driver', 'select public.create_calendar_feed()'), '^error:42501:', 'a driver cannot make a feed');
select matches(tests.try_as('parent', 'select * from private.calendar_feeds'), '^error:42501:', 'the token table is not reachable over the API');

-- The other parent's feed shows their booking, not ours.
select tests.authenticate_as('other_parent');
select public.create_calendar_feed() as other_token \gset
select tests.clear_authentication();
select is((select array_agg(pet_name) from public.calendar_feed_events(:'other_token')), array['Zed'], 'another parent''s feed shows only their pets');

-- A new token revokes the old; revoking kills the current one.
select tests.authenticate_as('parent');
select public.create_calendar_feed() as token2 \gset
select tests.clear_authentication();
select matches(tests.try_as('anon', format('select * from public.calendar_feed_events(%L)', :'token')), '^error:PT404:', 'a replaced token stops working');
select is(tests.try_as('parent', 'select public.revoke_calendar_feed()'), 'ok:1', 'the parent revokes the feed');
select tests.authenticate_as('parent');
select public.revoke_calendar_feed();
select tests.clear_authentication();
select matches(tests.try_as('anon', format('select * from public.calendar_feed_events(%L)', :'token2')), '^error:PT404:', 'a revoked token stops working');

select * from finish();
rollback;
