-- Who booked what. Capacity is held by private.booking_capacity_guard() under a
-- per-service-per-day advisory lock, so it holds for every writer, not only the rpc.

create table public.bookings (
  id uuid constraint bookings_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint bookings_business_id_fkey references public.businesses (id) on delete cascade,
  service_id uuid not null,
  pet_id uuid not null,
  client_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  status public.booking_status not null default 'requested',
  notes text,
  lodging text,
  created_by uuid default auth.uid() constraint bookings_created_by_fkey references auth.users (id) on delete set null,
  -- clock time, not transaction time: the waitlist is served in this order, even for bookings made together
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default now(),
  status_changed_at timestamptz not null default now(),
  -- the bookings public.book_series made together (a recurrence, several pets of a family); null for one booking
  series_id uuid,
  constraint bookings_service_fkey foreign key (service_id, business_id) references public.services (id, business_id),
  -- the pet must be this client's pet, in this business
  constraint bookings_pet_fkey foreign key (pet_id, client_id, business_id) references public.pets (id, client_id, business_id) on delete cascade,
  constraint bookings_dates_in_order check (ends_at > starts_at),
  constraint bookings_id_business_key unique (id, business_id),
  -- one live booking of a pet for a service at a time (issue 10, defect 2): a duplicate would take a second
  -- place, or a waitlist place from another family. Cancelled, no-show and checked-out visits do not count.
  -- private.booking_double_guard() names the refusal first (hint pet_already_booked); this is the guarantee.
  constraint bookings_no_double_booking exclude using gist (
    pet_id with =, service_id with =, tstzrange(starts_at, ends_at) with &&
  ) where (status in ('requested', 'confirmed', 'waitlisted', 'checked_in'))
);
alter table public.bookings enable row level security;
-- a booking never moves to another business or client, and who made it stays: those columns are not updatable
grant select, insert, delete on public.bookings to authenticated;
grant update (service_id, pet_id, starts_at, ends_at, status, notes, lodging, series_id) on public.bookings to authenticated;
grant all on public.bookings to service_role;
create index bookings_business_starts_idx on public.bookings (business_id, starts_at);
create index bookings_service_id_idx on public.bookings (service_id, starts_at);
create index bookings_pet_id_idx on public.bookings (pet_id, starts_at);
create index bookings_client_id_idx on public.bookings (client_id);
create index bookings_created_by_idx on public.bookings (created_by);
create index bookings_series_idx on public.bookings (series_id) where series_id is not null;
create index bookings_waitlist_idx on public.bookings (service_id, created_at) where status = 'waitlisted';
comment on table public.bookings is 'A pet booked for a service; capacity, waitlist and status moves are enforced by triggers.';
create trigger bookings_touch before update on public.bookings for each row execute function private.touch_updated_at();
comment on trigger bookings_touch on public.bookings is 'Keeps updated_at current.';

