-- Cancels what is left of a series: its live bookings starting at or after p_from (default now), so a
-- family stopping a recurring daycare keeps the visits already made. Each freed place goes to the waitlist
-- as for any cancellation. Invoker: only bookings the caller may change are cancelled.
create function public.cancel_series(p_series_id uuid, p_from timestamptz default now(), p_reason text default null)
returns integer
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if not exists (select 1 from public.bookings where series_id = p_series_id) then
    raise exception 'series not found' using errcode = 'PT404',
      hint = 'series_not_found';
  end if;
  with cancelled as (
    update public.bookings
    set status = 'cancelled',
        notes = case when p_reason is null then notes else concat_ws(E'\n', notes, 'Cancelled: ' || p_reason) end
    where series_id = p_series_id and starts_at >= p_from and status in ('requested', 'confirmed', 'waitlisted')
    returning 1
  )
  select count(*) into v_count from cancelled;
  return v_count;
end
$$;
comment on function public.cancel_series(uuid, timestamptz, text) is 'Cancels the requested, confirmed and waitlisted bookings of a series from a moment on; returns how many.';
revoke execute on function public.cancel_series(uuid, timestamptz, text) from public, anon;
grant execute on function public.cancel_series(uuid, timestamptz, text) to authenticated, service_role;
