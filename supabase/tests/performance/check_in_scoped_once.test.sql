-- The scan rpcs prove the caller's membership once and then work as definer within that business, so
-- nothing outside it may leak through them: another tenant, a stranger or the pet's parent replaying a
-- scan id gets no scan card. A check-in is broadcast once to the parent (as the booking change) and both
-- as booking change and scan to the business roster.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(8);

select tests.build_world();
select tests.book_today('confirmed');
delete from realtime.messages;

select tests.authenticate_as('staff');
create temp table first_scan on commit drop as
  select extensions.gen_random_uuid() as scan_id, null::jsonb as r;
update first_scan set r = public.check_in_by_tag('aa:bb:cc:dd:ee:01', scan_id);
select is((select r ->> 'status' from first_scan), 'checked_in', 'staff check the pet in');
select is((select public.check_in_by_tag('aa:bb:cc:dd:ee:01', scan_id) ->> 'replayed' from first_scan), 'true',
  'the same staff member replaying the scan id gets the first answer back');
select tests.clear_authentication();

select scan_id as scan from first_scan \gset
grant select on first_scan to authenticated;

select tests.authenticate_as('other_owner');
select matches(tests.try(format('select public.check_in_by_tag(%L, %L)', 'aa:bb:cc:dd:ee:01', :'scan')), '^error:PT404:',
  'another tenant''s owner replaying the scan id gets no card: the uid is looked up in their own business');
select tests.clear_authentication();
select tests.authenticate_as('stranger');
select matches(tests.try(format('select public.check_in_by_tag(%L, %L)', 'aa:bb:cc:dd:ee:01', :'scan')), '^error:42501:',
  'someone who works nowhere replaying the scan id is refused');
select tests.clear_authentication();
select tests.authenticate_as('parent');
select matches(tests.try(format('select public.check_out_by_tag(%L, %L)', 'aa:bb:cc:dd:ee:01', :'scan')), '^error:42501:',
  'the pet''s parent replaying the scan id is refused: scans are staff work');
select tests.clear_authentication();

select ok(
  exists (select 1 from realtime.messages where topic = 'client:' || tests.key('clients') and payload ->> 'table' = 'bookings'
          and payload -> 'record' ->> 'status' = 'checked_in'),
  'the parent hears the check-in as their booking moving to checked_in'
);
select is(
  (select count(*)::int from realtime.messages where topic = 'client:' || tests.key('clients') and payload ->> 'table' = 'tag_scans'),
  0, 'the parent is not sent the scan row as well'
);
select is(
  (select array_agg(distinct payload ->> 'table' order by payload ->> 'table') from realtime.messages
   where topic = 'business:' || tests.key('businesses')),
  array['bookings', 'tag_scans'], 'the roster hears both the booking change and the scan'
);

select * from finish();
rollback;
