-- Registering a tag retires the pet's previous tag of that kind; a uid worn by another pet is refused.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(5);

select tests.build_world();
insert into public.pets (id, business_id, client_id, name) values ('00000000-0000-4000-8000-0000000000f1', tests.id('businesses'), tests.id('clients'), 'Second');

select tests.authenticate_as('staff');
select public.register_tag(tests.id('pets'), '  AA:BB:CC:DD:EE:02 ');
select tests.try($$select public.register_tag('00000000-0000-4000-8000-0000000000f1', 'aa:bb:cc:dd:ee:02')$$) as taken \gset
select tests.clear_authentication();
select tests.authenticate_as('parent');
select tests.try(format('select public.register_tag(%L, %L)', tests.id('pets'), 'aa:bb:cc:dd:ee:03')) as parent \gset
select tests.clear_authentication();

select is((select uid from public.pet_tags where pet_id = tests.id('pets') and active), 'aa:bb:cc:dd:ee:02', 'the new tag is active, its uid normalised');
select is((select active from public.pet_tags where id = tests.id('pet_tags')), false, 'the previous tag of the same kind is retired');
select matches(:'taken'::text, '^error:23505:', 'a uid worn by another pet of the business is refused');
select matches(:'parent'::text, '^error:PT404:', 'a parent cannot register tags');
select throws_ok(
  format($$insert into public.pet_tags (business_id, pet_id, uid) values (%L, %L, 'aa:bb:cc:dd:ee:77')$$, tests.id('businesses'), tests.id('pets')),
  '23505', null, 'a pet has at most one active tag of a kind'
);

select * from finish();
rollback;
