-- Refusals are machine-readable: "not found" is PT404 (PostgREST answers 404, not 500), every refusal
-- carries a snake_case hint naming it (supabase/schemas/README.md lists them), and values a sentence needs
-- travel as a JSON object in detail.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(8);

select tests.build_world();

-- SQLSTATE, hint and detail of a statement's error, as {"code", "hint", "detail"}; the statement is undone.
create function pg_temp.refusal(p_sql text) returns jsonb
language plpgsql as $$
declare
  v_code text; v_hint text; v_detail text;
begin
  begin
    execute p_sql;
    raise exception using errcode = 'TSTOK';
  exception
    when sqlstate 'TSTOK' then return '{"code": "none"}'::jsonb;
    when others then
      get stacked diagnostics v_code = returned_sqlstate, v_hint = pg_exception_hint, v_detail = pg_exception_detail;
      return jsonb_build_object('code', v_code, 'hint', nullif(v_hint, ''), 'detail', nullif(v_detail, ''));
  end;
end $$;

select tests.authenticate_as('staff');
create temp table r on commit drop as select
  pg_temp.refusal($$select public.check_in_by_tag('04:AA:BB:CC', gen_random_uuid())$$) as unknown_tag,
  pg_temp.refusal(format('select public.confirm_booking(%L)', gen_random_uuid())) as unknown_booking,
  pg_temp.refusal(format('select public.book_service(%L, %L, now(), now() + interval ''1 hour'')',
    gen_random_uuid(), tests.id('pets'))) as unknown_service,
  pg_temp.refusal($$select public.accept_invitation('no-such-token')$$) as unknown_invitation;
select tests.clear_authentication();

select is((select unknown_tag ->> 'code' from r), 'PT404', 'an unknown tag is PT404');
select is((select unknown_tag - 'code' from r), '{"hint": "tag_not_found", "detail": "{\"uid\": \"04:aa:bb:cc\"}"}'::jsonb,
  'an unknown tag names its refusal and carries the uid it looked for');
select is((select unknown_booking from r), '{"code": "PT404", "hint": "booking_not_found", "detail": null}'::jsonb,
  'an unknown booking is PT404 booking_not_found');
select is((select unknown_service from r), '{"code": "PT404", "hint": "service_not_found", "detail": null}'::jsonb,
  'booking an unknown service is PT404 service_not_found');
select is((select unknown_invitation from r), '{"code": "PT404", "hint": "invitation_not_found", "detail": null}'::jsonb,
  'an unknown invitation token is PT404 invitation_not_found');

-- a refusal that is not "not found" keeps its SQLSTATE and gains a hint
select tests.authenticate_as('parent');
create temp table p on commit drop as
  select pg_temp.refusal(format('select public.register_tag(%L, %L)', tests.id('pets'), 'aa:bb:cc:dd:ee:77')) as parent_tag,
    pg_temp.refusal(format('select public.dashboard(%L)', tests.id('businesses'))) as parent_dashboard;
select tests.clear_authentication();
select is((select parent_tag ->> 'code' from p), 'PT404', 'a parent registering a tag does not find the pet');
select is((select parent_dashboard from p), '{"code": "42501", "hint": "dashboard_staff_only", "detail": null}'::jsonb,
  'a parent reading the dashboard is refused with 42501 dashboard_staff_only');

-- every raise in the app's functions names its refusal
select is_empty($$
  select format('%s.%s', n.nspname, p.proname)
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname in ('public', 'private')
    and (select count(*) from regexp_matches(p.prosrc, 'raise exception', 'gi'))
      <> (select count(*) from regexp_matches(p.prosrc, 'hint = ''[a-z_]+''', 'gi'))
  order by 1$$,
  'every raise exception in public and private has a snake_case hint');

select * from finish();
rollback;
