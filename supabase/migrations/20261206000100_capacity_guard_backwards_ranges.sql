-- A booking whose range is empty or backwards has no days to lock: the capacity trigger used to hand
-- a null day list to FOREACH (22004) before the bookings_dates_in_order check could answer 23514.

-- Serialises writers of one service's days, in date order so two multi-day bookings cannot deadlock.
create or replace function private.lock_service_days(p_service_id uuid, p_days date[]) returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  d date;
begin
  foreach d in array coalesce((select array_agg(x order by x) from unnest(p_days) x), '{}'::date[]) loop
    perform pg_advisory_xact_lock(hashtextextended(p_service_id::text || '/' || d::text, 0));
  end loop;
end
$$;
comment on function private.lock_service_days(uuid, date[]) is 'Takes the advisory locks that guard a service''s capacity on the given days (none for an empty list).';

-- Capacity: a booking that would take a place on a full day is waitlisted (on insert) or refused (on update).
create or replace function private.booking_capacity_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_days date[];
begin
  if not private.booking_holds_place(new.status) then
    return new;
  end if;
  -- An empty or backwards range spans no day; the bookings_dates_in_order check refuses it (23514).
  if new.ends_at <= new.starts_at then
    return new;
  end if;
  if tg_op = 'UPDATE' and private.booking_holds_place(old.status)
     and new.starts_at = old.starts_at and new.ends_at = old.ends_at and new.service_id = old.service_id then
    return new;  -- already holds its place
  end if;
  v_days := array(select private.booking_days(new.business_id, new.starts_at, new.ends_at));
  perform private.lock_service_days(new.service_id, v_days);
  if private.service_has_room(new.service_id, v_days, new.id) then
    return new;
  end if;
  if tg_op = 'INSERT' and new.status in ('requested', 'confirmed') then
    new.status := 'waitlisted';
    return new;
  end if;
  raise exception 'the service is fully booked on %', v_days[1] using errcode = '23P01', hint = 'Join the waitlist instead.';
end
$$;
comment on function private.booking_capacity_guard() is 'Trigger: holds daily capacity under a per-service-per-day lock; a full day waitlists; leaves backwards ranges to the dates check.';
