-- The reports dashboard (SPEC §5 flow 8): today's occupancy per service, check-ins so far, vaccine
-- compliance and revenue, per business. The figures scan bookings, scans and vaccinations of a whole
-- tenant, so they are computed once a minute by pg_cron into a materialized view rather than on every
-- page view; the view is private and read only through public.dashboard(), which checks who asks.

-- pg_cron is preloaded by the local stack and enabled on hosted projects; a no-op where it exists.
create extension if not exists pg_cron;

create materialized view private.dashboard_stats as
with business_day as (
  -- each business's today and this month, on its own clock, as instants
  select b.id as business_id,
         (now() at time zone b.timezone)::date as today,
         ((now() at time zone b.timezone)::date::timestamp at time zone b.timezone) as day_start,
         (((now() at time zone b.timezone)::date + 1)::timestamp at time zone b.timezone) as day_end,
         (date_trunc('month', now() at time zone b.timezone) at time zone b.timezone) as month_start,
         ((date_trunc('month', now() at time zone b.timezone) + interval '1 month') at time zone b.timezone) as month_end
  from public.businesses b
), occupancy as (
  -- places held and waiting today, per active service
  select s.business_id,
         jsonb_agg(jsonb_build_object(
           'service_id', s.id, 'name', s.name, 'capacity', s.daily_capacity,
           'booked', x.booked, 'waitlisted', x.waitlisted) order by s.name) as services
  from public.services s
  join business_day d on d.business_id = s.business_id
  cross join lateral (
    select count(*) filter (where private.booking_holds_place(bk.status))::int as booked,
           count(*) filter (where bk.status = 'waitlisted')::int as waitlisted
    from public.bookings bk
    where bk.service_id = s.id and bk.starts_at < d.day_end and bk.ends_at > d.day_start
  ) x
  where s.is_active
  group by s.business_id
), check_ins as (
  -- pets checked in at least once today
  select d.business_id, count(distinct t.pet_id)::int as pets_checked_in
  from business_day d
  join public.tag_scans t on t.business_id = d.business_id and t.action = 'check_in'
    and t.scanned_at >= d.day_start and t.scanned_at < d.day_end
  group by d.business_id
), compliance as (
  -- active pets, and those with every required vaccine valid today (the rule pet_vaccine_status applies:
  -- required for the species, globally or by the business; parent uploads count once verified)
  select p.business_id, count(*)::int as active_pets,
         count(*) filter (where not exists (
           select 1 from public.vaccine_types vt
           where vt.required and vt.species = p.species and (vt.business_id is null or vt.business_id = p.business_id)
             and not exists (
               select 1 from public.vaccinations v
               where v.pet_id = p.id and v.vaccine_type_id = vt.id and v.expires_on >= d.today
                 and (v.source <> 'parent' or v.verified_at is not null))
         ))::int as compliant_pets
  from public.pets p
  join business_day d on d.business_id = p.business_id
  where p.is_active
  group by p.business_id
), revenue as (
  -- the service price of each confirmed or attended booking starting today / this month
  select d.business_id,
         coalesce(sum(s.price_cents) filter (where bk.starts_at >= d.day_start and bk.starts_at < d.day_end), 0)::bigint as today_cents,
         coalesce(sum(s.price_cents), 0)::bigint as month_cents
  from business_day d
  join public.bookings bk on bk.business_id = d.business_id
    and bk.status in ('confirmed', 'checked_in', 'checked_out')
    and bk.starts_at >= d.month_start and bk.starts_at < d.month_end
  join public.services s on s.id = bk.service_id
  group by d.business_id
), money as (
  -- issue 10, defect 13: booked value and checked-out value, separately, each (pet, service, start) once
  -- (a duplicate made before the no-double-booking constraint counts once), never a cancelled, no-show or
  -- waitlisted booking, and "this month" runs from the 1st to the end of today (no future days)
  select d.business_id,
         coalesce(sum(x.price_cents) filter (where x.starts_at >= d.day_start), 0)::bigint as booked_today_cents,
         coalesce(sum(x.price_cents) filter (where x.starts_at >= d.day_start and x.status = 'checked_out'), 0)::bigint as checked_out_today_cents,
         coalesce(sum(x.price_cents), 0)::bigint as booked_month_cents,
         coalesce(sum(x.price_cents) filter (where x.status = 'checked_out'), 0)::bigint as checked_out_month_cents
  from business_day d
  left join lateral (
    select distinct on (bk.pet_id, bk.service_id, bk.starts_at) bk.starts_at, bk.status, s.price_cents
    from public.bookings bk
    join public.services s on s.id = bk.service_id
    where bk.business_id = d.business_id
      and bk.status in ('confirmed', 'checked_in', 'checked_out')
      and bk.starts_at >= d.month_start and bk.starts_at < d.day_end
    order by bk.pet_id, bk.service_id, bk.starts_at, bk.status desc
  ) x on true
  group by d.business_id
), occupancy_ahead as (
  -- charts: places held per active service on each of the next 14 days (today first)
  select s.business_id,
         jsonb_agg(jsonb_build_object('service_id', s.id, 'name', s.name, 'capacity', s.daily_capacity, 'days', x.days)
                   order by s.name) as services
  from public.services s
  join business_day d on d.business_id = s.business_id
  cross join lateral (
    select jsonb_agg(jsonb_build_object('day', dd.day, 'booked', (
             select count(*) from public.bookings bk
             where bk.service_id = s.id and private.booking_holds_place(bk.status)
               and bk.starts_at < dd.day_end and bk.ends_at > dd.day_start)::int) order by dd.day) as days
    from (select (d.today + n) as day,
                 ((d.today + n)::timestamp at time zone b.timezone) as day_start,
                 ((d.today + n + 1)::timestamp at time zone b.timezone) as day_end
          from generate_series(0, 13) n, public.businesses b where b.id = s.business_id) dd
  ) x
  where s.is_active
  group by s.business_id
), check_ins_by_hour as (
  -- charts: check-ins per hour of today against a typical day (the mean of the 28 days before), local hours
  select d.business_id,
         jsonb_agg(jsonb_build_object('hour', h.hour, 'today', coalesce(t.today, 0), 'typical', coalesce(t.typical, 0))
                   order by h.hour) as hours
  from business_day d
  cross join generate_series(0, 23) h (hour)
  left join lateral (
    select count(*) filter (where ts.scanned_at >= d.day_start)::int as today,
           round(count(*) filter (where ts.scanned_at < d.day_start) / 28.0, 1)::float8 as typical
    from public.tag_scans ts
    join public.businesses b on b.id = d.business_id
    where ts.business_id = d.business_id and ts.action = 'check_in'
      and ts.scanned_at >= d.day_start - interval '28 days' and ts.scanned_at < d.day_end
      and extract(hour from ts.scanned_at at time zone b.timezone) = h.hour
  ) t on true
  group by d.business_id
), compliance_trend as (
  -- charts: the share of active pets with every required vaccine valid, at the end of each of the last 12 weeks
  select d.business_id,
         jsonb_agg(jsonb_build_object('day', w.day, 'active', w.active, 'compliant', w.compliant) order by w.day) as weeks
  from business_day d
  cross join lateral (
    select (d.today - 7 * k) as day,
           count(p.id)::int as active,
           count(p.id) filter (where not exists (
             select 1 from public.vaccine_types vt
             where vt.required and vt.species = p.species and (vt.business_id is null or vt.business_id = p.business_id)
               and not exists (
                 select 1 from public.vaccinations v
                 where v.pet_id = p.id and v.vaccine_type_id = vt.id
                   and v.administered_on <= d.today - 7 * k and v.expires_on >= d.today - 7 * k
                   and (v.source <> 'parent' or v.verified_at is not null))
           ))::int as compliant
    from generate_series(0, 11) k
    left join public.pets p on p.business_id = d.business_id and p.is_active
      and p.created_at < ((d.today - 7 * k + 1)::timestamp at time zone 'UTC')
    group by k
  ) w
  group by d.business_id
)
select d.business_id,
       d.today,
       now() as refreshed_at,
       coalesce(o.services, '[]'::jsonb) as occupancy,
       coalesce(c.pets_checked_in, 0) as pets_checked_in,
       coalesce(cp.active_pets, 0) as active_pets,
       coalesce(cp.compliant_pets, 0) as compliant_pets,
       coalesce(r.today_cents, 0) as revenue_today_cents,
       coalesce(r.month_cents, 0) as revenue_month_cents,
       coalesce(b.settings ->> 'currency', 'GBP') as currency,
       coalesce(m.booked_today_cents, 0) as booked_today_cents,
       coalesce(m.checked_out_today_cents, 0) as checked_out_today_cents,
       coalesce(m.booked_month_cents, 0) as booked_month_cents,
       coalesce(m.checked_out_month_cents, 0) as checked_out_month_cents,
       jsonb_build_object(
         'occupancy_14d', coalesce(oa.services, '[]'::jsonb),
         'check_ins_by_hour', coalesce(ch.hours, '[]'::jsonb),
         'compliance_trend', coalesce(ct.weeks, '[]'::jsonb)
       ) as charts
