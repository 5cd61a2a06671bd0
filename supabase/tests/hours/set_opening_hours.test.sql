-- set_opening_hours replaces a week at once: owners and managers only (staff, drivers, parents, another
-- business and anon refused), invalid or repeated days refused by name with the old week kept.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
\ir _refusal.psql
select plan(12);

select tests.build_world();
create temp table week as select '[{"weekday": 1, "opens": "07:00", "closes": "19:00"}, {"weekday": 6, "opens": "08:00", "closes": "14:00"},
  {"weekday": 7, "opens": null, "closes": null}]'::jsonb as hours;
grant select on week to authenticated, anon;

create function pg_temp.set_as(p_actor text, p_hours jsonb) returns text
language plpgsql as $$
declare
  v text;
begin
  perform tests.act_as(p_actor);
  v := pg_temp.refusal(format('select public.set_opening_hours(%L, %L)', tests.id('locations'), p_hours));
  perform tests.clear_authentication();
  return v;
end $$;

select is(pg_temp.set_as('manager', (select hours from week)), 'ok', 'a manager sets the week');
select is((select string_agg(format('%s %s-%s', weekday, opens, closes), ', ' order by weekday) from public.opening_hours
           where location_id = tests.id('locations')), '1 07:00:00-19:00:00, 6 08:00:00-14:00:00, 7 -', 'the week is stored as sent');
select is(pg_temp.set_as('owner', '[{"weekday": 2, "opens": "19:00", "closes": "07:00"}]'),
  '22023:opening_hours_invalid:{"weekday": 2}', 'closing before opening is refused by weekday');
select is(pg_temp.set_as('owner', '[{"weekday": 3, "opens": "07:00", "closes": "12:00"}, {"weekday": 3, "opens": "11:00", "closes": "18:00"}]'),
  '22023:opening_hours_overlap:{"weekday": 3}', 'two intervals on one weekday are refused as overlapping');
select is(pg_temp.set_as('owner', '[{"weekday": 4, "opens": "7 o''clock", "closes": "12:00"}]'),
  '22023:opening_hours_invalid:{"weekday": 4}', 'an unreadable time is refused');
select is((select count(*)::int from public.opening_hours where location_id = tests.id('locations')), 3,
  'a refused week leaves the old one intact');

select matches(pg_temp.set_as('staff', '[]'), '^42501:settings_managers_only:', 'staff may not change the hours');
select matches(pg_temp.set_as('driver', '[]'), '^42501:settings_managers_only:', 'a driver may not change the hours');
select matches(pg_temp.set_as('parent', '[]'), '^PT404:location_not_found:', 'a parent cannot even see the location');
select matches(pg_temp.set_as('other_owner', '[]'), '^PT404:location_not_found:', 'another business''s owner cannot see the location');
select matches(pg_temp.set_as('anon', '[]'), '^42501:', 'anon may not call it');
select is((select count(*)::int from public.opening_hours where location_id = tests.id('locations')), 3, 'refused callers changed nothing');

select * from finish();
rollback;