-- Why: the roster, the calendar and the medication round ask for a business's bookings overlapping a span
-- (ends_at > span start and starts_at < span end). ends_at bounds the range scan to the bookings still running;
-- starts_at beside it is checked inside the index, so the bookings that start later (every future one) are
-- dropped without a heap visit. Plain comparisons, unlike a range's &&, are leakproof, so the planner may use
-- them in the index under the bookings policy (a GiST index on tstzrange(starts_at, ends_at) was tried: RLS
-- kept && out of its index condition and it read all the business's bookings).
create index bookings_business_ends_starts_idx on public.bookings (business_id, ends_at, starts_at);
comment on index public.bookings_business_ends_starts_idx is 'A business''s bookings overlapping a span: still running after its start (range) and begun before its end (checked in the index).';

create policy "staff read bookings; parents read theirs" on public.bookings
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
create policy "staff add bookings; parents book for their pets" on public.bookings
  for insert to authenticated
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
create policy "staff edit bookings; parents edit theirs" on public.bookings
  for update to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
create policy "managers remove bookings" on public.bookings
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- Statuses that hold one of the day's places.
create function private.booking_holds_place(p_status public.booking_status) returns boolean
language plpgsql
immutable
set search_path = ''
as $$
begin
  return p_status in ('requested', 'confirmed', 'checked_in', 'checked_out');
end
$$;
comment on function private.booking_holds_place(public.booking_status) is 'Whether a booking in this status occupies a place.';
revoke execute on function private.booking_holds_place(public.booking_status) from public;
grant execute on function private.booking_holds_place(public.booking_status) to authenticated, service_role;

-- The business days (in the business's time zone) a booking spans, first to last.
create function private.booking_days(p_business_id uuid, p_starts_at timestamptz, p_ends_at timestamptz) returns setof date
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select d::date
    from public.businesses b,
         generate_series((p_starts_at at time zone b.timezone)::date,
                         ((p_ends_at - interval '1 microsecond') at time zone b.timezone)::date,
                         interval '1 day') d
    where b.id = p_business_id
    order by 1;
end
$$;
comment on function private.booking_days(uuid, timestamptz, timestamptz) is 'Days a booking occupies, in the business''s time zone (definer: a parent may not read the business row of the service).';
revoke execute on function private.booking_days(uuid, timestamptz, timestamptz) from public;
grant execute on function private.booking_days(uuid, timestamptz, timestamptz) to authenticated, service_role;

-- Serialises writers of one service's days, in date order so two multi-day bookings cannot deadlock.
create function private.lock_service_days(p_service_id uuid, p_days date[]) returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  d date;
begin
  foreach d in array coalesce((select array_agg(x order by x) from unnest(p_days) x), '{}'::date[]) loop
    perform pg_advisory_xact_lock(hashtextextended(p_service_id::text || '/' || d::text, 0));
  end loop;
end
$$;
comment on function private.lock_service_days(uuid, date[]) is 'Takes the advisory locks that guard a service''s capacity on the given days (none for an empty list).';
revoke execute on function private.lock_service_days(uuid, date[]) from public;
grant execute on function private.lock_service_days(uuid, date[]) to authenticated, service_role;

-- Whether every one of the days still has a free place (the caller holds the day locks). Security
-- definer: capacity counts bookings of other clients that the caller may not see.
create function private.service_has_room(p_service_id uuid, p_days date[], p_exclude_booking uuid) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select s.daily_capacity is null or not exists (
      select 1 from unnest(p_days) d
      where (
        select count(*) from public.bookings b
        where b.service_id = p_service_id
          and b.id is distinct from p_exclude_booking
          and private.booking_holds_place(b.status)
          -- a coarse window any time zone fits in, so the (service_id, starts_at) index narrows the scan
          and b.starts_at < (d + 2)::timestamp at time zone 'UTC'
          and b.ends_at > (d - 1)::timestamp at time zone 'UTC'
          and d in (select private.booking_days(b.business_id, b.starts_at, b.ends_at))
      ) >= s.daily_capacity
    )
    from public.services s where s.id = p_service_id
  );
end
$$;
comment on function private.service_has_room(uuid, date[], uuid) is 'Whether a service has a free place on each of the days.';
revoke execute on function private.service_has_room(uuid, date[], uuid) from public;
grant execute on function private.service_has_room(uuid, date[], uuid) to authenticated, service_role;

-- Capacity: a booking that would take a place on a full day is waitlisted (on insert) or refused (on update).
create function private.booking_capacity_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_days date[];
begin
  if not private.booking_holds_place(new.status) then
    return new;
  end if;
  -- An empty or backwards range spans no day; the bookings_dates_in_order check refuses it (23514).
  if new.ends_at <= new.starts_at then
    return new;
  end if;
  if tg_op = 'UPDATE' and private.booking_holds_place(old.status)
     and new.starts_at = old.starts_at and new.ends_at = old.ends_at and new.service_id = old.service_id then
    return new;  -- already holds its place
  end if;
  v_days := array(select private.booking_days(new.business_id, new.starts_at, new.ends_at));
  perform private.lock_service_days(new.service_id, v_days);
  if private.service_has_room(new.service_id, v_days, new.id) then
    return new;
  end if;
  if tg_op = 'INSERT' and new.status in ('requested', 'confirmed') then
    new.status := 'waitlisted';
    return new;
  end if;
  raise exception 'the service is fully booked on %', v_days[1] using errcode = '23P01',
    hint = 'service_fully_booked',
    detail = jsonb_build_object('day', v_days[1])::text;
end
$$;
comment on function private.booking_capacity_guard() is 'Trigger: holds daily capacity under a per-service-per-day lock; a full day waitlists; leaves backwards ranges to the dates check.';
revoke execute on function private.booking_capacity_guard() from public;

-- Triggers fire in name order: the life cycle (10) is checked before capacity (20) takes its locks.
create trigger bookings_20_capacity before insert or update of status, starts_at, ends_at, service_id on public.bookings
  for each row execute function private.booking_capacity_guard();
comment on trigger bookings_20_capacity on public.bookings is 'Holds daily capacity; a full day waitlists.';

-- The allowed moves of a booking. Pet parents (API callers who are not staff) may only create requests
-- and cancel; staff drive the rest. Internal writers (definer functions, service role) are trusted.
create function private.booking_status_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_staff boolean := current_user <> 'authenticated'
    or private.has_role(new.business_id, array['owner', 'manager', 'staff']::public.member_role[]);
begin
  if tg_op = 'INSERT' then
    if not v_staff and new.status not in ('requested', 'waitlisted') then
      raise exception 'a pet parent may only request a booking' using errcode = '42501',
        hint = 'parent_may_only_request';
    end if;
    return new;
  end if;
  if new.status = old.status then
    if not v_staff and old.status not in ('requested', 'waitlisted')
       and (new.starts_at <> old.starts_at or new.ends_at <> old.ends_at or new.service_id <> old.service_id or new.pet_id <> old.pet_id) then
      raise exception 'only staff may change a confirmed booking' using errcode = '42501',
        hint = 'confirmed_booking_staff_only';
    end if;
    return new;
  end if;
  if not (
    (old.status = 'requested' and new.status in ('confirmed', 'waitlisted', 'checked_in', 'cancelled', 'no_show'))
    or (old.status = 'confirmed' and new.status in ('checked_in', 'cancelled', 'no_show'))
    or (old.status = 'waitlisted' and new.status in ('requested', 'confirmed', 'cancelled'))
    or (old.status = 'checked_in' and new.status = 'checked_out')
  ) then
    raise exception 'a booking cannot go from % to %', old.status, new.status using errcode = '23514',
      hint = 'booking_move_not_allowed',
      detail = jsonb_build_object('from', old.status, 'to', new.status)::text;
  end if;
  if not v_staff and new.status <> 'cancelled' then
    raise exception 'a pet parent may only cancel a booking' using errcode = '42501',
      hint = 'parent_may_only_cancel';
  end if;
  new.status_changed_at := now();
  return new;
end
$$;
comment on function private.booking_status_guard() is 'Trigger: enforces the booking life cycle and what parents may do.';
revoke execute on function private.booking_status_guard() from public;
create trigger bookings_10_life_cycle before insert or update on public.bookings
  for each row execute function private.booking_status_guard();
comment on trigger bookings_10_life_cycle on public.bookings is 'Enforces the booking life cycle.';

-- Security definer: a parent who cancels cannot see (nor confirm) the next family's booking, yet the
-- place must go to them. Waitlisted bookings are served in the order they were made.
create function private.offer_freed_place() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_next record;
  v_days date[];
begin
  if not (private.booking_holds_place(old.status) and not private.booking_holds_place(new.status)) then
    return null;
  end if;
  for v_next in
    select b.* from public.bookings b
    where b.service_id = new.service_id and b.status = 'waitlisted'
      and b.starts_at < new.ends_at and b.ends_at > new.starts_at
    order by b.created_at, b.id
  loop
    v_days := array(select private.booking_days(v_next.business_id, v_next.starts_at, v_next.ends_at));
    perform private.lock_service_days(v_next.service_id, v_days);
    if private.service_has_room(v_next.service_id, v_days, v_next.id) then
      update public.bookings set status = 'confirmed' where id = v_next.id;
      insert into public.notifications (business_id, recipient_user_id, recipient_client_id, channel, template, payload, dedupe_key)
      select v_next.business_id, c.user_id, c.id,
             case when c.email is not null then 'email' else 'in_app' end::public.notification_channel,
             'waitlist_place_offered',
             jsonb_build_object('booking_id', v_next.id, 'pet_id', v_next.pet_id, 'service_id', v_next.service_id,
                                'starts_at', v_next.starts_at),
             'waitlist_place_offered:' || v_next.id
      from public.clients c where c.id = v_next.client_id
      on conflict (dedupe_key) do nothing;
    end if;
  end loop;
  return null;
end
$$;
comment on function private.offer_freed_place() is 'Trigger: when a booking gives up its place, the waitlist is served in order and notified.';
revoke execute on function private.offer_freed_place() from public;
create trigger bookings_offer_freed_place after update of status on public.bookings
  for each row execute function private.offer_freed_place();
comment on trigger bookings_offer_freed_place on public.bookings is 'Gives a freed place to the waitlist.';

-- Statuses of a booking that is still going to happen or happening (the double-booking constraint's set).
create function private.booking_is_live(p_status public.booking_status) returns boolean
language plpgsql
immutable
set search_path = ''
as $$
begin
  return p_status in ('requested', 'confirmed', 'waitlisted', 'checked_in');
end
$$;
comment on function private.booking_is_live(public.booking_status) is 'Whether a booking in this status is live: a second booking of the pet for the service may not overlap it.';
revoke execute on function private.booking_is_live(public.booking_status) from public;
grant execute on function private.booking_is_live(public.booking_status) to authenticated, service_role;

-- Double booking (issue 10, defect 2): refuses a live booking that overlaps another live booking of the same
-- pet for the same service, naming the pet, the service and the first day they overlap, so the desk reads
-- "Rex is already booked for Daycare on Tue 8 Dec". Bookings of one pet for one service are serialised by an
-- advisory lock, so a racing duplicate is refused here too, not only by bookings_no_double_booking.
create function private.booking_double_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_other public.bookings;
begin
  if not private.booking_is_live(new.status) or new.ends_at <= new.starts_at then
    return new;
  end if;
  if tg_op = 'UPDATE' and private.booking_is_live(old.status) and new.pet_id = old.pet_id
     and new.service_id = old.service_id and new.starts_at = old.starts_at and new.ends_at = old.ends_at then
    return new;  -- a status move between live statuses (a waitlist promotion, a check-in) keeps its slot
  end if;
  perform pg_advisory_xact_lock(hashtextextended('bookings/' || new.pet_id::text || '/' || new.service_id::text, 0));
  select * into v_other from public.bookings b
  where b.pet_id = new.pet_id and b.service_id = new.service_id and b.id <> new.id
    and b.status in ('requested', 'confirmed', 'waitlisted', 'checked_in')
    and tstzrange(b.starts_at, b.ends_at) && tstzrange(new.starts_at, new.ends_at)
  order by b.starts_at
  limit 1;
  if not found then
    return new;
  end if;
  raise exception 'the pet already has a live booking for this service at that time' using errcode = '23P01',
    hint = 'pet_already_booked',
    detail = jsonb_build_object(
      'booking_id', v_other.id,
      'status', v_other.status,
      'pet_name', (select p.name from public.pets p where p.id = new.pet_id),
      'service_name', (select s.name from public.services s where s.id = new.service_id),
      -- the first business day the two overlap
      'day', (select min(d) from private.booking_days(new.business_id, greatest(new.starts_at, v_other.starts_at),
                                                     least(new.ends_at, v_other.ends_at)) d)
    )::text;
end
$$;
comment on function private.booking_double_guard() is 'Trigger: refuses a second live booking of a pet for a service over the same time, with a named refusal.';
revoke execute on function private.booking_double_guard() from public;
-- after capacity (20), so the service-day locks are always taken before this pet's lock
create trigger bookings_30_no_double_booking before insert or update of status, starts_at, ends_at, service_id, pet_id
  on public.bookings
  for each row execute function private.booking_double_guard();
comment on trigger bookings_30_no_double_booking on public.bookings is 'Names a double booking before the exclusion constraint refuses it.';
