-- The stops of a route, in order, with ETAs and progress.

create table public.route_stops (
  id uuid constraint route_stops_pkey primary key default extensions.gen_random_uuid(),
  route_id uuid not null,
  business_id uuid not null constraint route_stops_business_id_fkey references public.businesses (id) on delete cascade,
  transport_request_id uuid not null,
  seq integer not null constraint route_stops_seq_positive check (seq > 0),
  planned_eta timestamptz,
  leg_seconds integer constraint route_stops_leg_seconds_range check (leg_seconds between 0 and 86400),
  arrived_at timestamptz,
  done_at timestamptz,
  status public.stop_status not null default 'pending',
  skip_reason text constraint route_stops_skip_reason_length check (length(skip_reason) <= 500),
  constraint route_stops_route_fkey foreign key (route_id, business_id) references public.routes (id, business_id) on delete cascade,
  constraint route_stops_request_fkey foreign key (transport_request_id, business_id) references public.transport_requests (id, business_id) on delete cascade,
  constraint route_stops_route_seq_key unique (route_id, seq) deferrable initially deferred,
  constraint route_stops_done_after_arrival check (done_at is null or arrived_at is null or done_at >= arrived_at)
);
alter table public.route_stops enable row level security;
grant select, insert, update, delete on public.route_stops to authenticated;
grant all on public.route_stops to service_role;
create index route_stops_business_id_idx on public.route_stops (business_id);
create index route_stops_request_id_idx on public.route_stops (transport_request_id);
comment on table public.route_stops is 'A stop on a route, in order, with its planned ETA and progress.';
comment on column public.route_stops.leg_seconds is
  'Driving seconds into this stop from the one before (the depot for the first), as the plan''s distance provider measured them (road times with ROUTING_URL); null: the travel model''s.';
comment on column public.route_stops.skip_reason is 'Why the driver could not serve the stop (required when marked unable).';

create policy "staff read stops; drivers theirs; parents their pets' stop" on public.route_stops
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or route_id = any (array(select private.my_route_ids()))
    or transport_request_id = any (array(
      select t.id from public.transport_requests t where t.pet_id = any (array(select private.my_pet_ids())))));
create policy "staff add stops" on public.route_stops
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
-- Drivers record progress only through the drive rpcs (record_stop_progress), which check the route is theirs and
-- started and the step is legal; a direct update would skip those checks.
create policy "staff edit stops" on public.route_stops
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "staff remove stops" on public.route_stops
  for delete to authenticated using (business_id in (select private.staff_business_ids()));

create function private.stop_driver_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if current_user = 'authenticated' and not private.has_role(new.business_id, array['owner', 'manager', 'staff']::public.member_role[])
     and (new.route_id <> old.route_id or new.seq <> old.seq or new.business_id <> old.business_id
          or new.transport_request_id <> old.transport_request_id or new.planned_eta is distinct from old.planned_eta
          or new.leg_seconds is distinct from old.leg_seconds) then
    raise exception 'a driver may only change the progress of a stop' using errcode = '42501',
      hint = 'driver_records_progress_only';
  end if;
  return new;
end
$$;
comment on function private.stop_driver_guard() is 'Trigger: drivers mark stops arrived/done but cannot re-plan them.';
revoke execute on function private.stop_driver_guard() from public;
create trigger route_stops_driver_guard before update on public.route_stops for each row execute function private.stop_driver_guard();
comment on trigger route_stops_driver_guard on public.route_stops is 'Lets drivers record progress only.';

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
revoke execute on function private.stamp_stop_progress() from public;
create trigger route_stops_stamp before update of status on public.route_stops
  for each row execute function private.stamp_stop_progress();
comment on trigger route_stops_stamp on public.route_stops is 'Stamps arrival and completion times.';
