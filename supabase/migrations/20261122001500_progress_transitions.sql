-- Life cycles of transport requests, routes and stops: the allowed status moves are listed on each
-- trigger as 'from>to' arguments, checked by one guard. Bookings have their own (they also involve roles).

create function private.status_transition_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_from text := to_jsonb(old) ->> 'status';
  v_to text := to_jsonb(new) ->> 'status';
begin
  if v_from = v_to or (v_from || '>' || v_to) = any (tg_argv) then
    return new;
  end if;
  raise exception '% cannot go from % to %', tg_table_name, v_from, v_to using errcode = '23514';
end
$$;
comment on function private.status_transition_guard() is 'Trigger: allows only the status moves listed as its from>to arguments.';

create trigger transport_requests_life_cycle before update of status on public.transport_requests
  for each row execute function private.status_transition_guard(
    'requested>scheduled', 'requested>cancelled', 'scheduled>requested', 'scheduled>in_progress', 'scheduled>cancelled',
    'in_progress>done', 'in_progress>cancelled');
comment on trigger transport_requests_life_cycle on public.transport_requests is 'Requested, scheduled (or back when re-planned), in progress, done; cancelled before done.';

create trigger routes_life_cycle before update of status on public.routes
  for each row execute function private.status_transition_guard('planned>in_progress', 'in_progress>done', 'planned>done');
comment on trigger routes_life_cycle on public.routes is 'Planned, in progress, done.';

create trigger route_stops_life_cycle before update of status on public.route_stops
  for each row execute function private.status_transition_guard(
    'pending>arrived', 'pending>done', 'pending>skipped', 'arrived>done', 'arrived>skipped');
comment on trigger route_stops_life_cycle on public.route_stops is 'Pending, arrived, done or skipped.';

-- Drivers tap "arrived" and "done"; the times are stamped here so every client records them alike.
create function private.stamp_stop_progress() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if new.status = 'arrived' and new.arrived_at is null then
    new.arrived_at := now();
  elsif new.status = 'done' and new.done_at is null then
    new.done_at := now();
  end if;
  return new;
end
$$;
comment on function private.stamp_stop_progress() is 'Trigger: stamps arrived_at and done_at when a stop reaches those statuses.';
create trigger route_stops_stamp before update of status on public.route_stops
  for each row execute function private.stamp_stop_progress();
comment on trigger route_stops_stamp on public.route_stops is 'Stamps arrival and completion times.';
