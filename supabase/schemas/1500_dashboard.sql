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
)
select d.business_id,
       d.today,
       now() as refreshed_at,
       coalesce(o.services, '[]'::jsonb) as occupancy,
       coalesce(c.pets_checked_in, 0) as pets_checked_in,
       coalesce(cp.active_pets, 0) as active_pets,
       coalesce(cp.compliant_pets, 0) as compliant_pets,
       coalesce(r.today_cents, 0) as revenue_today_cents,
       coalesce(r.month_cents, 0) as revenue_month_cents
from business_day d
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
