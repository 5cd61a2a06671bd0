-- receive_partner_event (the partner-webhook function, as the service role): a vaccination keyed by microchip
-- lands on the unique pet of the partner's business as a verified partner record; otherwise it is parked with a
-- reason; a message id is accepted once. refuse_partner_delivery records a refusal that keeps the id free.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(14);

select tests.build_world();
-- a second business's pet with a chip of its own, and two pets of business A sharing a chip
insert into public.clients (business_id, full_name) values (tests.id('business_b'), 'B client');
insert into public.pets (business_id, client_id, name, species, microchip)
select tests.id('business_b'), c.id, 'B dog', 'dog', '900000000000009'
from public.clients c where c.business_id = tests.id('business_b');
insert into public.pets (business_id, client_id, name, species, microchip) values
  (tests.id('businesses'), tests.id('clients'), 'Twin A', 'dog', '900000000000002'),
  (tests.id('businesses'), tests.id('clients'), 'Twin B', 'dog', '900000000000002');

create or replace function pg_temp.record(p_chip text, p_vaccine text default 'A Lepto', p_batch text default 'B-1')
returns jsonb
language sql as $$
  select jsonb_build_object('microchip', p_chip, 'vaccine', jsonb_build_object('name', p_vaccine),
    'administered_on', current_date, 'expires_on', current_date + 365, 'batch', p_batch)
$$;

set local role service_role;
select public.receive_partner_event(tests.id('partners'),
  'msg-a', 'vaccination.recorded.v1', pg_temp.record('900000000000001')) as landed \gset
select public.receive_partner_event(tests.id('partners'),
  'msg-a', 'vaccination.recorded.v1', pg_temp.record('900000000000001')) as replay \gset
reset role;

select is(:'landed'::jsonb ->> 'outcome', 'landed', 'a record for a unique microchip lands');
select is(
  (select row(v.pet_id, v.source, v.partner_id, v.verified_at is not null, v.batch)::text from public.vaccinations v
   where v.id = (:'landed'::jsonb ->> 'vaccination_id')::uuid),
  row(tests.id('pets'), 'partner'::public.vaccination_source, tests.id('partners'), true, 'B-1')::text,
  'on the pet with that chip, as a verified partner record naming the partner'
);
select is((select outcome from public.partner_events where partner_id = tests.id('partners') and message_id = 'msg-a'),
  'landed',
  'the delivery is recorded as landed');
select is(:'replay'::jsonb ->> 'replayed', 'true', 'the same message again is a replay');
select is((select count(*)::int from public.vaccinations where batch = 'B-1'), 1, 'a replay lands nothing more');

set local role service_role;
select tests.try(format('select public.receive_partner_event(%L, %L, %L, %L)',
  tests.id('partners'), 'msg-a', 'vaccination.recorded.v1',
  pg_temp.record('900000000000001', 'A Lepto', 'OTHER'))) as reused \gset
select public.receive_partner_event(tests.id('partners'),
  'msg-b', 'vaccination.recorded.v1', pg_temp.record('111111111111111')) as unknown \gset
select public.receive_partner_event(tests.id('partners'),
  'msg-c', 'vaccination.recorded.v1', pg_temp.record('900000000000002')) as twins \gset
select public.receive_partner_event(tests.id('partners'),
  'msg-d', 'vaccination.recorded.v1', pg_temp.record('900000000000009')) as foreign_pet \gset
select public.receive_partner_event(tests.id('partners'),
  'msg-e', 'vaccination.recorded.v1', pg_temp.record('900000000000001', 'Moonpox')) as no_vaccine \gset
reset role;

select matches(:'reused'::text, '^error:PT409:', 'a message id reused for a different message is a conflict');
select is(:'unknown'::jsonb ->> 'outcome', 'parked', 'an unknown microchip is parked');
select is((select reason from public.partner_events where message_id = 'msg-c'),
  '2 pets of this business share microchip 900000000000002',
  'two pets with the chip park the record, saying why');
select is(:'foreign_pet'::jsonb ->> 'outcome', 'parked', 'another business''s pet is never matched');
select is(:'no_vaccine'::jsonb ->> 'outcome', 'parked', 'a vaccine missing from the catalogue is parked');
select is((select count(*)::int from public.vaccinations where partner_id = tests.id('partners')), 1,
  'parked records write no vaccination');

-- a forged delivery is refused and keeps the id free for the genuine message
set local role service_role;
select public.refuse_partner_delivery(tests.id('partners'), 'msg-f', 'webhook-signature does not match');
select public.receive_partner_event(tests.id('partners'),
  'msg-f', 'vaccination.recorded.v1', pg_temp.record('900000000000001', 'A Lepto', 'B-2')) as after_forgery \gset
reset role;
select is(:'after_forgery'::jsonb ->> 'outcome', 'landed',
  'a refusal does not take the message id of the genuine delivery');
select is((select payload from public.partner_events where message_id = 'msg-f' and outcome = 'refused'), '{}'::jsonb,
  'a refused delivery keeps none of its body');

select tests.authenticate_as('owner');
select tests.try(format('select public.receive_partner_event(%L, %L, %L, %L)',
  tests.id('partners'), 'msg-z', 'vaccination.recorded.v1',
  pg_temp.record('900000000000001'))) as as_owner \gset
select tests.clear_authentication();
select matches(:'as_owner'::text, '^error:42501:', 'no signed-in user may land partner records directly');

select * from finish();
rollback;
