-- A business's own vaccine types (#9): managers add, edit and deactivate them; a type in use (a record or a
-- service names it) is never deleted, an active service's requirement is not deactivated, names are unique
-- per species with a named refusal, validity is positive. The global catalogue is read-only to everyone
-- in the API; another business's owner, staff, a driver, a parent and anon change nothing. Members name
-- themselves with set_my_display_name; managers save the business profile.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(28);

select tests.build_world();

create function pg_temp.refusal(p_sql text) returns text
language plpgsql as $$
declare v_code text; v_hint text;
begin
  begin
    execute p_sql;
    raise exception using errcode = 'TSTOK';
  exception
    when sqlstate 'TSTOK' then return 'ok';
    when others then
      get stacked diagnostics v_code = returned_sqlstate, v_hint = pg_exception_hint;
      return v_code || ':' || coalesce(nullif(v_hint, ''), '-');
  end;
end $$;

-- the same, but a statement that succeeds stays done
create function pg_temp.run(p_sql text) returns text
language plpgsql as $$
declare v_code text; v_hint text;
begin
  execute p_sql;
  return 'ok';
exception when others then
  get stacked diagnostics v_code = returned_sqlstate, v_hint = pg_exception_hint;
  return v_code || ':' || coalesce(nullif(v_hint, ''), '-');
end $$;

-- as someone (kept when it succeeds)
create function pg_temp.refusal_as(p_actor text, p_sql text) returns text
language plpgsql as $$
declare v text;
begin
  perform tests.act_as(p_actor);
  v := pg_temp.run(p_sql);
  perform tests.clear_authentication();
  return v;
end $$;

-- rows of tenant A's own: 'A Lepto' has a vaccination record (the world's), 'A Spare' nothing
select is(pg_temp.refusal_as('manager', format(
  $$insert into public.vaccine_types (business_id, species, name, valid_days, required) values (%L, 'cat', 'FeLV', 365, true)$$,
  tests.id('businesses'))), 'ok', 'a manager adds a vaccine type');
select is((select valid_days || '/' || required || '/' || is_active from public.vaccine_types
  where business_id = tests.id('businesses') and name = 'FeLV'), '365/true/true', 'it is stored as typed, active');
select is((select count(*)::int from public.audit_log where table_name = 'vaccine_types' and action = 'INSERT'
  and new ->> 'name' = 'FeLV'), 1, 'adding a vaccine type is audited');

-- bad input
select is(pg_temp.refusal_as('owner', format(
  $$insert into public.vaccine_types (business_id, species, name, valid_days) values (%L, 'cat', ' felv ', 365)$$,
  tests.id('businesses'))), '23505:vaccine_type_name_taken', 'the same name for the same species is refused by name');
select is(pg_temp.refusal_as('owner', format(
  $$insert into public.vaccine_types (business_id, species, name, valid_days) values (%L, 'dog', 'FeLV', 365)$$,
  tests.id('businesses'))), 'ok', 'the same name for another species is fine');
select is(pg_temp.refusal_as('owner', format(
  $$insert into public.vaccine_types (business_id, species, name, valid_days) values (%L, 'dog', 'Zero', 0)$$,
  tests.id('businesses'))), '23514:-', 'a validity of 0 days is refused by the check');
select is(pg_temp.refusal_as('owner', format(
  $$update public.vaccine_types set name = 'A Lepto' where id = %L$$, tests.id('vaccine_types_spare'))),
  '23505:vaccine_type_name_taken', 'renaming onto a taken name is refused by name');

-- in use
select is(pg_temp.refusal_as('owner', format('delete from public.vaccine_types where id = %L', tests.id('vaccine_types'))),
  '23503:vaccine_type_in_use', 'a vaccine type with records is never deleted');
select is(pg_temp.refusal_as('owner', format($$update public.vaccine_types set species = 'cat' where id = %L$$, tests.id('vaccine_types'))),
  '23514:vaccine_type_species_in_use', 'nor does its species change');
update public.services set required_vaccine_type_ids = array[tests.id('vaccine_types_spare')] where id = tests.id('services');
select is(pg_temp.refusal_as('manager', format('delete from public.vaccine_types where id = %L', tests.id('vaccine_types_spare'))),
  '23503:vaccine_type_in_use', 'a vaccine type a service requires is never deleted');
select is(pg_temp.refusal_as('manager', format('update public.vaccine_types set is_active = false where id = %L', tests.id('vaccine_types_spare'))),
  '23514:vaccine_type_required_by_service', 'nor deactivated while an active service requires it');
