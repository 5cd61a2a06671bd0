-- A position sample from the driver's phone while their route is in progress, kept at most once per 10 seconds.
-- Refuses what cannot be true: coordinates off the globe, a time in the future or more than 10 minutes old, and a
-- jump from the last sample faster than 200 km/h. p_client_position_id makes a replay record once. A sample
-- arriving within 10 s of the last one kept is answered `kept: false` (the live broadcast already carried it).
-- Security definer: drivers have no insert right on driver_positions; these checks are the rules. Each kept
-- sample also enqueues "arriving in about 10 minutes" for stops that close.
create function public.record_driver_position(
  p_route_id uuid, p_lat double precision, p_lng double precision, p_recorded_at timestamptz,
  p_heading real default null, p_speed real default null, p_client_position_id uuid default null
) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_route public.routes;
  v_last public.driver_positions;
  v_geo extensions.geography;
  v_kmh double precision;
begin
  select * into v_route from public.routes r where r.id = p_route_id and r.driver_id = (select auth.uid());
  if not found then
    raise exception 'route not found' using errcode = 'PT404', hint = 'drive_route_not_found';
  end if;
  if v_route.status <> 'in_progress' then
    raise exception 'positions are shared only while the route is in progress' using errcode = 'PT409',
      hint = 'position_route_not_in_progress';
  end if;
  if p_lat is null or p_lng is null or p_lat not between -90 and 90 or p_lng not between -180 and 180
     or p_lat = 'NaN'::float8 or p_lng = 'NaN'::float8 then
    raise exception 'coordinates out of range' using errcode = '22023', hint = 'position_out_of_range';
  end if;
  if p_recorded_at is null or p_recorded_at > now() + interval '30 seconds' then
    raise exception 'a position from the future' using errcode = '22023', hint = 'position_in_future';
  end if;
  if p_recorded_at < now() - interval '10 minutes' then
    raise exception 'a position older than 10 minutes' using errcode = '22023', hint = 'position_too_old';
  end if;
  if p_heading is not null and (p_heading < 0 or p_heading >= 360) or p_speed is not null and p_speed < 0 then
    raise exception 'heading or speed out of range' using errcode = '22023', hint = 'position_out_of_range';
  end if;
  if p_client_position_id is not null and exists (
       select 1 from public.driver_positions d where d.route_id = p_route_id and d.client_position_id = p_client_position_id) then
    return jsonb_build_object('kept', true, 'replayed', true);
  end if;
  v_geo := extensions.st_setsrid(extensions.st_makepoint(p_lng, p_lat), 4326)::extensions.geography;
  select * into v_last from public.driver_positions d where d.route_id = p_route_id order by d.recorded_at desc limit 1;
  if found then
    if p_recorded_at <= v_last.recorded_at then
      -- an older sample than one kept: nothing new to say about where the van is
      return jsonb_build_object('kept', false, 'reason', 'older');
    end if;
    v_kmh := extensions.st_distance(v_last.geo, v_geo, false) / 1000
             / greatest(extract(epoch from p_recorded_at - v_last.recorded_at), 1) * 3600;
    if v_kmh > 200 then
      raise exception 'the van cannot have moved that fast' using errcode = '22023', hint = 'position_jump_too_fast',
        detail = jsonb_build_object('kmh', round(v_kmh))::text;
    end if;
    if p_recorded_at < v_last.recorded_at + interval '10 seconds' then
      return jsonb_build_object('kept', false, 'reason', 'sampled');
    end if;
  end if;
  insert into public.driver_positions (route_id, business_id, recorded_at, geo, heading, speed, client_position_id)
  values (p_route_id, v_route.business_id, p_recorded_at, v_geo, p_heading, p_speed, p_client_position_id);
  perform private.notify_arriving(p_route_id, now());
  return jsonb_build_object('kept', true);
end
$$;
comment on function public.record_driver_position(uuid, double precision, double precision, timestamptz, real, real, uuid) is
  'The driver''s position sample on their route in progress: at most one per 10 s, absurd samples refused.';
revoke execute on function public.record_driver_position(uuid, double precision, double precision, timestamptz, real, real, uuid) from public, anon;
grant execute on function public.record_driver_position(uuid, double precision, double precision, timestamptz, real, real, uuid) to authenticated;
