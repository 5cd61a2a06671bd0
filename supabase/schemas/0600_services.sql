-- What a business sells: kind, price, daily capacity and the vaccines a stay requires.

create table public.services (
  id uuid constraint services_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint services_business_id_fkey references public.businesses (id) on delete cascade,
  location_id uuid,
  kind public.service_kind not null,
  name text not null constraint services_name_not_blank check (length(btrim(name)) > 0),
  duration_minutes integer constraint services_duration_positive check (duration_minutes > 0),
  price_cents integer not null default 0 constraint services_price_non_negative check (price_cents >= 0),
  daily_capacity integer constraint services_daily_capacity_non_negative check (daily_capacity >= 0),
  required_vaccine_type_ids uuid[] not null default '{}',
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  -- last, in the order the migration added it (a column's place is part of the table)
  bookable_online boolean not null default false,
  constraint services_location_fkey foreign key (location_id, business_id) references public.locations (id, business_id),
  constraint services_id_business_key unique (id, business_id)
);
alter table public.services enable row level security;
grant select, insert, update, delete on public.services to authenticated;
grant all on public.services to service_role;
create index services_business_id_idx on public.services (business_id, kind);
create index services_location_id_idx on public.services (location_id);
comment on table public.services is 'A bookable service; daily_capacity null means unlimited; required vaccines gate booking and check-in.';
comment on column public.services.bookable_online is 'Whether pet parents may request it from the portal (the desk books every active service).';

create policy "members and clients read services" on public.services
  for select to authenticated
  using (business_id = any (array(select private.my_business_ids())) or business_id = any (array(select private.my_client_business_ids())));
create policy "managers add services" on public.services
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit services" on public.services
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove services" on public.services
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- A capacity may not drop below what a coming day already holds: the places are promised. Security
-- definer: the count includes bookings of every client, which a manager sees anyway, and booking_days.
create function private.service_capacity_guard() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_day date;
  v_booked bigint;
begin
  if new.daily_capacity is null or (old.daily_capacity is not null and new.daily_capacity >= old.daily_capacity) then
    return new;
  end if;
  select d, count(*) into v_day, v_booked
  from public.bookings b
  cross join lateral private.booking_days(b.business_id, b.starts_at, b.ends_at) d
  where b.service_id = new.id and private.booking_holds_place(b.status) and b.ends_at > now()
    and d >= (now() at time zone (select x.timezone from public.businesses x where x.id = new.business_id))::date
  group by d
  having count(*) > new.daily_capacity
  order by count(*) desc, d
  limit 1;
  if found then
    raise exception 'capacity below the bookings of a coming day' using errcode = '23514',
      hint = 'capacity_below_bookings',
      detail = jsonb_build_object('day', v_day, 'booked', v_booked)::text;
  end if;
  return new;
end
$$;
comment on function private.service_capacity_guard() is 'Trigger: refuses a daily capacity below the places a coming day already holds.';
revoke execute on function private.service_capacity_guard() from public;
create trigger services_capacity_guard before update of daily_capacity on public.services
  for each row execute function private.service_capacity_guard();
comment on trigger services_capacity_guard on public.services is 'Refuses a capacity below a coming day''s bookings.';
