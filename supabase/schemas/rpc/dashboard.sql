-- Security definer: the figures live in private aggregate tables no API role may read; this function is the one
-- door, open to the business's desk (owner, manager, staff). Revenue is for managers and owners only, so
-- staff see it as null; everyone else (other tenants, parents, drivers) is refused.
create function public.dashboard(p_business_id uuid)
returns table (
  business_id uuid,
  today date,
  refreshed_at timestamptz,
  occupancy jsonb,
  pets_checked_in integer,
  active_pets integer,
  compliant_pets integer,
  revenue_today_cents bigint,
  revenue_month_cents bigint,
  currency text,
  booked_today_cents bigint,
  checked_out_today_cents bigint,
  booked_month_cents bigint,
  checked_out_month_cents bigint,
  charts jsonb
)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_manager boolean := private.has_role(p_business_id, array['owner', 'manager']::public.member_role[]);
  v_tz text;
  v_today date;
  v_month_start date;
  v_next_month date;
begin
  if not (v_manager or private.has_role(p_business_id, array['staff']::public.member_role[])) then
    raise exception 'only the business''s staff may read its dashboard' using errcode = '42501',
      hint = 'dashboard_staff_only';
  end if;
  select b.timezone into v_tz from public.businesses b where b.id = p_business_id;
  v_today := (now() at time zone v_tz)::date;
  v_month_start := date_trunc('month', v_today)::date;
  v_next_month := (v_month_start + interval '1 month')::date;
  return query
    with svc as (
      select s.id, s.name, s.daily_capacity, s.price_cents, s.is_active
      from public.services s
      where s.business_id = p_business_id
    ), days as (
      -- this month (revenue) and the next 14 days (occupancy) of the business's service-day rows
      select d.service_id, d.day, d.booked, d.waitlisted, d.starting, d.starting_visits, d.checked_out_visits
      from private.dashboard_service_days d
      where d.business_id = p_business_id and d.day >= least(v_month_start, v_today)
        and d.day < greatest(v_next_month, v_today + 14)
    ), occupancy as (
      select jsonb_agg(jsonb_build_object(
               'service_id', s.id, 'name', s.name, 'capacity', s.daily_capacity,
               'booked', coalesce(d.booked, 0), 'waitlisted', coalesce(d.waitlisted, 0)) order by s.name) as services
      from svc s
      left join days d on d.service_id = s.id and d.day = v_today
      where s.is_active
    ), money as (
      select coalesce(sum(s.price_cents * d.starting) filter (where d.day = v_today), 0)::bigint as revenue_today,
             coalesce(sum(s.price_cents * d.starting) filter (where d.day >= v_month_start and d.day < v_next_month), 0)::bigint as revenue_month,
             coalesce(sum(s.price_cents * d.starting_visits) filter (where d.day = v_today), 0)::bigint as booked_today,
             coalesce(sum(s.price_cents * d.checked_out_visits) filter (where d.day = v_today), 0)::bigint as checked_out_today,
             coalesce(sum(s.price_cents * d.starting_visits) filter (where d.day >= v_month_start and d.day <= v_today), 0)::bigint as booked_month,
             coalesce(sum(s.price_cents * d.checked_out_visits) filter (where d.day >= v_month_start and d.day <= v_today), 0)::bigint as checked_out_month
      from days d
      join svc s on s.id = d.service_id
    ), occupancy_ahead as (
      select jsonb_agg(jsonb_build_object('service_id', s.id, 'name', s.name, 'capacity', s.daily_capacity, 'days', x.days)
                       order by s.name) as services
      from svc s
      cross join lateral (
        select jsonb_agg(jsonb_build_object('day', v_today + n, 'booked', coalesce(d.booked, 0)) order by n) as days
        from generate_series(0, 13) n
        left join days d on d.service_id = s.id and d.day = v_today + n
      ) x
      where s.is_active
    ), hours as (
      -- check-ins per local hour today against a typical day (the mean of the 28 days before)
      select jsonb_agg(jsonb_build_object('hour', h.hour, 'today', coalesce(t.today, 0), 'typical', coalesce(t.typical, 0))
                       order by h.hour) as hours
      from generate_series(0, 23) h (hour)
      left join (
        select c.hour,
               sum(c.check_ins) filter (where c.day = v_today)::int as today,
               round(coalesce(sum(c.check_ins) filter (where c.day < v_today), 0) / 28.0, 1)::float8 as typical
        from private.dashboard_check_in_hours c
        where c.business_id = p_business_id and c.day >= v_today - 28 and c.day <= v_today
        group by c.hour
      ) t on t.hour = h.hour
    ), changes as (
      -- the days on which active pets' compliance begins or ends: a day's figure is the sum up to it
      select c.day, c.valid, c.covered, c.created
      from private.dashboard_compliance_days c
      where c.business_id = p_business_id
    ), compliance as (
      select coalesce(sum(c.created), 0)::int as active_pets,
             coalesce(sum(c.valid) filter (where c.day <= v_today), 0)::int as compliant_pets
      from changes c
    ), trend as (
      -- the share of active pets with every required vaccine valid at the end of each of the last 12 weeks
      -- (active: created by that day)
      select jsonb_agg(jsonb_build_object('day', w.day, 'active', w.active, 'compliant', w.compliant) order by w.day) as weeks
      from (
        select v_today - 7 * k as day,
               coalesce(sum(c.created), 0)::int as active,
               coalesce(sum(c.covered), 0)::int as compliant
        from generate_series(0, 11) k
        left join changes c on c.day <= v_today - 7 * k
        group by k
      ) w
    )
    select p_business_id, v_today, now(),
           coalesce((select o.services from occupancy o), '[]'::jsonb),
           (select count(*)::int from private.dashboard_pet_check_in_days c
            where c.business_id = p_business_id and c.day = v_today),
           cp.active_pets, cp.compliant_pets,
           case when v_manager then m.revenue_today end,
           case when v_manager then m.revenue_month end,
           coalesce(b.settings ->> 'currency', 'GBP'),
           case when v_manager then m.booked_today end,
           case when v_manager then m.checked_out_today end,
           case when v_manager then m.booked_month end,
           case when v_manager then m.checked_out_month end,
           jsonb_build_object(
             'occupancy_14d', coalesce((select oa.services from occupancy_ahead oa), '[]'::jsonb),
             'check_ins_by_hour', (select h.hours from hours h),
             'compliance_trend', (select t.weeks from trend t)
           )
    from public.businesses b, money m, compliance cp
    where b.id = p_business_id;
end
$$;
comment on function public.dashboard(uuid) is 'The business''s dashboard figures and chart series computed now from the incremental aggregates (money null for staff); refuses non-staff.';
revoke execute on function public.dashboard(uuid) from public, anon;
grant execute on function public.dashboard(uuid) to authenticated, service_role;
