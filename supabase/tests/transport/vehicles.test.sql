-- Vans: the default driver must belong to the business, a plan may only name the business's active vans,
-- and the drivers list is for the desk of that business only.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(12);

select tests.build_world();
select (current_date + 3)::text as day \gset

-- a default driver from another business (B's owner) is refused by the foreign key
select throws_ok(
  format($$insert into public.vehicles (business_id, name, seats, depot_geo, default_driver_id)
           values (%L, 'Stray van', 4, 'SRID=4326;POINT(-0.1 51.5)', %L)$$, tests.id('businesses'), tests.id('other_owner')),
  '23503', null, 'a van''s default driver must be a member of its business'
);
select throws_ok(
  format($$insert into public.vehicles (business_id, name, seats, depot_geo) values (%L, 'Bus', 61, 'SRID=4326;POINT(-0.1 51.5)')$$,
         tests.id('businesses')),
  '23514', null, 'seats are between 1 and 60'
);
select throws_ok(
  format($$insert into public.vehicles (business_id, name, seats, depot_geo) values (%L, 'A van', 4, 'SRID=4326;POINT(-0.1 51.5)')$$,
         tests.id('businesses')),
  '23505', null, 'van names are unique within a business'
);

-- removing the driver from the business clears the van's default driver, nothing else
delete from public.memberships where business_id = tests.id('businesses') and user_id = tests.id('driver');
select is((select default_driver_id from public.vehicles where id = tests.id('vehicles')), null,
  'a driver who leaves is no longer the van''s default driver');
select is((select business_id from public.vehicles where id = tests.id('vehicles')), tests.id('businesses'),
  'and the van stays with its business');
insert into public.memberships (business_id, user_id, role) values (tests.id('businesses'), tests.id('driver'), 'driver');

-- list_drivers: the desk of A sees its members with names; everyone else is refused
select tests.authenticate_as('staff');
select ok(
  (select bool_or(user_id = tests.id('driver') and role = 'driver') and count(*) >= 4
   from public.list_drivers(tests.id('businesses'))),
  'staff list their business''s members, the driver among them'
);
select is((select role::text from public.list_drivers(tests.id('businesses')) limit 1), 'driver', 'drivers come first');
select tests.clear_authentication();
select tests.authenticate_as('driver');
select throws_ok(format('select * from public.list_drivers(%L)', tests.id('businesses')), '42501', null,
  'a driver may not list the members');
select tests.clear_authentication();
select tests.authenticate_as('parent');
select throws_ok(format('select * from public.list_drivers(%L)', tests.id('businesses')), '42501', null,
  'a parent may not list the members');
select tests.clear_authentication();
select tests.authenticate_as('other_owner');
select throws_ok(format('select * from public.list_drivers(%L)', tests.id('businesses')), '42501', null,
  'another business''s owner may not list them');
select tests.clear_authentication();

-- a plan naming a van of another business (or an inactive one) is refused; the business's own van is written
insert into public.vehicles (id, business_id, name, seats, depot_geo)
values ('b0b0b0b0-0000-4000-8000-0000000000aa', tests.id('business_b'), 'B van', 4, 'SRID=4326;POINT(-73.9 40.7)');
insert into public.transport_requests (id, business_id, pet_id, kind, address, window_start, window_end)
values ('c0000000-0000-4000-8000-0000000000a1', tests.id('businesses'), tests.id('pets'), 'pickup', '1 A Street',
        (:'day'::date + time '08:00') at time zone 'Europe/London', (:'day'::date + time '09:00') at time zone 'Europe/London');
select tests.authenticate_as('staff');
select throws_ok(
  format('select public.replace_route_plan(%L, %L, %L)', tests.id('businesses'), :'day',
    jsonb_build_array(jsonb_build_object('vehicle_id', 'b0b0b0b0-0000-4000-8000-0000000000aa', 'vehicle_capacity', 4,
      'stops', jsonb_build_array(jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-0000000000a1', 'seq', 1))))),
  '22023', null, 'a plan may not use another business''s van'
);
select is(
  public.replace_route_plan(tests.id('businesses'), :'day'::date,
    jsonb_build_array(jsonb_build_object('vehicle_id', tests.id('vehicles'), 'vehicle_capacity', 6,
      'stops', jsonb_build_array(jsonb_build_object('transport_request_id', 'c0000000-0000-4000-8000-0000000000a1', 'seq', 1)))))
    -> 0 ->> 'vehicle_id',
  tests.id('vehicles')::text, 'a plan records the van each route uses'
);
select tests.clear_authentication();

select * from finish();
rollback;
