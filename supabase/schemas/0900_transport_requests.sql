-- Pet taxi: pickups and drop-offs requested from bookings.

create table public.transport_requests (
  id uuid constraint transport_requests_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint transport_requests_business_id_fkey references public.businesses (id) on delete cascade,
  booking_id uuid,
  pet_id uuid not null,
  kind public.transport_kind not null,
  address text not null constraint transport_requests_address_not_blank check (length(btrim(address)) > 0),
  geo extensions.geography(point, 4326),
  window_start timestamptz not null,
  window_end timestamptz not null,
  status public.transport_status not null default 'requested',
  created_at timestamptz not null default now(),
  notes text constraint transport_requests_notes_length check (length(notes) <= 500),
  constraint transport_requests_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint transport_requests_booking_fkey foreign key (booking_id, business_id) references public.bookings (id, business_id) on delete cascade,
  constraint transport_requests_window_in_order check (window_end > window_start),
  constraint transport_requests_id_business_key unique (id, business_id)
);
alter table public.transport_requests enable row level security;
grant select, insert, update, delete on public.transport_requests to authenticated;
grant all on public.transport_requests to service_role;
create index transport_requests_business_window_idx on public.transport_requests (business_id, window_start);
create index transport_requests_booking_id_idx on public.transport_requests (booking_id);
create index transport_requests_pet_id_idx on public.transport_requests (pet_id);
create index transport_requests_geo_idx on public.transport_requests using gist (geo);
comment on table public.transport_requests is 'A pickup or drop-off of a pet within a time window.';
comment on column public.transport_requests.notes is 'For the driver: gate codes, which bell, who hands the pet over.';

create policy "staff read trips; drivers theirs; parents their pets'" on public.transport_requests
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_driven_request_ids()))
    or pet_id = any (array(select private.my_pet_ids())));
create policy "staff add trips; parents request for their pets" on public.transport_requests
  for insert to authenticated
  with check (business_id = any (array(select private.staff_business_ids()))
    or (pet_id = any (array(select private.my_pet_ids())) and status = 'requested'));
create policy "staff edit trips" on public.transport_requests
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove trips" on public.transport_requests
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

create trigger transport_requests_life_cycle before update of status on public.transport_requests
  for each row execute function private.status_transition_guard(
    'requested>scheduled', 'requested>cancelled', 'scheduled>requested', 'scheduled>in_progress', 'scheduled>cancelled',
    'in_progress>done', 'in_progress>cancelled');
comment on trigger transport_requests_life_cycle on public.transport_requests is 'Requested, scheduled (or back when re-planned), in progress, done; cancelled before done.';