update public.services set is_active = false where id = tests.id('services');
select is(pg_temp.refusal_as('manager', format('update public.vaccine_types set is_active = false where id = %L', tests.id('vaccine_types_spare'))),
  'ok', 'once the service is deactivated, so may the vaccine be');
select is(pg_temp.refusal_as('manager', format('update public.vaccine_types set is_active = false, required = true where id = %L', tests.id('vaccine_types'))),
  '23514:vaccine_type_inactive_required', 'a deactivated vaccine cannot be required of every pet');
select is((select count(*)::int from public.audit_log where table_name = 'vaccine_types' and action = 'UPDATE'
  and row_id = tests.id('vaccine_types_spare')::text), 1, 'deactivating is audited');
select is(pg_temp.refusal_as('owner', format(
  $$insert into public.vaccine_types (business_id, species, name, valid_days) values (%L, 'rabbit', 'Unused', 30)$$,
  tests.id('businesses'))), 'ok', 'an unused type');
select is(pg_temp.refusal_as('owner', format($$delete from public.vaccine_types where business_id = %L and name = 'Unused'$$,
  tests.id('businesses'))), 'ok', 'an unused vaccine type may be deleted');

-- the catalogue and outsiders
insert into public.vaccine_types (id, business_id, species, name, valid_days, required)
values ('00000000-0000-4000-8000-00000000cc01', null, 'bird', 'Polyomavirus (test)', 365, false);
select is(pg_temp.refusal_as('owner', $$update public.vaccine_types set valid_days = 1 where id = '00000000-0000-4000-8000-00000000cc01'$$), 'ok',
  'an owner''s update of a catalogue row touches nothing');
select is((select valid_days from public.vaccine_types where id = '00000000-0000-4000-8000-00000000cc01'
  ), 365, 'the global catalogue stays as it is for an owner of a business');
select is(pg_temp.refusal_as('owner', $$delete from public.vaccine_types where id = '00000000-0000-4000-8000-00000000cc01'$$), 'ok',
  'deleting a catalogue row touches nothing (RLS hides it from writes)');
select ok(exists (select 1 from public.vaccine_types where id = '00000000-0000-4000-8000-00000000cc01'), 'the catalogue row is still there');
select is(
  (select string_agg(a || '=' || pg_temp.refusal_as(a, format(
     $$insert into public.vaccine_types (business_id, species, name, valid_days) values (%L, 'dog', 'Intruder %s', 30)$$,
     tests.id('businesses'), a)), ',' order by a)
   from unnest(array['anon', 'driver', 'other_owner', 'parent', 'staff']) a),
  'anon=42501:-,driver=42501:-,other_owner=42501:-,parent=42501:-,staff=42501:-',
  'another business''s owner, staff, a driver, a parent and anon cannot add a vaccine type');
select is((select string_agg(a, ',' order by a) from unnest(array['anon', 'driver', 'other_owner', 'parent', 'staff']) a
  where exists (select 1 from public.vaccine_types where name = 'Intruder ' || a)), null, 'nothing was written');

-- display names and the business profile
select is(pg_temp.refusal_as('staff', $$select public.set_my_display_name('  Sam Staff  ')$$), 'ok', 'a member names themselves');
select is((select display_name from public.memberships where user_id = tests.id('staff')), 'Sam Staff', 'trimmed, on their membership');
select is(pg_temp.refusal_as('staff', $$select public.set_my_display_name('   ')$$) || ' ' ||
  pg_temp.refusal_as('anon', $$select public.set_my_display_name('Nobody')$$), '22023:display_name_invalid 42501:-',
  'a blank name is refused by name; anon may not call it');
select is(pg_temp.refusal_as('manager', format($$update public.businesses set name = 'Renamed by manager', timezone = 'Europe/Paris' where id = %L$$,
  tests.id('businesses'))), 'ok', 'a manager saves the business profile');
select is((select name || ' ' || timezone from public.businesses where id = tests.id('businesses')), 'Renamed by manager Europe/Paris',
  'the profile is saved');
select is(pg_temp.refusal_as('manager', format($$update public.businesses set slug = 'stolen-slug' where id = %L$$,
  tests.id('businesses'))) || ' ' || pg_temp.refusal_as('staff', format($$update public.businesses set name = 'Staff' where id = %L$$,
  tests.id('businesses'))) || ' ' || (select name from public.businesses where id = tests.id('businesses')),
  '42501:- ok Renamed by manager', 'the web address stays as created; desk staff change nothing');

select * from finish();
rollback;
