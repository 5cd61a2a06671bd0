-- Tag scans: every check-in and check-out, append-only.

create table public.tag_scans (
  id uuid constraint tag_scans_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint tag_scans_business_id_fkey references public.businesses (id) on delete cascade,
  tag_id uuid,
  pet_id uuid not null,
  booking_id uuid,
  action public.scan_action not null,
  scanned_by uuid default auth.uid() constraint tag_scans_scanned_by_fkey references auth.users (id) on delete set null,
  scanned_at timestamptz not null default now(),
  device_id text,
  -- the idempotency key a device generates per scan, so an offline queue replays exactly once
  client_scan_id uuid not null constraint tag_scans_client_scan_id_key unique,
  override_reason text constraint tag_scans_override_reason_not_blank check (override_reason is null or length(btrim(override_reason)) > 0),
  result jsonb not null default '{}'::jsonb,
  constraint tag_scans_tag_fkey foreign key (tag_id, business_id) references public.pet_tags (id, business_id) on delete set null (tag_id),
  constraint tag_scans_pet_fkey foreign key (pet_id, business_id) references public.pets (id, business_id) on delete cascade,
  constraint tag_scans_booking_fkey foreign key (booking_id, business_id) references public.bookings (id, business_id) on delete set null (booking_id)
);
alter table public.tag_scans enable row level security;
grant select, insert on public.tag_scans to authenticated;
grant all on public.tag_scans to service_role;
create index tag_scans_business_scanned_idx on public.tag_scans (business_id, scanned_at desc);
create index tag_scans_pet_id_idx on public.tag_scans (pet_id, scanned_at desc);
create index tag_scans_tag_id_idx on public.tag_scans (tag_id);
create index tag_scans_booking_id_idx on public.tag_scans (booking_id);
create index tag_scans_scanned_by_idx on public.tag_scans (scanned_by);
comment on table public.tag_scans is 'Every check-in and check-out scan; an append-only log keyed by client_scan_id. result is what the first call returned.';

create policy "staff read scans; parents read their pets'" on public.tag_scans
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));
create policy "staff record scans" on public.tag_scans
  for insert to authenticated with check (business_id in (select private.staff_business_ids()) and scanned_by = (select auth.uid()));
