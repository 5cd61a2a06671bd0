-- Staff add or edit a pickup or drop-off for a day: the client's address (coordinates when known — a
-- request without them is kept and listed as needing a pin), a time window and notes for the driver.
-- Security invoker: RLS on transport_requests and route_stops applies; the role check comes first so a
-- parent or driver is refused with a reason rather than by a policy's silence.
create function public.save_transport_request(
  p_business_id uuid,
  p_pet_id uuid,
  p_kind public.transport_kind,
  p_address text,
  p_window_start timestamptz,
  p_window_end timestamptz,
  p_lat double precision default null,
  p_lng double precision default null,
  p_notes text default null,
  p_id uuid default null,
  p_booking_id uuid default null
) returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_id uuid;
  v_old public.transport_requests;
  v_geo extensions.geography;
begin
  if not private.has_role(p_business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
    raise exception 'only staff of the business may add or change its transport' using errcode = '42501',
      hint = 'transport_staff_only';
  end if;
  if not exists (select 1 from public.pets p where p.id = p_pet_id and p.business_id = p_business_id) then
    raise exception 'no such pet in this business' using errcode = 'PT404', hint = 'pet_not_found';
  end if;
  if p_booking_id is not null and not exists (
    select 1 from public.bookings b where b.id = p_booking_id and b.business_id = p_business_id and b.pet_id = p_pet_id) then
    raise exception 'no such booking of this pet' using errcode = 'PT404', hint = 'booking_not_found';
  end if;
  if p_kind is null then
    raise exception 'pickup or drop-off?' using errcode = '22023', hint = 'transport_kind_required';
  end if;
  if p_address is null or length(btrim(p_address)) = 0 then
    raise exception 'an address is required' using errcode = '22023', hint = 'transport_address_required';
  end if;
  if p_window_start is null or p_window_end is null or p_window_end <= p_window_start then
    raise exception 'the window must end after it starts' using errcode = '22023', hint = 'transport_window_invalid';
  end if;
  if p_window_end - p_window_start > interval '12 hours' then
    raise exception 'a window is at most 12 hours' using errcode = '22023', hint = 'transport_window_too_long',
      detail = jsonb_build_object('max_hours', 12)::text;
  end if;
  if (p_lat is null) <> (p_lng is null) or abs(p_lat) > 90 or abs(p_lng) > 180 then
    raise exception 'latitude and longitude out of range, or only one of them' using errcode = '22023',
      hint = 'coordinates_invalid';
  end if;
  if length(p_notes) > 500 then
    raise exception 'notes are at most 500 characters' using errcode = '22023', hint = 'transport_notes_too_long',
      detail = jsonb_build_object('max', 500)::text;
  end if;
  v_geo := case when p_lat is not null
    then extensions.st_setsrid(extensions.st_makepoint(p_lng, p_lat), 4326)::extensions.geography end;

  if p_id is null then
    insert into public.transport_requests (business_id, booking_id, pet_id, kind, address, geo, window_start, window_end, notes)
    values (p_business_id, p_booking_id, p_pet_id, p_kind, btrim(p_address), v_geo, p_window_start, p_window_end,
            nullif(btrim(p_notes), ''))
    returning id into v_id;
    return v_id;
  end if;

  select * into v_old from public.transport_requests t where t.id = p_id and t.business_id = p_business_id for update;
  if not found then
    raise exception 'no such transport request' using errcode = 'PT404', hint = 'transport_request_not_found';
  end if;
  if v_old.status not in ('requested', 'scheduled') then
    raise exception 'the trip has started or ended' using errcode = '23514', hint = 'transport_request_closed',
      detail = jsonb_build_object('status', v_old.status)::text;
  end if;
  -- where or when changed: the planned stop no longer fits, so it leaves its (planned) route and waits for a plan
  if v_old.status = 'scheduled' and (v_old.kind <> p_kind or v_old.address <> btrim(p_address)
      or v_old.geo is distinct from v_geo or v_old.window_start <> p_window_start or v_old.window_end <> p_window_end) then
    if exists (select 1 from public.route_stops s join public.routes r on r.id = s.route_id
               where s.transport_request_id = p_id and r.status <> 'planned') then
      raise exception 'the trip is on a route that has started' using errcode = '23514', hint = 'transport_request_closed',
        detail = jsonb_build_object('status', 'in_progress')::text;
    end if;
    delete from public.route_stops s where s.transport_request_id = p_id;
    update public.transport_requests set status = 'requested' where id = p_id;
  end if;
  update public.transport_requests set
    pet_id = p_pet_id, booking_id = p_booking_id, kind = p_kind, address = btrim(p_address), geo = v_geo,
    window_start = p_window_start, window_end = p_window_end, notes = nullif(btrim(p_notes), '')
  where id = p_id;
  return p_id;
end
$$;
comment on function public.save_transport_request(uuid, uuid, public.transport_kind, text, timestamptz, timestamptz, double precision, double precision, text, uuid, uuid) is
  'Staff add (p_id null) or edit a pickup/drop-off; a changed place or time takes a scheduled trip off its planned route.';
revoke execute on function public.save_transport_request(uuid, uuid, public.transport_kind, text, timestamptz, timestamptz, double precision, double precision, text, uuid, uuid) from public, anon;
grant execute on function public.save_transport_request(uuid, uuid, public.transport_kind, text, timestamptz, timestamptz, double precision, double precision, text, uuid, uuid) to authenticated;
