create function public.post_report_card(p_booking_id uuid, p_note text default null, p_photos text[] default '{}')
returns public.report_cards
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_booking public.bookings;
  v_day date;
  v_card public.report_cards;
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
begin
  select * into v_booking from public.bookings where id = p_booking_id;
  if not found then
    raise exception 'booking not found' using errcode = 'PT404', hint = 'booking_not_found';
  end if;
  -- parents see their bookings too, but only the business's staff post cards
  if v_booking.business_id not in (select private.staff_business_ids()) then
    raise exception 'only staff post report cards' using errcode = '42501', hint = 'report_card_staff_only';
  end if;
  if v_booking.status not in ('checked_in', 'checked_out') then
    raise exception 'the pet is not in care' using errcode = '23514', hint = 'report_card_not_in_care',
      detail = json_build_object('status', v_booking.status)::text;
  end if;
  if v_note is null and cardinality(coalesce(p_photos, '{}')) = 0 then
    raise exception 'a report card needs a note or a photo' using errcode = '22023', hint = 'report_card_empty';
  end if;
  if length(v_note) > 1000 then
    raise exception 'the note is too long' using errcode = '22023', hint = 'report_card_note_too_long',
      detail = json_build_object('max', 1000)::text;
  end if;
  if not private.paths_in_folder(coalesce(p_photos, '{}'), v_booking.business_id::text || '/' || v_booking.pet_id::text) then
    raise exception 'a photo is not one of this pet''s files' using errcode = '22023', hint = 'report_card_photo_invalid';
  end if;
  select (now() at time zone b.timezone)::date into v_day from public.businesses b where b.id = v_booking.business_id;
  if cardinality(coalesce(p_photos, '{}')) + coalesce((select cardinality(c.photos) from public.report_cards c
        where c.booking_id = v_booking.id and c.day = v_day), 0) > 8 then
    raise exception 'at most 8 photos a day' using errcode = '22023', hint = 'report_card_too_many_photos',
      detail = json_build_object('max', 8)::text;
  end if;

  -- Posting again the same day adds the photos and replaces the note (when one is given).
  insert into public.report_cards (business_id, booking_id, pet_id, client_id, day, note, photos)
  values (v_booking.business_id, v_booking.id, v_booking.pet_id, v_booking.client_id, v_day, v_note, coalesce(p_photos, '{}'))
  on conflict (booking_id, day) do update
    set note = coalesce(excluded.note, public.report_cards.note),
        photos = public.report_cards.photos || excluded.photos
  returning * into v_card;
  return v_card;
end
$$;
comment on function public.post_report_card(uuid, text, text[]) is
  'Staff post (or add to) the day''s report card of a pet in care: a note and report-photos paths.';
revoke execute on function public.post_report_card(uuid, text, text[]) from public, anon;
grant execute on function public.post_report_card(uuid, text, text[]) to authenticated, service_role;
