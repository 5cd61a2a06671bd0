-- Report cards: the day's photos and a short note per pet in care, posted by staff from the roster and
-- read by the pet's parent (portal home and the pet's timeline). One card per booking and business day,
-- kept with the stay. Photos live in the private `report-photos` bucket under <business_id>/<pet_id>/.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values
  ('report-photos', 'report-photos', false, 5242880, '{image/jpeg,image/webp,image/png}')
on conflict (id) do nothing;

create function private.paths_in_folder(p_paths text[], p_folder text) returns boolean
language sql
immutable
set search_path = ''
as $$
  select coalesce(bool_and(p like p_folder || '/%' and p !~ '(^|/)\.\.(/|$)' and p !~ '//'), true)
  from unnest(p_paths) p
$$;
comment on function private.paths_in_folder(text[], text) is 'Whether every object path lies inside the given <business_id>/<pet_id> folder.';
revoke execute on function private.paths_in_folder(text[], text) from public;
grant execute on function private.paths_in_folder(text[], text) to authenticated, service_role;

create table public.report_cards (
  id uuid constraint report_cards_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint report_cards_business_id_fkey references public.businesses (id) on delete cascade,
  booking_id uuid not null,
  pet_id uuid not null,
  client_id uuid not null,
  -- the business day the card is about (a boarding stay gets one card a day)
  day date not null,
  note text constraint report_cards_note_length check (note is null or length(note) <= 1000),
  photos text[] not null default '{}' constraint report_cards_photos_count check (cardinality(photos) <= 8),
  created_by uuid default auth.uid() constraint report_cards_created_by_fkey references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint report_cards_booking_fkey foreign key (booking_id, business_id) references public.bookings (id, business_id) on delete cascade,
  constraint report_cards_pet_fkey foreign key (pet_id, client_id, business_id) references public.pets (id, client_id, business_id) on delete cascade,
  constraint report_cards_booking_day_key unique (booking_id, day),
  constraint report_cards_has_content check (num_nonnulls(nullif(btrim(note), '')) + cardinality(photos) > 0)
);
alter table public.report_cards enable row level security;
grant select, insert, update, delete on public.report_cards to authenticated;
grant all on public.report_cards to service_role;
create index report_cards_pet_id_idx on public.report_cards (pet_id, day desc);
create index report_cards_client_id_idx on public.report_cards (client_id, day desc);
create index report_cards_business_id_idx on public.report_cards (business_id, day desc);
create index report_cards_created_by_idx on public.report_cards (created_by);
comment on table public.report_cards is 'The day''s photos (report-photos object paths) and note for a pet in care, for its parent.';

create policy "staff read report cards; parents their pets'" on public.report_cards
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));
create policy "staff post report cards" on public.report_cards
  for insert to authenticated with check (business_id in (select private.staff_business_ids()));
create policy "staff edit report cards" on public.report_cards
  for update to authenticated using (business_id in (select private.staff_business_ids()))
  with check (business_id in (select private.staff_business_ids()));
create policy "managers remove report cards" on public.report_cards
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- Photos must be files of this pet (also checked by post_report_card; this holds for direct writes).
create function private.report_card_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if not private.paths_in_folder(new.photos, new.business_id::text || '/' || new.pet_id::text) then
    raise exception 'a photo is not one of this pet''s files' using errcode = '22023', hint = 'report_card_photo_invalid';
  end if;
  return new;
end
$$;
comment on function private.report_card_guard() is 'Trigger: report card photos lie in the pet''s <business_id>/<pet_id> folder.';
revoke execute on function private.report_card_guard() from public;
create trigger report_cards_guard before insert or update on public.report_cards
  for each row execute function private.report_card_guard();

create trigger report_cards_touch before update on public.report_cards
  for each row execute function private.touch_updated_at();

-- The parent hears of a new card twice: live on their client:<id> channel (the portal home refreshes)
-- and through the outbox, as one in-app `report_card_posted` message per card (h3's dispatcher delivers).
create function private.report_card_posted() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.broadcast_changes('client:' || new.client_id, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  if tg_op = 'INSERT' then
    insert into public.notifications (business_id, recipient_client_id, channel, template, payload, dedupe_key)
    select new.business_id, new.client_id, 'in_app', 'report_card_posted',
           jsonb_build_object('pet_name', p.name, 'date', new.day), 'report_card_posted:' || new.id
    from public.pets p where p.id = new.pet_id
    on conflict (dedupe_key) do nothing;
  end if;
  return null;
end
$$;
comment on function private.report_card_posted() is 'Trigger: broadcasts a report card to client:<id> and enqueues the parent''s in-app message.';
revoke execute on function private.report_card_posted() from public;
create trigger report_cards_posted after insert or update on public.report_cards
  for each row execute function private.report_card_posted();
comment on trigger report_cards_posted on public.report_cards is 'Tells the parent: live broadcast and outbox message.';

-- Files: staff of the business write and read; the pet's parent reads. Deleting is for the staff that
-- posted (a photo removed from a card, or an upload whose card was refused).
create policy "staff and the pet's parent read report photos" on storage.objects
  for select to authenticated
  using (bucket_id = 'report-photos'
    and (private.object_business(name) in (select private.staff_business_ids())
         or private.object_pet_folder(name) in (select private.my_pet_folders())));
create policy "staff upload report photos" on storage.objects
  for insert to authenticated
  with check (bucket_id = 'report-photos' and private.object_business(name) in (select private.staff_business_ids()));
create policy "staff remove report photos" on storage.objects
  for delete to authenticated
  using (bucket_id = 'report-photos' and private.object_business(name) in (select private.staff_business_ids()));
