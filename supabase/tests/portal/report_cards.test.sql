-- Report cards: staff of the business post the day's note and photos for a pet in care; the pet's parent
-- reads them (and gets one in-app message per card); other businesses' staff, drivers, other parents and
-- anon are refused — for the table, the rpc and the report-photos bucket.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(24);

select tests.build_world();
select tests.book_today('checked_in') as booking \gset
select tests.key('businesses') || '/' || tests.key('pets') as folder \gset
select tests.create_user('other_parent') as other_parent \gset
insert into public.clients (business_id, user_id, full_name) values (tests.id('business_b'), :'other_parent', 'Other Parent');
delete from public.report_cards; -- the world's own card is for the matrix; this file starts clean
delete from public.notifications where template = 'report_card_posted';

create function pg_temp.post_sql(p_booking text, p_note text, p_photos text[]) returns text language sql as $$
  select format('select public.post_report_card(%L::uuid, %L, %L::text[])', p_booking, p_note, p_photos)
$$;

-- Posting
select tests.authenticate_as('staff');
create temp table posted as
  select * from public.post_report_card(:'booking'::uuid, 'Played fetch all morning', array[:'folder' || '/card/1.jpg']);
create temp table again as
  select * from public.post_report_card(:'booking'::uuid, null, array[:'folder' || '/card/2.jpg']);
select tests.clear_authentication();

select is((select note from posted), 'Played fetch all morning', 'staff post a card for a pet in care');
select is((select id from again), (select id from posted), 'posting again the same day adds to the same card');
select is((select photos from again), array[:'folder' || '/card/1.jpg', :'folder' || '/card/2.jpg'], 'photos are appended, the note is kept');
select is(
  (select count(*)::int from public.notifications where template = 'report_card_posted' and channel = 'in_app'
     and recipient_client_id = tests.id('clients')),
  1, 'one in-app message per card, however often it is added to');
select is(
  (select payload ->> 'pet_name' from public.notifications where template = 'report_card_posted' and channel = 'in_app'),
  'Bo', 'the message names the pet (outbox contract: pet_name, date)');
select is(
  (select channel::text || ':' || (payload ? 'date')::text from public.notifications where template = 'report_card_posted'
     and channel = 'in_app'),
  'in_app:true', 'in-app, with the date');

-- Refusals of the rpc
select matches(tests.try_as('parent', pg_temp.post_sql(:'booking', 'hi', '{}')), '^error:42501:', 'the pet''s parent may not post');
select matches(tests.try_as('other_owner', pg_temp.post_sql(:'booking', 'hi', '{}')), '^error:PT404:', 'another business''s owner cannot find the booking');
select matches(tests.try_as('driver', pg_temp.post_sql(:'booking', 'hi', '{}')), '^error:PT404:', 'a driver cannot find the booking');
select matches(tests.try_as('anon', pg_temp.post_sql(:'booking', 'hi', '{}')), '^error:42501:', 'anon may not call it');
select matches(tests.try_as('staff', pg_temp.post_sql(tests.key('bookings'), 'hi', '{}')), '^error:23514:', 'a pet not in care gets no card');
select matches(tests.try_as('staff', pg_temp.post_sql(:'booking', '  ', '{}')), '^error:22023:', 'an empty card is refused');
select matches(tests.try_as('staff', pg_temp.post_sql(:'booking', null, array[tests.key('business_b') || '/' || tests.key('pets') || '/x.jpg'])),
  '^error:22023:', 'a photo outside the pet''s folder is refused');
select matches(tests.try_as('staff', pg_temp.post_sql(:'booking', null, array[:'folder' || '/../x.jpg'])),
  '^error:22023:', 'a path climbing out of the folder is refused');

-- Reading the card
select is(tests.try_as('parent', format('select 1 from public.report_cards where id = %L', (select id from posted))), 'ok:1', 'the parent reads the card');
select is(tests.try_as('other_parent', format('select 1 from public.report_cards where id = %L', (select id from posted))), 'ok:0', 'another business''s parent does not');
select is(tests.try_as('driver', format('select 1 from public.report_cards where id = %L', (select id from posted))), 'ok:0', 'a driver does not');
select is(tests.try_as('other_owner', format('select 1 from public.report_cards where id = %L', (select id from posted))), 'ok:0', 'another business''s owner does not');

-- The bucket
insert into storage.objects (bucket_id, name, owner) values ('report-photos', :'folder' || '/card/1.jpg', tests.id('staff'));
select is((select public from storage.buckets where id = 'report-photos'), false, 'the report-photos bucket is private');
select is(tests.try_as('staff', format('insert into storage.objects (bucket_id, name) values (%L, %L)', 'report-photos', :'folder' || '/card/3.jpg')), 'ok:1', 'staff upload report photos');
select matches(tests.try_as('parent', format('insert into storage.objects (bucket_id, name) values (%L, %L)', 'report-photos', :'folder' || '/card/4.jpg')), '^error:42501:', 'a parent may not upload report photos');
select is(tests.try_as('parent', format('select 1 from storage.objects where bucket_id = %L and name = %L', 'report-photos', :'folder' || '/card/1.jpg')), 'ok:1', 'the pet''s parent reads the photo');
select is(
  (select string_agg(a || '=' || tests.try_as(a, format('select 1 from storage.objects where bucket_id = %L and name = %L', 'report-photos', :'folder' || '/card/1.jpg')), ' ' order by a)
   from unnest(array['driver', 'other_owner', 'other_parent', 'stranger']) a),
  'driver=ok:0 other_owner=ok:0 other_parent=ok:0 stranger=ok:0', 'drivers, other businesses, other parents and strangers see no report photo');
select matches(tests.try_as('anon', format('select 1 from storage.objects where bucket_id = %L', 'report-photos')), '^(ok:0|error:42501:)', 'anon sees none');

select * from finish();
rollback;
