-- Books several occurrences at once: a recurrence ("Mon/Wed/Fri every week until 31 March"), several
-- pets of one family, or both. Each occurrence goes through public.book_service, so each obeys capacity
-- (a full day waitlists) and vaccines exactly as a single booking does. All-or-report: every occurrence
-- is either booked (confirmed, requested or waitlisted) or refused with its own hint, and the answer lists
-- them all, so the form can say which dates went where; nothing is left out silently. The bookings made
-- share a series id, so the rest of a series can be cancelled at once (public.cancel_series).
-- Invoker: the caller's policies decide, as for book_service.
create function public.book_series(p_service_id uuid, p_pet_ids uuid[], p_starts timestamptz[],
  p_ends timestamptz[] default null, p_notes text default null, p_confirm boolean default false) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  c_max constant int := 120;  -- bookings in one series; the form states the same cap
  v_series uuid := extensions.gen_random_uuid();
  v_count int := coalesce(cardinality(p_pet_ids), 0) * coalesce(cardinality(p_starts), 0);
  v_results jsonb := '[]';
  v_booking public.bookings;
  v_pet uuid;
  v_i int;
  v_state text;
  v_hint text;
  v_detail text;
begin
  if v_count = 0 then
    raise exception 'a series needs at least one pet and one date' using errcode = '22023',
      hint = 'series_empty';
  end if;
  if v_count > c_max then
    raise exception 'a series holds at most % bookings', c_max using errcode = '22023',
      hint = 'series_too_long',
      detail = jsonb_build_object('max', c_max, 'asked', v_count)::text;
  end if;
  if p_ends is not null and cardinality(p_ends) <> cardinality(p_starts) then
    raise exception 'each start needs its end' using errcode = '22023',
      hint = 'series_ends_mismatch';
  end if;
  for v_i in 1 .. cardinality(p_starts) loop
    foreach v_pet in array p_pet_ids loop
      begin
        v_booking := public.book_service(p_service_id, v_pet, p_starts[v_i], p_ends[v_i], p_notes, p_confirm);
        update public.bookings set series_id = v_series where id = v_booking.id;
        v_results := v_results || jsonb_build_object('pet_id', v_pet, 'starts_at', v_booking.starts_at,
          'ends_at', v_booking.ends_at, 'booking_id', v_booking.id, 'status', v_booking.status);
      exception when others then
        get stacked diagnostics v_state = returned_sqlstate, v_hint = pg_exception_hint, v_detail = pg_exception_detail;
        if v_hint is null or v_hint = '' then
          raise;  -- a fault, not a refusal: the whole series fails
        end if;
        v_results := v_results || jsonb_build_object('pet_id', v_pet, 'starts_at', p_starts[v_i],
          'ends_at', p_ends[v_i], 'refused', jsonb_build_object('code', v_state, 'hint', v_hint, 'details', v_detail));
      end;
    end loop;
  end loop;
  return jsonb_build_object('series_id', v_series, 'results', v_results);
end
$$;
comment on function public.book_series(uuid, uuid[], timestamptz[], timestamptz[], text, boolean) is 'Books each pet at each start through book_service (capacity, vaccines); reports every occurrence as booked or refused with its hint; at most 120.';
revoke execute on function public.book_series(uuid, uuid[], timestamptz[], timestamptz[], text, boolean) from public, anon;
grant execute on function public.book_series(uuid, uuid[], timestamptz[], timestamptz[], text, boolean) to authenticated, service_role;
