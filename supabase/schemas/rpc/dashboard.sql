-- Security definer: the figures live in a private view no API role may read; this function is the one
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
begin
  if not (v_manager or private.has_role(p_business_id, array['staff']::public.member_role[])) then
    raise exception 'only the business''s staff may read its dashboard' using errcode = '42501',
      hint = 'dashboard_staff_only';
  end if;
  return query
    select s.business_id, s.today, s.refreshed_at, s.occupancy, s.pets_checked_in, s.active_pets, s.compliant_pets,
           case when v_manager then s.revenue_today_cents end,
           case when v_manager then s.revenue_month_cents end,
           s.currency,
           case when v_manager then s.booked_today_cents end,
           case when v_manager then s.checked_out_today_cents end,
           case when v_manager then s.booked_month_cents end,
           case when v_manager then s.checked_out_month_cents end,
           s.charts
    from private.dashboard_stats s
    where s.business_id = p_business_id;
end
$$;
comment on function public.dashboard(uuid) is 'The business''s dashboard figures and chart series as of the last refresh (money null for staff); refuses non-staff.';
revoke execute on function public.dashboard(uuid) from public, anon;
grant execute on function public.dashboard(uuid) to authenticated, service_role;
