-- A reviewed care proposal is told to the parent who proposed it: exactly one in-app message per review
-- (accepted or declined, with the staff member's note), through the outbox, to that parent only; a refused
-- second review adds none (counted on the in-app channel: a parent with a push subscription also gets its twin); other families, other businesses, staff who are not managers and anon do not read it.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(15);

select tests.build_world();
select tests.create_user('other_parent') as other_parent \gset
insert into public.clients (business_id, user_id, full_name, email) values (tests.id('businesses'), :'other_parent', 'Other Parent', 'other@tests.test')
returning id as other_client \gset
insert into public.pets (business_id, client_id, name) values (tests.id('businesses'), :'other_client', 'Zed') returning id as other_pet \gset

select tests.authenticate_as('parent');
insert into public.care_change_proposals (business_id, pet_id, client_id, changes)
values (tests.id('businesses'), tests.id('pets'), tests.id('clients'), '{"feeding": "Two cups a day"}') returning id as accept_me \gset
insert into public.care_change_proposals (business_id, pet_id, client_id, changes)
values (tests.id('businesses'), tests.id('pets'), tests.id('clients'), '{"handling_notes": "Loves everyone"}') returning id as reject_me \gset
select tests.clear_authentication();
select tests.authenticate_as('other_parent');
insert into public.care_change_proposals (business_id, pet_id, client_id, changes)
values (tests.id('businesses'), :'other_pet', :'other_client', '{"medication": "none"}') returning id as other_pending \gset
select tests.clear_authentication();

select is((select count(*)::int from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app'), 0, 'proposing sends nothing yet');

-- Declined with a note: one message, to the proposing parent, saying so.
select tests.authenticate_as('staff');
select public.review_care_proposal(:'reject_me', false, '  Please talk to us first  ') is not null as r \gset
select tests.clear_authentication();
select is((select count(*)::int from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app'), 1, 'one review, one message');
select is((select recipient_client_id from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app'), tests.id('clients'), 'to the parent''s client record');
select is((select recipient_user_id from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app'), tests.id('parent'), 'and their login');
select is((select array_agg(channel::text order by channel::text) from public.notifications where template = 'care_proposal_reviewed'),
  array['in_app', 'push'], 'in the app (their portal inbox), plus the push twin of a parent who subscribed to pushes');
select is((select payload - 'proposal_id' - 'pet_id' from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app'),
  '{"pet_name": "Bo", "decision": "rejected", "note": "Please talk to us first", "fields": ["handling_notes"]}'::jsonb,
  'the payload says which pet, declined, the note and what was proposed');

-- Accepted without a note: a second message, for that proposal.
select tests.authenticate_as('manager');
select public.review_care_proposal(:'accept_me', true) is not null as a \gset
select tests.clear_authentication();
select is((select array_agg(payload ->> 'decision' order by payload ->> 'decision') from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app'),
  array['accepted', 'rejected'], 'the accepted proposal gets its own message');
select is((select payload -> 'note' from public.notifications where dedupe_key = 'care_proposal_reviewed:' || :'accept_me'), 'null'::jsonb,
  'no note: none in the message');

-- A refused second review sends nothing more.
select matches(tests.try_as('staff', format('select public.review_care_proposal(%L, false)', :'accept_me')), '^error:23514:', 'reviewing twice is refused');
select is((select count(*)::int from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app'), 2, 'and adds no message');
select is((select count(*)::int from public.notifications where template = 'care_proposal_reviewed' and channel = 'in_app' and recipient_client_id = :'other_client'), 0,
  'the other family (whose proposal waits) got nothing');

-- Who reads the messages: the parent; not the other family, another business, a driver or anon.
select is(tests.try_as('parent', 'select 1 from public.notifications where template = ''care_proposal_reviewed'' and channel = ''in_app'''), 'ok:2', 'the parent reads both');
select is(tests.try_as(a, 'select 1 from public.notifications where template = ''care_proposal_reviewed'' and channel = ''in_app'''), 'ok:0', a || ' reads none')
from unnest(array['other_parent', 'other_owner', 'driver']) a;

select * from finish();
rollback;
