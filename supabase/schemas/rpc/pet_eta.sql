-- What a parent may know about their pet's ride today: the trip's status, minutes until the van reaches their
-- stop (from the driver's last position and the stops before theirs, with the optimiser's travel model), and the
-- van's position only while their stop is open and at most two stops come before it. Never another family's
-- stop. Security definer: parents may read neither positions nor other stops; this is their whole view of the van.
create function public.pet_eta(p_pet_id uuid) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_trip record;
  v_eta timestamptz;
  v_before integer;
  v_van_lat double precision;
  v_van_lng double precision;
  v_van_at timestamptz;
  v_status text;
  v_open boolean;
begin
  if p_pet_id is null or p_pet_id not in (select private.my_pet_ids()) then
    raise exception 'pet not found' using errcode = 'PT404', hint = 'pet_not_found';
  end if;
  -- step 1: today's trip of the pet that is on a route: an open stop on a started route first, then the latest
  -- finished one (the news stays "picked up" until the drop-off run starts), then the next one still planned
  select s.id as stop_id, s.status as stop_status, s.planned_eta, s.arrived_at, s.done_at, s.skip_reason,
         t.kind, t.window_start, t.window_end, t.geo, r.id as route_id, r.status as route_status, p.name as pet_name
  into v_trip
  from public.pets p
  join public.businesses b on b.id = p.business_id
  join public.transport_requests t on t.pet_id = p.id
  join public.route_stops s on s.transport_request_id = t.id
  join public.routes r on r.id = s.route_id and r.service_date = (now() at time zone b.timezone)::date
  where p.id = p_pet_id
  order by (s.status in ('pending', 'arrived') and r.status = 'in_progress') desc,
           (s.status in ('done', 'skipped')) desc,
           coalesce(s.done_at, s.arrived_at, t.window_start) desc,
           t.window_start asc
  limit 1;
  if not found then
    return jsonb_build_object('pet_id', p_pet_id, 'status', 'none');
  end if;
  v_open := v_trip.stop_status in ('pending', 'arrived') and v_trip.route_status = 'in_progress';
  -- step 2: the status a parent reads
  v_status := case
    when v_trip.stop_status = 'skipped' then 'unable'
    when v_trip.stop_status = 'done' then case v_trip.kind when 'pickup' then 'picked_up' else 'dropped_off' end
    when v_trip.route_status <> 'in_progress' then 'scheduled'
    when v_trip.stop_status = 'arrived' then 'arrived'
    when v_trip.kind = 'dropoff' then 'aboard'
    else 'on_the_way' end;
  -- step 3: the live ETA and, near their stop, the van
  if v_open then
    select e.eta, e.stops_before into v_eta, v_before from private.route_etas(v_trip.route_id, now()) e where e.stop_id = v_trip.stop_id;
    if v_before <= 2 then
      select extensions.st_y(d.geo::extensions.geometry), extensions.st_x(d.geo::extensions.geometry), d.recorded_at
      into v_van_lat, v_van_lng, v_van_at from public.driver_positions d where d.route_id = v_trip.route_id order by d.recorded_at desc limit 1;
    end if;
  end if;
  return jsonb_build_object(
    'pet_id', p_pet_id, 'pet_name', v_trip.pet_name, 'route_id', v_trip.route_id, 'kind', v_trip.kind, 'status', v_status,
    'window_start', v_trip.window_start, 'window_end', v_trip.window_end, 'planned_eta', v_trip.planned_eta,
    'done_at', v_trip.done_at, 'reason', v_trip.skip_reason,
    'eta', v_eta,
    'minutes', case when v_eta is not null then greatest(0, ceil(extract(epoch from v_eta - now()) / 60))::int end,
    'stops_before', v_before,
    'stop', case when v_trip.geo is not null then jsonb_build_object(
      'lat', extensions.st_y(v_trip.geo::extensions.geometry), 'lng', extensions.st_x(v_trip.geo::extensions.geometry)) end,
    'van', case when v_van_lat is not null then jsonb_build_object('lat', v_van_lat, 'lng', v_van_lng, 'at', v_van_at) end,
    'updated_at', coalesce(v_van_at, (select max(d.recorded_at) from public.driver_positions d where d.route_id = v_trip.route_id and v_open),
                           v_trip.done_at, v_trip.arrived_at, now()));
end
$$;
comment on function public.pet_eta(uuid) is 'A parent''s view of their pet''s ride today: status, minutes to their stop, the van only near it.';
revoke execute on function public.pet_eta(uuid) from public, anon;
grant execute on function public.pet_eta(uuid) to authenticated;
