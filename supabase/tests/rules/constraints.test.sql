-- Invalid states the tables make unrepresentable.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(11);

select tests.build_world();
insert into public.clients (id, business_id, full_name) values ('00000000-0000-4000-8000-0000000000b1', tests.id('business_b'), 'B Client');

insert into public.pets (id, business_id, client_id, name) values ('00000000-0000-4000-8000-0000000000b2', tests.id('business_b'), '00000000-0000-4000-8000-0000000000b1', 'B Pet');
select lives_ok(
  format($$insert into public.pet_tags (business_id, pet_id, uid) values (%L, '00000000-0000-4000-8000-0000000000b2', 'aa:bb:cc:dd:ee:01')$$, tests.id('business_b')),
  'the same tag uid may exist in another business'
);
select throws_ok(
  format($$insert into public.pet_tags (business_id, pet_id, uid, active) values (%L, %L, 'aa:bb:cc:dd:ee:01', false)$$, tests.id('businesses'), tests.id('pets')),
  '23505', null, 'a tag uid is unique within a business'
);
select throws_ok(
  format($$insert into public.pet_tags (business_id, pet_id, uid) values (%L, %L, 'AA:BB')$$, tests.id('businesses'), tests.id('pets')),
  '23514', null, 'tag uids are stored normalised'
);
select throws_ok(
  format($$insert into public.pets (business_id, client_id, name) values (%L, %L, 'Smuggled')$$, tests.id('businesses'), '00000000-0000-4000-8000-0000000000b1'),
  '23503', null, 'a pet cannot belong to a client of another business'
);
select throws_ok(
  format($$insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at)
           values (%L, %L, %L, %L, now(), now() + interval '1 hour')$$,
         tests.id('businesses'), tests.id('services'), tests.id('pets'), '00000000-0000-4000-8000-0000000000b1'),
  '23503', null, 'a booking''s pet must be its client''s pet'
);
select throws_ok(format($$update public.services set daily_capacity = -1 where id = %L$$, tests.id('services')), '23514', null, 'capacities are non-negative');
select throws_ok(format($$update public.locations set capacity = '{"daycare": -3}' where id = %L$$, tests.id('locations')), '23514', null, 'location capacities are non-negative numbers');
select throws_ok(format($$update public.routes set vehicle_capacity = -1 where id = %L$$, tests.id('routes')), '23514', null, 'vehicle capacity is non-negative');
select throws_ok(format($$update public.vaccinations set expires_on = administered_on - 1 where id = %L$$, tests.id('vaccinations')), '23514', null, 'a vaccine expires after it was given');
select throws_ok(format($$update public.transport_requests set window_end = window_start where id = %L$$, tests.id('transport_requests')), '23514', null, 'a transport window ends after it starts');
select throws_ok(
  format($$insert into public.invitations (business_id, email, role, client_id, token_hash) values (%L, 'a@b.test', 'staff', %L, %L)$$,
         tests.id('businesses'), tests.id('clients'), repeat('a', 64)),
  '23514', null, 'an invitation is for staff or for a client, not both'
);

select * from finish();
rollback;