from business_day d
join public.businesses b on b.id = d.business_id
left join money m on m.business_id = d.business_id
left join occupancy_ahead oa on oa.business_id = d.business_id
left join check_ins_by_hour ch on ch.business_id = d.business_id
left join compliance_trend ct on ct.business_id = d.business_id
left join occupancy o on o.business_id = d.business_id
left join check_ins c on c.business_id = d.business_id
left join compliance cp on cp.business_id = d.business_id
left join revenue r on r.business_id = d.business_id;
comment on materialized view private.dashboard_stats is 'One row of dashboard figures per business as of refreshed_at; read through public.dashboard().';
-- unique, so the refresh can run concurrently and readers never wait for it
create unique index dashboard_stats_business_id_key on private.dashboard_stats (business_id);
revoke all on private.dashboard_stats from public, anon, authenticated, service_role;

-- Security definer: the job runs as whoever scheduled it, but service_role (an admin "refresh now") is not
-- the view's owner, and only the owner may refresh a materialized view.
create function private.refresh_dashboard() returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  refresh materialized view concurrently private.dashboard_stats;
end
$$;
comment on function private.refresh_dashboard() is 'Recomputes the dashboard figures; run every minute by the refresh-dashboard cron job.';
revoke execute on function private.refresh_dashboard() from public, anon, authenticated;
grant execute on function private.refresh_dashboard() to service_role;

-- Idempotent: pg_cron (1.3+) replaces a job scheduled again under the same name.
create function private.setup_dashboard_cron() returns bigint
language sql
volatile
set search_path = ''
as $$
  select cron.schedule('refresh-dashboard', '* * * * *', 'select private.refresh_dashboard()')
$$;
comment on function private.setup_dashboard_cron() is 'Schedules (or reschedules) the refresh-dashboard job; returns its job id.';
revoke execute on function private.setup_dashboard_cron() from public, anon, authenticated, service_role;

select private.setup_dashboard_cron();
