-- The cancellation cut-off: a parent cancels a booking only until settings.cancel_cutoff_hours (24 when
-- unset) before it starts — through cancel_booking or a direct update alike — and is told the cut-off; staff
-- cancel at any time; leaving the waitlist is always allowed.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(9);

select tests.build_world();
-- the world's booking starts in 1 day; two more: in 3 hours (inside 24 h) and one waitlisted soon
update public.bookings set starts_at = now() + interval '3 days', ends_at = now() + interval '3 days 8 hours' where id = tests.id('bookings');
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
values (tests.id('businesses'), tests.id('services_spare'), tests.id('pets'), tests.id('clients'), now() + interval '3 hours', now() + interval '5 hours', 'confirmed')
returning id as soon \gset

create function pg_temp.refusal(p_actor text, p_sql text) returns text language plpgsql as $$
declare
  v_state text; v_hint text; v_detail text;
begin
  perform tests.act_as(p_actor);
  begin
    execute p_sql;
  exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_hint = pg_exception_hint, v_detail = pg_exception_detail;
  end;
  perform tests.clear_authentication();
  return coalesce(v_state || ':' || v_hint || ':' || ((v_detail::jsonb) ->> 'cutoff_hours'), 'no refusal');
end $$;

select is(pg_temp.refusal('parent', format('select public.cancel_booking(%L)', :'soon')), '42501:cancel_after_cutoff:24',
  'a parent cancelling 3 hours before is refused, with the 24-hour cut-off');
select is(pg_temp.refusal('parent', format('update public.bookings set status = %L where id = %L', 'cancelled', :'soon')),
  '42501:cancel_after_cutoff:24', 'the same through a direct update');
select is((select status::text from public.bookings where id = :'soon'), 'confirmed', 'nothing changed');
select is(tests.try_as('parent', format('select public.cancel_booking(%L)', tests.id('bookings'))), 'ok:1',
  'three days ahead the parent cancels');
update public.businesses set settings = settings || '{"cancel_cutoff_hours": 2}' where id = tests.id('businesses');
select is(tests.try_as('parent', format('select public.cancel_booking(%L)', :'soon')), 'ok:1',
  'with a 2-hour cut-off the parent may cancel 3 hours before');

update public.businesses set settings = settings || '{"cancel_cutoff_hours": 72}' where id = tests.id('businesses');
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
values (tests.id('businesses'), tests.id('services'), tests.id('pets'), tests.id('clients'), now() + interval '2 days', now() + interval '2 days 8 hours', 'confirmed')
returning id as later \gset
select is(pg_temp.refusal('parent', format('select public.cancel_booking(%L)', :'later')), '42501:cancel_after_cutoff:72',
  'the business''s own cut-off is the one applied and named');
select is(tests.try_as('staff', format('select public.cancel_booking(%L)', :'later')), 'ok:1', 'staff cancel after the cut-off');

with s as (insert into public.services (business_id, kind, name) values (tests.id('businesses'), 'grooming', 'A Bath') returning id)
insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
select tests.id('businesses'), s.id, tests.id('pets'), tests.id('clients'), now() + interval '3 hours', now() + interval '5 hours', 'waitlisted'
from s
returning id as waiting \gset
select is(tests.try_as('parent', format('select public.cancel_booking(%L)', :'waiting')), 'ok:1',
  'leaving the waitlist is allowed after the cut-off');
select matches(tests.try_as('other_owner', format('select public.cancel_booking(%L)', :'soon')), '^error:PT404:',
  'another business cannot cancel a booking of this one');

select * from finish();
rollback;
