-- When a site is open: at most one interval per ISO weekday (1 Monday … 7 Sunday). A weekday row with no
-- times is a closed day; a site with no rows at all has no hours set and its bookings are not limited.
create table public.opening_hours (
  id uuid constraint opening_hours_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint opening_hours_business_id_fkey references public.businesses (id) on delete cascade,
  location_id uuid not null,
  weekday smallint not null constraint opening_hours_weekday_iso check (weekday between 1 and 7),
  opens time,
  closes time,
  constraint opening_hours_times_together check ((opens is null) = (closes is null)),
  constraint opening_hours_closes_after_opens check (closes > opens),
  constraint opening_hours_location_fkey foreign key (location_id, business_id)
    references public.locations (id, business_id) on delete cascade,
  constraint opening_hours_location_weekday_key unique (location_id, weekday)
);
alter table public.opening_hours enable row level security;
grant select, insert, delete on public.opening_hours to authenticated;
grant update (opens, closes) on public.opening_hours to authenticated;
grant all on public.opening_hours to service_role;
create index opening_hours_business_id_idx on public.opening_hours (business_id);
comment on table public.opening_hours is
  'Opening hours of a location per ISO weekday; null times mean closed that weekday. book_service and walk-ins obey them.';
comment on column public.opening_hours.closes is 'Closing time on the same day; 24:00 means open until midnight.';

-- Members and the business's clients read the hours (parents book within them); managers set them.
create policy "members and clients read opening hours" on public.opening_hours
  for select to authenticated
  using (business_id = any (array(select private.my_business_ids())) or business_id = any (array(select private.my_client_business_ids())));
create policy "managers add opening hours" on public.opening_hours
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit opening hours" on public.opening_hours
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove opening hours" on public.opening_hours
  for delete to authenticated using (business_id in (select private.manager_business_ids()));
