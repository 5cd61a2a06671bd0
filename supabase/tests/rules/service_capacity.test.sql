-- A service's daily capacity cannot drop below the places a coming day already holds; raising it, setting
-- it to unlimited, or lowering it to exactly the booked count is fine. Only managers edit services.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
select plan(6);

select tests.build_world();
-- the world's own booking (tomorrow, some hour) is set aside so the count below is exact
update public.bookings set status = 'cancelled' where id = tests.id('bookings');
-- two places held tomorrow on tenant A's service (capacity null = unlimited in the world)
insert into public.pets (business_id, client_id, name, species) values (tests.id('businesses'), tests.id('clients'), 'Second', 'dog');
insert into public.bookings (business_id, service_id, client_id, pet_id, starts_at, ends_at, status)
select tests.id('businesses'), tests.id('services'), p.client_id, p.id, tests.today_start() + interval '1 day 8 hours',
  tests.today_start() + interval '1 day 17 hours', 'confirmed'
from public.pets p where p.id = tests.id('pets') or (p.business_id = tests.id('businesses') and p.name = 'Second');

create function pg_temp.refusal(p_sql text) returns text
language plpgsql as $$
declare v_code text; v_hint text; v_detail text;
begin
  begin
    execute p_sql;
    raise exception using errcode = 'TSTOK';
  exception
    when sqlstate 'TSTOK' then return 'ok';
    when others then
      get stacked diagnostics v_code = returned_sqlstate, v_hint = pg_exception_hint, v_detail = pg_exception_detail;
      return v_code || ':' || coalesce(nullif(v_hint, ''), '-') || coalesce(':' || nullif(v_detail, ''), '');
  end;
end $$;

select tests.authenticate_as('manager');
select matches(pg_temp.refusal(format('update public.services set daily_capacity = 1 where id = %L', tests.id('services'))),
  '^23514:capacity_below_bookings:\{"day": "\d{4}-\d\d-\d\d", "booked": 2\}$', 'a capacity below a coming day''s bookings is refused, naming the day and the count');
select is(pg_temp.refusal(format('update public.services set daily_capacity = 2 where id = %L', tests.id('services'))), 'ok',
  'a capacity equal to the bookings is accepted');
update public.services set daily_capacity = 2 where id = tests.id('services');
select is(pg_temp.refusal(format('update public.services set daily_capacity = 5, name = %L where id = %L', 'Bigger', tests.id('services'))), 'ok',
  'raising the capacity is accepted');
select is(pg_temp.refusal(format('update public.services set daily_capacity = null where id = %L', tests.id('services'))), 'ok',
  'unlimited is accepted');
select tests.clear_authentication();

-- a cancelled booking holds no place
update public.bookings set status = 'cancelled' where service_id = tests.id('services') and starts_at > tests.today_start() + interval '1 day';
select tests.authenticate_as('manager');
select is(pg_temp.refusal(format('update public.services set daily_capacity = 0 where id = %L', tests.id('services'))), 'ok',
  'cancelled bookings do not hold the capacity up');
select tests.clear_authentication();

select tests.authenticate_as('staff');
select is((select count(*)::int from (select 1 from public.services where id = tests.id('services')) s), 1, 'staff read services');
select tests.clear_authentication();

select * from finish();
rollback;
