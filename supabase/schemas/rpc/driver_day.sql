-- The driver's day: their routes for today (in each business's time zone) and any still in progress, each stop
-- with what the driver needs and no more — the address and point, the window, the trip notes, the pet's name,
-- species and handling notes, the parent's first name and phone. Security definer because drivers may not read
-- pets or clients (their policies are for staff and parents); this function is the driver's only view of them.
create function public.driver_day() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_is_driver boolean;
  v_routes jsonb;
begin
  if v_uid is null then
    raise exception 'sign in to see your routes' using errcode = '42501', hint = 'drive_sign_in';
  end if;
  -- step 1: a driver is a member with the driver role, or anyone dispatch gave a route today
  v_is_driver := exists (select 1 from public.memberships m where m.user_id = v_uid and m.role = 'driver');
  -- step 2: today's routes (or older ones left in progress), stops in order
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', r.id, 'business_id', r.business_id, 'business_name', b.name, 'timezone', b.timezone,
           'service_date', r.service_date, 'status', r.status, 'vehicle_name', v.name, 'seats', r.vehicle_capacity,
           'distance_m', r.distance_m, 'duration_s', r.duration_s,
           -- where the van starts and ends (the optimiser plans each van from its own depot), else the route's site
           'depot', case when v.depot_geo is not null then jsonb_build_object(
               'lat', extensions.st_y(v.depot_geo::extensions.geometry), 'lng', extensions.st_x(v.depot_geo::extensions.geometry),
               'name', v.name || ' depot')
             when l.geo is not null then jsonb_build_object(
               'lat', extensions.st_y(l.geo::extensions.geometry), 'lng', extensions.st_x(l.geo::extensions.geometry), 'name', l.name) end,
           'stops', coalesce((
             select jsonb_agg(jsonb_build_object(
               'id', s.id, 'seq', s.seq, 'status', s.status, 'kind', t.kind, 'planned_eta', s.planned_eta,
               'window_start', t.window_start, 'window_end', t.window_end, 'arrived_at', s.arrived_at, 'done_at', s.done_at,
               'skip_reason', s.skip_reason, 'address', t.address, 'notes', t.notes,
               'lat', case when t.geo is not null then extensions.st_y(t.geo::extensions.geometry) end,
               'lng', case when t.geo is not null then extensions.st_x(t.geo::extensions.geometry) end,
               'pet_name', p.name, 'species', p.species, 'handling_notes', p.handling_notes,
               'parent_name', split_part(btrim(c.full_name), ' ', 1), 'parent_phone', c.phone) order by s.seq)
             from public.route_stops s
             join public.transport_requests t on t.id = s.transport_request_id
             join public.pets p on p.id = t.pet_id
             join public.clients c on c.id = p.client_id
             where s.route_id = r.id), '[]'::jsonb)) order by r.service_date, r.created_at), '[]'::jsonb)
  into v_routes
  from public.routes r
  join public.businesses b on b.id = r.business_id
  left join public.vehicles v on v.id = r.vehicle_id
  left join public.locations l on l.id = r.depot_location_id
  where r.driver_id = v_uid
    and (r.service_date = (now() at time zone b.timezone)::date or r.status = 'in_progress');
  return jsonb_build_object('is_driver', v_is_driver or v_routes <> '[]'::jsonb, 'routes', v_routes);
end
$$;
comment on function public.driver_day() is 'The signed-in driver''s routes today with the minimum about each stop''s pet and parent.';
revoke execute on function public.driver_day() from public, anon;
grant execute on function public.driver_day() to authenticated;
