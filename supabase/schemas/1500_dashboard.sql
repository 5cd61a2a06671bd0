-- The reports dashboard (SPEC §5 flow 8): today's occupancy per service, check-ins so far, vaccine
-- compliance and revenue, per business, with 14-day, hourly and 12-week chart series.
--
-- Issue 15 (full scale): the figures used to live in a materialized view refreshed every minute by pg_cron;
-- at 1,000 businesses one refresh ran for minutes and blocked `analyze`. They are now kept incrementally in
-- small aggregate tables, updated by triggers on the rows they count, so a write costs a few index
-- lookups and a read (public.dashboard()) sums at most ~45 days of one business's rows:
--   dashboard_service_days      per service per business day: places held and waitlisted (occupancy), and
--                               the visits starting that day that count as revenue (all, and each
--                               pet+start once, and those checked out)
--   dashboard_check_in_hours    per business per day per local hour (8 striped counters): check-in scans
--   dashboard_pet_check_in_days one row per pet checked in on a day (pets checked in today)
--   dashboard_pet_compliance    per pet: the days on which every required vaccine is valid (date
--                               multiranges, since compliance changes with the calendar, not only on writes)
-- "Today" and "this month" are taken on the business's clock when the dashboard is read; a change of the
-- business's time zone rebuilds its rows. private.dashboard_rebuild() recomputes a business from scratch
-- (the migration's backfill, and the reference the pgTAP test compares the incremental rows with).

-- pg_cron is preloaded by the local stack and enabled on hosted projects; other jobs (notify, vet sync) use it.
create extension if not exists pg_cron;

create table private.dashboard_service_days (
  service_id uuid not null constraint dashboard_service_days_service_id_fkey references public.services (id) on delete cascade,
  day date not null,
  business_id uuid not null constraint dashboard_service_days_business_id_fkey references public.businesses (id) on delete cascade,
  -- bookings overlapping the day that hold a place (private.booking_holds_place), and the waitlisted ones
  booked integer not null default 0,
  waitlisted integer not null default 0,
  -- confirmed, checked-in and checked-out bookings starting on the day: every one (revenue), each
  -- (pet, start) once (booked money), and each (pet, start) with a checked-out booking (checked-out money)
  starting integer not null default 0,
  starting_visits integer not null default 0,
  checked_out_visits integer not null default 0,
  constraint dashboard_service_days_pkey primary key (service_id, day)
);
alter table private.dashboard_service_days enable row level security;
revoke all on private.dashboard_service_days from public, anon, authenticated, service_role;
create index dashboard_service_days_business_day_idx on private.dashboard_service_days (business_id, day);
comment on table private.dashboard_service_days is 'Dashboard aggregates per service per business day, kept by triggers on bookings; read through public.dashboard().';

create table private.dashboard_check_in_hours (
  business_id uuid not null constraint dashboard_check_in_hours_business_id_fkey references public.businesses (id) on delete cascade,
  day date not null,
  hour smallint not null constraint dashboard_check_in_hours_hour_range check (hour between 0 and 23),
  -- one of 8 counters per hour, picked by the pet: concurrent check-ins of one business (the morning rush,
  -- ten desks) rarely wait on the same row until commit; readers sum the stripes
  stripe smallint not null constraint dashboard_check_in_hours_stripe_range check (stripe between 0 and 7),
  check_ins integer not null default 0,
  constraint dashboard_check_in_hours_pkey primary key (business_id, day, hour, stripe)
);
alter table private.dashboard_check_in_hours enable row level security;
revoke all on private.dashboard_check_in_hours from public, anon, authenticated, service_role;
comment on table private.dashboard_check_in_hours is 'Check-in scans per business, local day and local hour, kept by a trigger on tag_scans.';

create table private.dashboard_pet_check_in_days (
  business_id uuid not null constraint dashboard_pet_check_in_days_business_id_fkey references public.businesses (id) on delete cascade,
  day date not null,
  pet_id uuid not null constraint dashboard_pet_check_in_days_pet_id_fkey references public.pets (id) on delete cascade,
  constraint dashboard_pet_check_in_days_pkey primary key (business_id, day, pet_id)
);
alter table private.dashboard_pet_check_in_days enable row level security;
revoke all on private.dashboard_pet_check_in_days from public, anon, authenticated, service_role;
create index dashboard_pet_check_in_days_pet_id_idx on private.dashboard_pet_check_in_days (pet_id);
comment on table private.dashboard_pet_check_in_days is 'The pets checked in at least once on a local day, kept by a trigger on tag_scans.';

create table private.dashboard_pet_compliance (
  pet_id uuid constraint dashboard_pet_compliance_pkey primary key constraint dashboard_pet_compliance_pet_id_fkey references public.pets (id) on delete cascade,
  business_id uuid not null constraint dashboard_pet_compliance_business_id_fkey references public.businesses (id) on delete cascade,
  is_active boolean not null,
  created_at timestamptz not null,
  -- days on which every required vaccine has a counted record not yet expired (today's figure), and
  -- days on which every one was administered and not expired (the 12-week trend)
  valid_days datemultirange not null,
  covered_days datemultirange not null
);
alter table private.dashboard_pet_compliance enable row level security;
revoke all on private.dashboard_pet_compliance from public, anon, authenticated, service_role;
create index dashboard_pet_compliance_business_id_idx on private.dashboard_pet_compliance (business_id);
comment on table private.dashboard_pet_compliance is 'Per pet, the days it is vaccine-compliant, kept by triggers on pets, vaccinations and vaccine types.';

-- Why: counting a business's compliant pets from the per-pet rows reads every pet (a business of 94,881 pets:
-- 232 ms a dashboard, and twelve times over for the trend). Instead, per business, the days on which active
-- pets' compliance starts (+1) or ends (-1): the pets compliant on a day are the sum of the changes up to it.
create table private.dashboard_compliance_days (
  business_id uuid not null constraint dashboard_compliance_days_business_id_fkey references public.businesses (id) on delete cascade,
  -- '-infinity' for compliance that holds from the start of time (no required vaccine, or none expired yet)
  day date not null,
  -- active pets whose valid days (today's figure) begin (+) or end (-) on the day
  valid integer not null default 0,
  -- active pets whose covered days, counted from the pet's creation (the 12-week trend), begin or end
  covered integer not null default 0,
  -- active pets created on the day (UTC, as the trend counts them)
  created integer not null default 0,
  constraint dashboard_compliance_days_pkey primary key (business_id, day)
);
alter table private.dashboard_compliance_days enable row level security;
revoke all on private.dashboard_compliance_days from public, anon, authenticated, service_role;
comment on table private.dashboard_compliance_days is 'Per business, the days on which active pets become or stop being compliant (and are created), kept by triggers on private.dashboard_pet_compliance; the dashboard sums them.';

-- One booking's contribution to the per-service-day rows, added (p_sign 1) or taken away (-1): places and
-- waitlist on each day it overlaps (deltas, so concurrent writers commute), revenue on its start day. The
-- "each visit once" columns are recounted from bookings for the start day after the row is locked by the
-- delta, so concurrent writers of one day serialise and the last one counts what both committed.
create function private.dashboard_apply_booking(
  p_business_id uuid, p_service_id uuid, p_starts_at timestamptz, p_ends_at timestamptz,
  p_status public.booking_status, p_sign integer
) returns void
language plpgsql
volatile
set search_path = ''
as $$
declare
  v_tz text;
  v_start_day date;
  v_revenue boolean := p_status in ('confirmed', 'checked_in', 'checked_out');
begin
  select b.timezone into v_tz from public.businesses b where b.id = p_business_id;
  if v_tz is null then
    return; -- the business is being deleted (its rows cascade)
  end if;
  v_start_day := (p_starts_at at time zone v_tz)::date;
  if private.booking_holds_place(p_status) or p_status = 'waitlisted' then
    insert into private.dashboard_service_days as d (service_id, day, business_id, booked, waitlisted)
    select p_service_id, x.day, p_business_id,
           case when private.booking_holds_place(p_status) then p_sign else 0 end,
           case when p_status = 'waitlisted' then p_sign else 0 end
    from private.booking_days(p_business_id, p_starts_at, p_ends_at) x (day)
    order by x.day
    on conflict (service_id, day) do update
      set booked = d.booked + excluded.booked, waitlisted = d.waitlisted + excluded.waitlisted;
  end if;
  if v_revenue then
    insert into private.dashboard_service_days as d (service_id, day, business_id, starting)
    values (p_service_id, v_start_day, p_business_id, p_sign)
    on conflict (service_id, day) do update set starting = d.starting + excluded.starting;
    perform private.dashboard_recount_visits(p_service_id, v_start_day, v_tz);
  end if;
end
$$;
comment on function private.dashboard_apply_booking(uuid, uuid, timestamptz, timestamptz, public.booking_status, integer) is 'Adds or takes away one booking''s share of the dashboard''s per-service-day rows.';
revoke execute on function private.dashboard_apply_booking(uuid, uuid, timestamptz, timestamptz, public.booking_status, integer) from public;

-- Recounts the distinct visits (pet, start) of a service starting on a day: a duplicate made before the
-- no-double-booking constraint existed counts once (issue 10, defect 13). One day of one service, through
-- bookings_service_id_idx.
create function private.dashboard_recount_visits(p_service_id uuid, p_day date, p_tz text) returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  update private.dashboard_service_days d
  set starting_visits = x.visits, checked_out_visits = x.checked_out
  from (
    select count(distinct (bk.pet_id, bk.starts_at))::int as visits,
           count(distinct (bk.pet_id, bk.starts_at)) filter (where bk.status = 'checked_out')::int as checked_out
    from public.bookings bk
    where bk.service_id = p_service_id
      and bk.starts_at >= (p_day::timestamp at time zone p_tz)
      and bk.starts_at < ((p_day + 1)::timestamp at time zone p_tz)
      and bk.status in ('confirmed', 'checked_in', 'checked_out')
  ) x
  where d.service_id = p_service_id and d.day = p_day;
end
$$;
comment on function private.dashboard_recount_visits(uuid, date, text) is 'Recounts the once-per-visit revenue columns of one service day.';
revoke execute on function private.dashboard_recount_visits(uuid, date, text) from public;

-- Security definer: the aggregate tables are the owner's; the writers (staff, parents, the check-in
-- rpcs) may not touch them directly.
create function private.dashboard_bookings_changed() returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  -- The common moves (confirmed → checked in, edits of notes or transport) change no figure: stop early.
  if tg_op = 'UPDATE' and old.service_id = new.service_id and old.pet_id = new.pet_id
     and old.business_id = new.business_id
     and old.starts_at = new.starts_at and old.ends_at = new.ends_at
     and private.booking_holds_place(old.status) = private.booking_holds_place(new.status)
     and (old.status = 'waitlisted') = (new.status = 'waitlisted')
     and (old.status in ('confirmed', 'checked_in', 'checked_out')) = (new.status in ('confirmed', 'checked_in', 'checked_out'))
     and (old.status = 'checked_out') = (new.status = 'checked_out') then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    perform private.dashboard_apply_booking(old.business_id, old.service_id, old.starts_at, old.ends_at, old.status, -1);
  end if;
  if tg_op in ('UPDATE', 'INSERT') then
    perform private.dashboard_apply_booking(new.business_id, new.service_id, new.starts_at, new.ends_at, new.status, 1);
  end if;
  return null;
end
$$;
comment on function private.dashboard_bookings_changed() is 'Keeps private.dashboard_service_days in step with bookings.';
revoke execute on function private.dashboard_bookings_changed() from public;

create trigger bookings_90_dashboard after insert or update or delete on public.bookings
  for each row execute function private.dashboard_bookings_changed();

-- Which of an hour's 8 check-in counters a pet's scans go to.
create function private.dashboard_stripe(p_pet_id uuid) returns smallint
language plpgsql
immutable
set search_path = ''
as $$
begin
  return (hashtext(p_pet_id::text) & 7)::smallint;
end
$$;
comment on function private.dashboard_stripe(uuid) is 'The stripe (0-7) of private.dashboard_check_in_hours a pet''s check-ins count in.';
revoke execute on function private.dashboard_stripe(uuid) from public;

-- Security definer: as above.
create function private.dashboard_tag_scans_changed() returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_tz text;
  v_local timestamp;
begin
  if tg_op in ('UPDATE', 'DELETE') and old.action = 'check_in' then
    select b.timezone into v_tz from public.businesses b where b.id = old.business_id;
    if v_tz is not null then
      v_local := old.scanned_at at time zone v_tz;
      update private.dashboard_check_in_hours h set check_ins = h.check_ins - 1
      where h.business_id = old.business_id and h.day = v_local::date and h.hour = extract(hour from v_local)
        and h.stripe = private.dashboard_stripe(old.pet_id);
      if not exists (
        select 1 from public.tag_scans t
        where t.pet_id = old.pet_id and t.business_id = old.business_id and t.action = 'check_in'
          and t.scanned_at >= (v_local::date::timestamp at time zone v_tz)
          and t.scanned_at < ((v_local::date + 1)::timestamp at time zone v_tz)
      ) then
        delete from private.dashboard_pet_check_in_days p
        where p.business_id = old.business_id and p.day = v_local::date and p.pet_id = old.pet_id;
      end if;
    end if;
  end if;
  if tg_op in ('UPDATE', 'INSERT') and new.action = 'check_in' then
    select b.timezone into v_tz from public.businesses b where b.id = new.business_id;
    v_local := new.scanned_at at time zone v_tz;
    insert into private.dashboard_check_in_hours as h (business_id, day, hour, stripe, check_ins)
    values (new.business_id, v_local::date, extract(hour from v_local), private.dashboard_stripe(new.pet_id), 1)
    on conflict (business_id, day, hour, stripe) do update set check_ins = h.check_ins + 1;
    insert into private.dashboard_pet_check_in_days (business_id, day, pet_id)
    values (new.business_id, v_local::date, new.pet_id)
    on conflict do nothing;
  end if;
  return null;
end
$$;
comment on function private.dashboard_tag_scans_changed() is 'Keeps the dashboard''s check-in counts in step with tag_scans.';
revoke execute on function private.dashboard_tag_scans_changed() from public;

create trigger tag_scans_90_dashboard after insert or update or delete on public.tag_scans
  for each row execute function private.dashboard_tag_scans_changed();

-- Recomputes one pet's compliance days from its vaccinations: the rule pet_vaccine_status applies
-- (required for the species, globally or by the business; parent uploads count once verified).
create function private.dashboard_refresh_pet(p_pet_id uuid) returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  with pet as (
    select p.id, p.business_id, p.species, p.is_active, p.created_at from public.pets p where p.id = p_pet_id
  ), per_type as (
    select vt.id,
           coalesce(range_agg(daterange(null, v.expires_on, '[]')) filter (where v.id is not null), '{}'::datemultirange) as valid,
           coalesce(range_agg(daterange(v.administered_on, v.expires_on, '[]')) filter (where v.id is not null), '{}'::datemultirange) as covered
    from pet
    join public.vaccine_types vt on vt.required and vt.species = pet.species
      and (vt.business_id is null or vt.business_id = pet.business_id)
    left join public.vaccinations v on v.pet_id = pet.id and v.vaccine_type_id = vt.id
      and (v.source <> 'parent' or v.verified_at is not null)
    group by vt.id
  )
  insert into private.dashboard_pet_compliance as c (pet_id, business_id, is_active, created_at, valid_days, covered_days)
  select pet.id, pet.business_id, pet.is_active, pet.created_at,
         coalesce((select range_intersect_agg(t.valid) from per_type t), '{(,)}'::datemultirange),
         coalesce((select range_intersect_agg(t.covered) from per_type t), '{(,)}'::datemultirange)
  from pet
  on conflict (pet_id) do update
    set business_id = excluded.business_id, is_active = excluded.is_active, created_at = excluded.created_at,
        valid_days = excluded.valid_days, covered_days = excluded.covered_days;
end
$$;
comment on function private.dashboard_refresh_pet(uuid) is 'Recomputes one pet''s row of private.dashboard_pet_compliance.';
revoke execute on function private.dashboard_refresh_pet(uuid) from public;

-- Security definer: as above.
create function private.dashboard_compliance_changed() returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if tg_table_name = 'pets' then
    if tg_op = 'UPDATE' and old.species = new.species and old.is_active = new.is_active
       and old.business_id = new.business_id and old.created_at = new.created_at then
      return null;
    end if;
    perform private.dashboard_refresh_pet(new.id);
  elsif tg_table_name = 'vaccinations' then
    if tg_op in ('UPDATE', 'DELETE') then
      perform private.dashboard_refresh_pet(old.pet_id);
    end if;
    if tg_op in ('UPDATE', 'INSERT') and (tg_op = 'INSERT' or new.pet_id <> old.pet_id) then
      perform private.dashboard_refresh_pet(new.pet_id);
    end if;
  else
    -- vaccine_types: every pet of the species the type applies (applied) to, in its business or everywhere
    perform private.dashboard_refresh_pet(p.id)
    from public.pets p
    where (tg_op <> 'DELETE' and p.species = new.species and (new.business_id is null or p.business_id = new.business_id))
       or (tg_op <> 'INSERT' and p.species = old.species and (old.business_id is null or p.business_id = old.business_id));
  end if;
  return null;
end
$$;
comment on function private.dashboard_compliance_changed() is 'Keeps private.dashboard_pet_compliance in step with pets, vaccinations and vaccine types.';
revoke execute on function private.dashboard_compliance_changed() from public;

create trigger pets_90_dashboard after insert or update on public.pets
  for each row execute function private.dashboard_compliance_changed();
create trigger vaccinations_90_dashboard after insert or update or delete on public.vaccinations
  for each row execute function private.dashboard_compliance_changed();
create trigger vaccine_types_90_dashboard after insert or update of required, species, business_id or delete on public.vaccine_types
  for each row execute function private.dashboard_compliance_changed();

-- Adds the compliance changes of some per-pet rows (p_added) and takes away those of others (p_removed, the
-- rows' previous versions), in one upsert ordered by business and day so concurrent writers cannot deadlock.
-- Rows of inactive pets change nothing; a business being deleted is skipped (its rows cascade).
create function private.dashboard_compliance_shift(p_added private.dashboard_pet_compliance[],
  p_removed private.dashboard_pet_compliance[]) returns void
language plpgsql
volatile
set search_path = ''
as $$
begin
  insert into private.dashboard_compliance_days as d (business_id, day, valid, covered, created)
  select r.business_id, e.day, sum(r.sign * e.valid)::int, sum(r.sign * e.covered)::int, sum(r.sign * e.created)::int
  from (
    select a.business_id, a.valid_days, a.covered_days, a.created_at, 1 as sign from unnest(p_added) a where a.is_active
    union all
    select o.business_id, o.valid_days, o.covered_days, o.created_at, -1 from unnest(p_removed) o where o.is_active
  ) r
  cross join lateral private.dashboard_compliance_events(r.valid_days, r.covered_days, r.created_at) e
  where exists (select 1 from public.businesses b where b.id = r.business_id)
  group by r.business_id, e.day
  having sum(r.sign * e.valid) <> 0 or sum(r.sign * e.covered) <> 0 or sum(r.sign * e.created) <> 0
  order by r.business_id, e.day
  on conflict (business_id, day) do update
    set valid = d.valid + excluded.valid, covered = d.covered + excluded.covered, created = d.created + excluded.created;
end
$$;
comment on function private.dashboard_compliance_shift(private.dashboard_pet_compliance[], private.dashboard_pet_compliance[]) is
  'Applies the compliance changes of added and removed per-pet rows to private.dashboard_compliance_days.';
revoke execute on function private.dashboard_compliance_shift(private.dashboard_pet_compliance[], private.dashboard_pet_compliance[]) from public;

-- One active pet's changes: +1 where each range of its valid days begins and -1 where it ends (nothing for an
-- end at infinity), the same for its covered days from the day it was created, and +1 on that day.
create function private.dashboard_compliance_events(p_valid datemultirange, p_covered datemultirange, p_created_at timestamptz)
returns table (day date, valid integer, covered integer, created integer)
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_created date := (p_created_at at time zone 'UTC')::date;
begin
  return query
    select coalesce(lower(v), '-infinity'::date), 1, 0, 0 from unnest(p_valid) v
    union all
    select upper(v), -1, 0, 0 from unnest(p_valid) v where not upper_inf(v)
    union all
    select lower(c), 0, 1, 0 from unnest(p_covered * datemultirange(daterange(v_created, null))) c
    union all
    select upper(c), 0, -1, 0 from unnest(p_covered * datemultirange(daterange(v_created, null))) c where not upper_inf(c)
    union all
    select v_created, 0, 0, 1;
end
$$;
comment on function private.dashboard_compliance_events(datemultirange, datemultirange, timestamptz) is
  'The days on which one active pet''s compliance begins and ends, and the day it was created, as +1/-1 changes.';
revoke execute on function private.dashboard_compliance_events(datemultirange, datemultirange, timestamptz) from public;

-- Security definer: as above. Statement-level with the changed rows, so a rebuild or a vaccine rule touching
-- thousands of pets makes one upsert; private.dashboard_rebuild recomputes the days itself and says so
-- (app.dashboard_rebuilding) for the statements it runs.
create function private.dashboard_compliance_rows_changed() returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if current_setting('app.dashboard_rebuilding', true) = 'on' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    perform private.dashboard_compliance_shift(array(select n::private.dashboard_pet_compliance from new_rows n), '{}');
  elsif tg_op = 'UPDATE' then
    perform private.dashboard_compliance_shift(array(select n::private.dashboard_pet_compliance from new_rows n), array(select o::private.dashboard_pet_compliance from old_rows o));
  else
    perform private.dashboard_compliance_shift('{}', array(select o::private.dashboard_pet_compliance from old_rows o));
  end if;
  return null;
end
$$;
comment on function private.dashboard_compliance_rows_changed() is 'Keeps private.dashboard_compliance_days in step with private.dashboard_pet_compliance.';
revoke execute on function private.dashboard_compliance_rows_changed() from public;

create trigger dashboard_pet_compliance_inserted after insert on private.dashboard_pet_compliance
  referencing new table as new_rows
  for each statement execute function private.dashboard_compliance_rows_changed();
create trigger dashboard_pet_compliance_updated after update on private.dashboard_pet_compliance
  referencing old table as old_rows new table as new_rows
  for each statement execute function private.dashboard_compliance_rows_changed();
create trigger dashboard_pet_compliance_deleted after delete on private.dashboard_pet_compliance
  referencing old table as old_rows
  for each statement execute function private.dashboard_compliance_rows_changed();

-- Recomputes every aggregate row of one business (all of them when p_business_id is null) from the source
-- tables, set-based: the migration's backfill, the repair after a time zone change, and the reference the
-- incremental rows are tested against.
create function private.dashboard_rebuild(p_business_id uuid) returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  -- the compliance days are recomputed at the end, not shifted row by row by the compliance triggers
  perform set_config('app.dashboard_rebuilding', 'on', true);
  delete from private.dashboard_service_days d where p_business_id is null or d.business_id = p_business_id;
  delete from private.dashboard_check_in_hours h where p_business_id is null or h.business_id = p_business_id;
  delete from private.dashboard_pet_check_in_days c where p_business_id is null or c.business_id = p_business_id;

  insert into private.dashboard_service_days (service_id, day, business_id, booked, waitlisted, starting, starting_visits, checked_out_visits)
  select coalesce(o.service_id, r.service_id), coalesce(o.day, r.day), coalesce(o.business_id, r.business_id),
         coalesce(o.booked, 0), coalesce(o.waitlisted, 0),
         coalesce(r.starting, 0), coalesce(r.visits, 0), coalesce(r.checked_out, 0)
  from (
    select bk.service_id, x.day::date as day, bk.business_id,
           count(*) filter (where private.booking_holds_place(bk.status))::int as booked,
           count(*) filter (where bk.status = 'waitlisted')::int as waitlisted
    from public.bookings bk
    join public.businesses b on b.id = bk.business_id
    cross join lateral generate_series((bk.starts_at at time zone b.timezone)::date,
                                       ((bk.ends_at - interval '1 microsecond') at time zone b.timezone)::date,
                                       interval '1 day') x (day)
    where (p_business_id is null or bk.business_id = p_business_id)
      and (private.booking_holds_place(bk.status) or bk.status = 'waitlisted')
    group by 1, 2, 3
  ) o
  full join (
    select bk.service_id, (bk.starts_at at time zone b.timezone)::date as day, bk.business_id,
           count(*)::int as starting,
           count(distinct (bk.pet_id, bk.starts_at))::int as visits,
           count(distinct (bk.pet_id, bk.starts_at)) filter (where bk.status = 'checked_out')::int as checked_out
    from public.bookings bk
    join public.businesses b on b.id = bk.business_id
    where (p_business_id is null or bk.business_id = p_business_id)
      and bk.status in ('confirmed', 'checked_in', 'checked_out')
    group by 1, 2, 3
  ) r on r.service_id = o.service_id and r.day = o.day;

  insert into private.dashboard_check_in_hours (business_id, day, hour, stripe, check_ins)
  select t.business_id, (t.scanned_at at time zone b.timezone)::date, extract(hour from t.scanned_at at time zone b.timezone),
         private.dashboard_stripe(t.pet_id), count(*)
  from public.tag_scans t
  join public.businesses b on b.id = t.business_id
  where t.action = 'check_in' and (p_business_id is null or t.business_id = p_business_id)
  group by 1, 2, 3, 4;

  insert into private.dashboard_pet_check_in_days (business_id, day, pet_id)
  select distinct t.business_id, (t.scanned_at at time zone b.timezone)::date, t.pet_id
  from public.tag_scans t
  join public.businesses b on b.id = t.business_id
  where t.action = 'check_in' and (p_business_id is null or t.business_id = p_business_id);

  -- compliance in one statement, not dashboard_refresh_pet per pet (21 minutes at full scale): per pet and
  -- required type the days its vaccinations make valid and covered, then per pet the days every type is
  -- (a pet with no required type is always compliant: the whole line)
  with per_type as (
    select p.id as pet_id,
           coalesce(range_agg(daterange(null, v.expires_on, '[]')) filter (where v.id is not null), '{}'::datemultirange) as valid,
           coalesce(range_agg(daterange(v.administered_on, v.expires_on, '[]')) filter (where v.id is not null), '{}'::datemultirange) as covered
    from public.pets p
    join public.vaccine_types vt on vt.required and vt.species = p.species
      and (vt.business_id is null or vt.business_id = p.business_id)
    left join public.vaccinations v on v.pet_id = p.id and v.vaccine_type_id = vt.id
      and (v.source <> 'parent' or v.verified_at is not null)
    where p_business_id is null or p.business_id = p_business_id
    group by p.id, vt.id
  ), per_pet as (
    select t.pet_id, range_intersect_agg(t.valid) as valid, range_intersect_agg(t.covered) as covered
    from per_type t group by t.pet_id
  )
  insert into private.dashboard_pet_compliance as c (pet_id, business_id, is_active, created_at, valid_days, covered_days)
  select p.id, p.business_id, p.is_active, p.created_at,
         coalesce(pp.valid, '{(,)}'::datemultirange), coalesce(pp.covered, '{(,)}'::datemultirange)
  from public.pets p
  left join per_pet pp on pp.pet_id = p.id
  where p_business_id is null or p.business_id = p_business_id
  on conflict (pet_id) do update
    set business_id = excluded.business_id, is_active = excluded.is_active, created_at = excluded.created_at,
        valid_days = excluded.valid_days, covered_days = excluded.covered_days;

  delete from private.dashboard_compliance_days d where p_business_id is null or d.business_id = p_business_id;
  insert into private.dashboard_compliance_days (business_id, day, valid, covered, created)
  select c.business_id, e.day, sum(e.valid)::int, sum(e.covered)::int, sum(e.created)::int
  from private.dashboard_pet_compliance c
  cross join lateral private.dashboard_compliance_events(c.valid_days, c.covered_days, c.created_at) e
  where c.is_active and (p_business_id is null or c.business_id = p_business_id)
  group by c.business_id, e.day
  having sum(e.valid) <> 0 or sum(e.covered) <> 0 or sum(e.created) <> 0;
  perform set_config('app.dashboard_rebuilding', 'off', true);
end
$$;
comment on function private.dashboard_rebuild(uuid) is 'Recomputes the dashboard aggregates of one business (null: all) from bookings, scans, pets and vaccinations.';
revoke execute on function private.dashboard_rebuild(uuid) from public, anon, authenticated;
grant execute on function private.dashboard_rebuild(uuid) to service_role;

-- Security definer: as above. Days are the business's, so its rows are recomputed on its new clock.
create function private.dashboard_time_zone_changed() returns trigger
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  perform private.dashboard_rebuild(new.id);
  return null;
end
$$;
comment on function private.dashboard_time_zone_changed() is 'Rebuilds a business''s dashboard rows when its time zone changes.';
revoke execute on function private.dashboard_time_zone_changed() from public;

create trigger businesses_90_dashboard_time_zone after update of timezone on public.businesses
  for each row when (old.timezone is distinct from new.timezone)
  execute function private.dashboard_time_zone_changed();
