create function public.confirm_booking(p_booking_id uuid) returns public.bookings
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  update public.bookings set status = 'confirmed' where id = p_booking_id and status <> 'confirmed' returning * into v_booking;
  if not found then
    select * into v_booking from public.bookings where id = p_booking_id;
    if not found then
      raise exception 'booking not found' using errcode = 'PT404',
        hint = 'booking_not_found';
    end if;
  end if;
  return v_booking;
end
$$;
comment on function public.confirm_booking(uuid) is 'Confirms a requested or waitlisted booking (staff only; a full day refuses).';
revoke execute on function public.confirm_booking(uuid) from public, anon;
grant execute on function public.confirm_booking(uuid) to authenticated, service_role;
