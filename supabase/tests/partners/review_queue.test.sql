-- The review queue of parked partner deliveries: staff of the business resolve one by picking the pet (it lands
-- through the webhook's own landing, verified, with the partner as source) or dismiss it with a reason; both are
-- audited. Another business's staff, a parent, a driver and anon are refused. Preferred vet / food brand of a
-- pet must be partners of the right kind.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(22);

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

create or replace function pg_temp.record(p_chip text, p_vaccine text default 'A Lepto', p_batch text default 'Q-1')
returns jsonb
language sql as $$
  select jsonb_build_object('microchip', p_chip, 'vaccine', jsonb_build_object('name', p_vaccine),
    'administered_on', current_date, 'expires_on', current_date + 365, 'batch', p_batch)
$$;

-- two parked deliveries: an unknown chip, and another unknown chip with a vaccine missing from the catalogue
set local role service_role;
select public.receive_partner_event(tests.id('partners'), 'q-1', 'vaccination.recorded.v1',
  pg_temp.record('123456789012345')) ->> 'event_id' as parked \gset
select public.receive_partner_event(tests.id('partners'), 'q-2', 'vaccination.recorded.v1',
  pg_temp.record('123456789012346', 'Moonpox', 'Q-2')) ->> 'event_id' as moonpox \gset
select public.receive_partner_event(tests.id('partners'), 'q-3', 'vaccination.recorded.v1',
  pg_temp.record('123456789012347', 'A Lepto', 'Q-3')) ->> 'event_id' as dismissable \gset
reset role;

select is((select outcome from public.partner_events where id = :'parked'), 'parked', 'an unknown chip is parked');

-- staff of the business see the queue
select tests.authenticate_as('staff');
select is((select count(*)::int from public.partner_events where outcome = 'parked' and message_id like 'q-%'), 3,
  'staff read the parked deliveries of their business');
select tests.clear_authentication();
select tests.authenticate_as('other_owner');
select is((select count(*)::int from public.partner_events), 0, 'another business''s owner reads none');
select tests.clear_authentication();
select tests.authenticate_as('parent');
select is((select count(*)::int from public.partner_events), 0, 'a pet parent reads none');
select tests.clear_authentication();
select tests.authenticate_as('driver');
select is((select count(*)::int from public.partner_events), 0, 'a driver reads none');
select tests.clear_authentication();

-- refusals of resolve and dismiss
select matches(pg_temp.try_as('other_owner', format('select public.resolve_partner_event(%L, %L)', :'parked', tests.id('pets'))),
  '^error:PT404:', 'another business''s owner cannot resolve');
select matches(pg_temp.try_as('parent', format('select public.resolve_partner_event(%L, %L)', :'parked', tests.id('pets'))),
  '^error:PT404:', 'a pet parent cannot resolve');
select matches(pg_temp.try_as('driver', format('select public.resolve_partner_event(%L, %L)', :'parked', tests.id('pets'))),
  '^error:PT404:', 'a driver cannot resolve');
select matches(pg_temp.try_as('anon', format('select public.resolve_partner_event(%L, %L)', :'parked', tests.id('pets'))),
  '^error:42501:', 'anon cannot call resolve_partner_event');
select matches(pg_temp.try_as('anon', format('select public.dismiss_partner_event(%L, %L)', :'parked', 'no')),
  '^error:42501:', 'anon cannot call dismiss_partner_event');
select matches(pg_temp.try_as('other_owner', format('select public.dismiss_partner_event(%L, %L)', :'parked', 'no')),
  '^error:PT404:', 'another business''s owner cannot dismiss');

-- a pet of another business is never a landing place
insert into public.clients (business_id, full_name) values (tests.id('business_b'), 'B client');
insert into public.pets (business_id, client_id, name, species)
select tests.id('business_b'), c.id, 'B dog', 'dog' from public.clients c where c.business_id = tests.id('business_b');
select matches(pg_temp.try_as('staff', format('select public.resolve_partner_event(%L, %L)', :'parked',
    (select id from public.pets where name = 'B dog'))),
  '^error:PT404:', 'a pet of another business cannot be picked');

-- staff resolve: the record lands on the chosen pet as the webhook would land it
select tests.authenticate_as('staff');
select public.resolve_partner_event(:'parked', tests.id('pets')) as resolved \gset
select tests.clear_authentication();
select is(:'resolved'::jsonb ->> 'outcome', 'landed', 'resolving lands the record');
select is(
  (select row(v.pet_id, v.source, v.partner_id, v.verified_at is not null, v.batch)::text from public.vaccinations v
   where v.id = (:'resolved'::jsonb ->> 'vaccination_id')::uuid),
  row(tests.id('pets'), 'partner'::public.vaccination_source, tests.id('partners'), true, 'Q-1')::text,
  'on the chosen pet, verified, with the partner as source');
select is((select row(outcome, reason, processed_at is not null)::text from public.partner_events where id = :'parked'),
  row('landed', null::text, true)::text, 'the delivery is now landed');
select is((select count(*)::int from public.audit_log where table_name = 'partner_events' and row_id = :'parked'
   and action = 'UPDATE' and actor = tests.id('staff') and old ->> 'outcome' = 'parked' and new ->> 'outcome' = 'landed'), 1,
  'the resolution is audited with the member of staff as actor');
select matches(pg_temp.try_as('staff', format('select public.resolve_partner_event(%L, %L)', :'parked', tests.id('pets'))),
  '^error:PT409:', 'a delivery is resolved only once');

-- a vaccine missing from the catalogue stays parked, with the new reason
select tests.authenticate_as('staff');
select public.resolve_partner_event(:'moonpox', tests.id('pets')) as still \gset
select tests.clear_authentication();
select is(:'still'::jsonb ->> 'reason', 'no dog vaccine named Moonpox in the catalogue',
  'a vaccine the catalogue lacks keeps it parked, saying why');

-- dismiss with a reason
select matches(pg_temp.try_as('staff', format('select public.dismiss_partner_event(%L, %L)', :'dismissable', '  ')),
  '^error:22023:', 'a dismissal needs a reason');
select tests.authenticate_as('staff');
select public.dismiss_partner_event(:'dismissable', 'pet left us in 2024') as dismissed \gset
select tests.clear_authentication();
select is((select row(outcome, reason)::text from public.partner_events where id = :'dismissable'),
  row('dismissed', 'pet left us in 2024')::text, 'a dismissed delivery keeps the reason given');

-- preferred partners must be of the right kind
select matches(tests.try(format('update public.pets set preferred_food_brand_id = %L where id = %L',
    tests.id('partners'), tests.id('pets'))),
  '^error:23514:', 'a vet cannot be a pet''s food brand');
select is(tests.try(format('update public.pets set preferred_vet_id = %L where id = %L',
    tests.id('partners'), tests.id('pets'))),
  'ok:1', 'a vet can be a pet''s preferred vet');

select * from finish();
rollback;
