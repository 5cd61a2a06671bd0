-- Live updates over private realtime channels: triggers broadcast changes to topics, and RLS on
-- realtime.messages decides who may join (select) or send to (insert) each topic.
--   business:<id>  bookings and tag scans of a business (roster, check-ins)       staff of the business
--   client:<id>    bookings and check-ins of one client's pets                      that pet parent
--   route:<id>     status, stop progress and driver positions of a route (full rows) its driver, staff
--   eta:<route id> a bare nudge when the route moves (no rows, no positions)        its driver, staff, parents with a stop on it
--   user:<id>      in-app notifications of one person (functions/notify)              that user

-- Security definer like the other membership helpers: it reads routes, stops and pets across policies.
create function private.can_join_topic(p_topic text) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select case split_part(p_topic, ':', 1)
      when 'business' then private.uuid_or_null(split_part(p_topic, ':', 2)) in (select private.staff_business_ids())
      when 'client' then private.uuid_or_null(split_part(p_topic, ':', 2)) in (select private.my_client_ids())
      when 'user' then private.uuid_or_null(split_part(p_topic, ':', 2)) = (select auth.uid())
      -- Parents are not on route:<id>: it carries every family's stop rows and the van's every position.
      when 'route' then exists (
        select 1 from public.routes r
        where r.id = private.uuid_or_null(split_part(p_topic, ':', 2))
          and (r.driver_id = (select auth.uid())
               or r.business_id in (select private.staff_business_ids())))
      when 'eta' then exists (
        select 1 from public.routes r
        where r.id = private.uuid_or_null(split_part(p_topic, ':', 2))
          and (r.driver_id = (select auth.uid())
               or r.business_id in (select private.staff_business_ids())
               or r.id in (select private.my_pets_route_ids())))
      else false
    end and split_part(p_topic, ':', 3) = ''
  );
end
$$;
comment on function private.can_join_topic(text) is 'Whether the caller may join a business:, client:, user:, route: or eta: topic.';
revoke execute on function private.can_join_topic(text) from public;
grant execute on function private.can_join_topic(text) to authenticated;

create function private.can_send_to_topic(p_topic text) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select case split_part(p_topic, ':', 1)
      when 'business' then private.uuid_or_null(split_part(p_topic, ':', 2)) in (select private.staff_business_ids())
      when 'route' then exists (
        select 1 from public.routes r
        where r.id = private.uuid_or_null(split_part(p_topic, ':', 2))
          and (r.driver_id = (select auth.uid()) or r.business_id in (select private.staff_business_ids())))
      else false
    end and split_part(p_topic, ':', 3) = ''
  );
end
$$;
comment on function private.can_send_to_topic(text) is 'Whether the caller may broadcast or track presence on a topic (staff and drivers; parents only listen).';
revoke execute on function private.can_send_to_topic(text) from public;
grant execute on function private.can_send_to_topic(text) to authenticated;

create policy "staff, parents and drivers join their topics" on realtime.messages
  for select to authenticated using ((select private.can_join_topic((select realtime.topic()))));
create policy "staff and drivers send on their topics" on realtime.messages
  for insert to authenticated with check ((select private.can_send_to_topic((select realtime.topic()))));

-- Bookings: to the business roster and to the parent.
create function private.broadcast_booking() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_row public.bookings := coalesce(new, old);
begin
  perform realtime.broadcast_changes('business:' || v_row.business_id, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  perform realtime.broadcast_changes('client:' || v_row.client_id, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end
$$;
comment on function private.broadcast_booking() is 'Trigger: broadcasts booking changes to business:<id> and client:<id>.';
revoke execute on function private.broadcast_booking() from public;
create trigger bookings_broadcast after insert or update or delete on public.bookings
  for each row execute function private.broadcast_booking();
comment on trigger bookings_broadcast on public.bookings is 'Broadcasts booking changes to business and client topics.';

-- Check-in scans: to the business topic only. The parent's client:<id> topic already carries the booking's
-- move (checked_in / checked_out, from bookings_broadcast) and nothing there reads scan rows; the roster
-- reads both the booking change and the scan on business:<id>.
create function private.broadcast_tag_scan() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform realtime.broadcast_changes('business:' || new.business_id, tg_op, tg_op, tg_table_name, tg_table_schema, new, null::public.tag_scans);
  return null;
end
$$;
comment on function private.broadcast_tag_scan() is
  'Trigger: broadcasts a scan to business:<id> (the parent hears the check-in as the booking change on client:<id>).';
revoke execute on function private.broadcast_tag_scan() from public;

create trigger tag_scans_broadcast after insert on public.tag_scans
  for each row execute function private.broadcast_tag_scan();

comment on trigger tag_scans_broadcast on public.tag_scans is 'Broadcasts scans to the business topic.';

-- Route progress and positions: to the route.
create function private.broadcast_route_change() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if tg_table_name = 'driver_positions' then
    perform realtime.broadcast_changes('route:' || new.route_id, tg_op, tg_op, tg_table_name, tg_table_schema, new, null::public.driver_positions);
  elsif tg_table_name = 'routes' then
    perform realtime.broadcast_changes('route:' || new.id, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  else
    perform realtime.broadcast_changes('route:' || coalesce(new.route_id, old.route_id), tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  end if;
  return null;
end
$$;
comment on function private.broadcast_route_change() is 'Trigger: broadcasts a route''s status, stop progress and driver positions to route:<id>.';
revoke execute on function private.broadcast_route_change() from public;
create trigger route_stops_broadcast after insert or update or delete on public.route_stops
  for each row execute function private.broadcast_route_change();
comment on trigger route_stops_broadcast on public.route_stops is 'Broadcasts route progress to the route topic.';
create trigger driver_positions_broadcast after insert on public.driver_positions
  for each row execute function private.broadcast_route_change();
comment on trigger driver_positions_broadcast on public.driver_positions is 'Broadcasts route progress to the route topic.';
-- dispatch shows a route as started or finished the moment its driver says so
create trigger routes_broadcast after update of status on public.routes
  for each row when (old.status is distinct from new.status) execute function private.broadcast_route_change();
comment on trigger routes_broadcast on public.routes is 'Broadcasts a route''s status change to the route topic.';

-- No app table is in the supabase_realtime publication: postgres_changes would send every subscriber the
-- DELETE events of a table (RLS cannot filter a row that is gone), and no feature subscribes to it; the
-- broadcasts above are what the app follows (supabase/tests/realtime/publication.test.sql).
