-- A scan resolves the uid in the scanner's own business: the same uid elsewhere is another pet, and
-- another tenant's staff cannot reach this one.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(4);

select tests.build_world();
select tests.book_today('confirmed');
-- tenant B has its own pet wearing the same uid
insert into public.clients (id, business_id, full_name) values ('b0b0b0b0-0000-4000-8000-000000000001', tests.id('business_b'), 'B Client');
insert into public.pets (id, business_id, client_id, name) values ('b0b0b0b0-0000-4000-8000-000000000002', tests.id('business_b'), 'b0b0b0b0-0000-4000-8000-000000000001', 'B Pet');
insert into public.pet_tags (business_id, pet_id, uid) values (tests.id('business_b'), 'b0b0b0b0-0000-4000-8000-000000000002', 'aa:bb:cc:dd:ee:01');

select tests.authenticate_as('other_owner');
create temp table rb as select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid()) as r;
select tests.try(format('select public.check_in_by_tag(%L, extensions.gen_random_uuid(), null, null, %L)', 'aa:bb:cc:dd:ee:01', tests.id('businesses'))) as cross \gset
select tests.clear_authentication();
select tests.authenticate_as('stranger');
select tests.try($$select public.check_in_by_tag('aa:bb:cc:dd:ee:01', extensions.gen_random_uuid())$$) as stranger \gset
select tests.clear_authentication();

select is((select r -> 'pet' ->> 'name' from rb), 'B Pet', 'the uid resolves to the pet of the scanner''s business');
select matches(:'cross'::text, '^error:42501:', 'staff of another business cannot scan into this one');
select matches(:'stranger'::text, '^error:42501:', 'someone who works nowhere cannot scan');
select is((select status::text from public.bookings where pet_id = tests.id('pets') and starts_at = tests.today_start()), 'confirmed',
  'the other tenant''s scan left this pet alone');

select * from finish();
rollback;
