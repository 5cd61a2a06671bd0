create function public.cancel_booking(p_booking_id uuid, p_reason text default null) returns public.bookings
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  update public.bookings
  set status = 'cancelled',
      notes = case when p_reason is null then notes else concat_ws(E'\n', notes, 'Cancelled: ' || p_reason) end
  where id = p_booking_id
  returning * into v_booking;
  if not found then
    raise exception 'booking not found' using errcode = 'PT404',
      hint = 'booking_not_found';
  end if;
  return v_booking;
end
$$;
comment on function public.cancel_booking(uuid, text) is 'Cancels a booking; its place goes to the first on the waitlist who fits.';
revoke execute on function public.cancel_booking(uuid, text) from public, anon;
grant execute on function public.cancel_booking(uuid, text) to authenticated, service_role;
