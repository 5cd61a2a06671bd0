-- Opening hours as rules: the one place that answers "is this service's site open at this instant, and until
-- when?". book_service and the walk-in path of check_in_by_tag call it.

-- The site whose hours a service keeps: its own location, else the business's only active location.
-- Raises closed_day (a closure that date, or a weekday without hours) or outside_opening_hours; returns the
-- instant the site next closes, or null when the site has no hours set. A day closing at 24:00 runs on into a
-- next day that opens at 00:00 and is not a closure, so a 24-hour kennel is one open span across midnight (the
-- demo seed keeps its sites open 00:00-24:00 every day); the span is followed for at most two weeks, and a site
-- open all that time is taken as open until the end of it. A visit without a length ends at
-- private.visit_end, which caps this at midnight.
-- Invoker: every caller that may book may read the service, its site, hours and closures.
create function private.service_open_until(p_service_id uuid, p_at timestamptz) returns timestamptz
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_business uuid;
  v_location uuid;
  v_tz text;
  v_day date;
  v_time time;
  v_hours public.opening_hours;
  v_reason text;
  v_until timestamptz;
begin
  select s.business_id, s.location_id into v_business, v_location from public.services s where s.id = p_service_id;
  if v_location is null then
    select (array_agg(l.id))[1] into v_location from public.locations l
    where l.business_id = v_business and l.is_active
    having count(*) = 1;
  end if;
  if v_location is null then
    return null;
  end if;
  v_tz := (select b.timezone from public.businesses b where b.id = v_business);
  v_day := (p_at at time zone v_tz)::date;
  v_time := (p_at at time zone v_tz)::time;

  select c.reason into v_reason from public.closures c where c.location_id = v_location and c.on_date = v_day;
  if found then
    raise exception 'the location is closed on %', v_day using errcode = '22023',
      hint = 'closed_day',
      detail = jsonb_build_object('date', v_day, 'reason', v_reason)::text;
  end if;
  if not exists (select 1 from public.opening_hours h where h.location_id = v_location) then
    return null;
  end if;
  select * into v_hours from public.opening_hours h
  where h.location_id = v_location and h.weekday = extract(isodow from v_day);
  if not found or v_hours.opens is null then
    raise exception 'the location is closed on %', v_day using errcode = '22023',
      hint = 'closed_day',
      detail = jsonb_build_object('date', v_day, 'reason', null)::text;
  end if;
  if v_time < v_hours.opens or v_time >= v_hours.closes then
    raise exception 'the location is open % to % on %', v_hours.opens, v_hours.closes, v_day using errcode = '22023',
      hint = 'outside_opening_hours',
      detail = jsonb_build_object('date', v_day, 'opens', to_char(v_hours.opens, 'HH24:MI'),
        'closes', to_char(v_hours.closes, 'HH24:MI'))::text;
  end if;
  -- the first day from today whose closing is not continued by the next day's midnight opening
  select (g.day + h.closes) at time zone v_tz into v_until
  from (select v_day + i as day from generate_series(0, 14) as i) g
  join public.opening_hours h on h.location_id = v_location and h.weekday = extract(isodow from g.day)
  where not (h.closes = time '24:00'
             and exists (select 1 from public.opening_hours n
                         where n.location_id = v_location and n.weekday = extract(isodow from g.day + 1)
                           and n.opens = time '00:00')
             and not exists (select 1 from public.closures c where c.location_id = v_location and c.on_date = g.day + 1))
  order by g.day
  limit 1;
  return coalesce(v_until, (v_day + 15)::timestamp at time zone v_tz);
end
$$;
comment on function private.service_open_until(uuid, timestamptz) is
  'Instant the service''s site next closes after p_at, a 24:00 closing running on into a next day opening at 00:00 (null: no hours set); refuses closed days and times outside the hours.';
revoke execute on function private.service_open_until(uuid, timestamptz) from public;
grant execute on function private.service_open_until(uuid, timestamptz) to authenticated, service_role;

-- When a visit given no end finishes: after the service's duration, else at closing time or the end of its day
-- on the business's clock, whichever comes first (least ignores a null closing: a site without hours). Shared
-- by book_service and the walk-in override of check-in.
create function private.visit_end(p_starts_at timestamptz, p_duration_minutes integer, p_closes timestamptz,
  p_tz text) returns timestamptz
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return coalesce(p_starts_at + make_interval(mins => p_duration_minutes),
    least(p_closes, ((p_starts_at at time zone p_tz)::date + 1)::timestamp at time zone p_tz));
end
$$;
comment on function private.visit_end(timestamptz, integer, timestamptz, text) is
  'End of a visit given no end: its duration, else closing time or midnight on the business''s clock, whichever is first.';
revoke execute on function private.visit_end(timestamptz, integer, timestamptz, text) from public;
grant execute on function private.visit_end(timestamptz, integer, timestamptz, text) to authenticated, service_role;
