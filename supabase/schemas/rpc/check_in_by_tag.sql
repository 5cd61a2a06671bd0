-- Checks a pet in by its tag (SPEC §5 flow 1).
-- Security definer (search_path ''): once private.scan_business proves the caller is staff of the business
-- (their memberships, through auth.uid()), every statement names that business explicitly, so policies would
-- only repeat the proof per statement. Definer writers are trusted by the booking life-cycle guard, which staff
-- pass anyway; audit rows, created_by and scanned_by come from auth.uid(), so the actor is the caller.

create function public.check_in_by_tag(p_uid text, p_client_scan_id uuid, p_device_id text default null,
  p_override_reason text default null, p_business_id uuid default null, p_walk_in_service_id uuid default null) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_staff_of uuid[] := array(select private.staff_business_ids());
  v_previous jsonb;
  v_business uuid;
  v_tz text;
  v_today date;
  v_tag public.pet_tags;
  v_booking public.bookings;
  v_vaccines jsonb;
  v_last_day date;
  v_result jsonb;
begin
  -- a replayed scan (offline queue, double tap) returns what the first one did, to staff who could see it
  perform pg_advisory_xact_lock(hashtextextended('scan/' || p_client_scan_id::text, 0));
  select s.result into v_previous from public.tag_scans s
  where s.client_scan_id = p_client_scan_id and s.business_id = any (v_staff_of);
  if found then
    return v_previous || jsonb_build_object('replayed', true);
  end if;

  -- the one proof of membership; everything below is scoped to this business
  v_business := private.scan_business(p_business_id);
  v_tz := (select b.timezone from public.businesses b where b.id = v_business);
  v_today := (now() at time zone v_tz)::date;
  v_tag := private.tag_pet(v_business, p_uid);

  -- today's booking of the pet: one already checked in, else the earliest still to come
  select * into v_booking from public.bookings b
  where b.pet_id = v_tag.pet_id and b.business_id = v_business and b.status in ('requested', 'confirmed', 'checked_in')
    and v_today in (select private.booking_days(b.business_id, b.starts_at, b.ends_at))
  order by (b.status = 'checked_in') desc, b.starts_at
  limit 1;

  if found and v_booking.status = 'checked_in' then
    return private.scan_card_in(v_business, v_tag.pet_id, v_booking.id, public.pet_vaccine_status(v_tag.pet_id, v_booking.service_id, v_today))
      || jsonb_build_object('status', 'already_checked_in', 'replayed', false);
  end if;

  if not found then
    if p_walk_in_service_id is null then
      -- no booking today: say so, with what could be booked on the spot
      return private.scan_card_in(v_business, v_tag.pet_id, null, public.pet_vaccine_status(v_tag.pet_id, null, v_today))
        || jsonb_build_object('status', 'no_booking_today', 'replayed', false,
             'walk_in_services', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'kind', s.kind) order by s.name), '[]'::jsonb)
                                  from public.services s where s.business_id = v_business and s.is_active and s.kind <> 'transport'));
    end if;
    -- book_service only books a pet into a service of the pet's own business, which is v_business
    begin
      v_booking := public.book_service(p_walk_in_service_id, v_tag.pet_id, now(), null, 'walk-in', true);
    exception when sqlstate '23514' then
      if p_override_reason is null then
        return private.scan_card_in(v_business, v_tag.pet_id, null, public.pet_vaccine_status(v_tag.pet_id, p_walk_in_service_id, v_today))
          || jsonb_build_object('status', 'blocked', 'reason', 'vaccines', 'replayed', false);
      end if;
      -- an overridden walk-in skips the vaccine check of book_service; the gate below audits it. Opening hours
      -- (h1) still hold: private.service_open_until refuses outside them and gives the closing time.
      insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
      select v_business, s.id, p.id, p.client_id, now(),
             coalesce(now() + make_interval(mins => s.duration_minutes), private.service_open_until(s.id, now()),
                      ((v_today + 1)::timestamp at time zone v_tz)),
             'confirmed', 'walk-in'
      from public.services s, public.pets p
      where s.id = p_walk_in_service_id and s.business_id = v_business and p.id = v_tag.pet_id and p.business_id = v_business
      returning * into v_booking;
    end;
    if v_booking.id is null then
      raise exception 'walk-in service not found in this business' using errcode = 'PT404',
        hint = 'walk_in_service_not_found';
    end if;
    if v_booking.status = 'waitlisted' then
      return private.scan_card_in(v_business, v_tag.pet_id, v_booking.id, '[]'::jsonb) || jsonb_build_object('status', 'full', 'replayed', false);
    end if;
  end if;

  -- the vaccine gate: expired, missing or expiring during the stay blocks, unless a manager overrides
  v_last_day := ((v_booking.ends_at - interval '1 microsecond') at time zone v_tz)::date;
  v_vaccines := public.pet_vaccine_status(v_tag.pet_id, v_booking.service_id, v_today, greatest(v_today, v_last_day));
  if private.vaccines_block(v_vaccines) then
    if p_override_reason is null then
      return private.scan_card_in(v_business, v_tag.pet_id, v_booking.id, v_vaccines)
        || jsonb_build_object('status', 'blocked', 'reason', 'vaccines', 'replayed', false);
    end if;
    perform private.audit_override(v_business, v_booking.id, p_override_reason,
      jsonb_build_object('pet_id', v_tag.pet_id, 'vaccines', v_vaccines, 'client_scan_id', p_client_scan_id));
  else
    p_override_reason := null;  -- nothing to override
  end if;

  update public.bookings set status = 'checked_in' where id = v_booking.id and business_id = v_business returning * into v_booking;
  v_result := private.scan_card_in(v_business, v_tag.pet_id, v_booking.id, v_vaccines)
    || jsonb_build_object('status', 'checked_in', 'overridden', p_override_reason is not null,
                          'scan_id', extensions.gen_random_uuid(), 'scanned_at', now());
  insert into public.tag_scans (id, business_id, tag_id, pet_id, booking_id, action, device_id, client_scan_id, override_reason, result, scanned_at)
  values ((v_result ->> 'scan_id')::uuid, v_business, v_tag.id, v_tag.pet_id, v_booking.id, 'check_in', p_device_id,
          p_client_scan_id, p_override_reason, v_result, now());
  return v_result || jsonb_build_object('replayed', false);
end
$$;
comment on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) is
  'Checks in the pet wearing the tag: finds today''s booking (or makes a walk-in), applies the vaccine gate, records the scan once per client_scan_id. Definer: proves the caller is staff once, then works within that business.';

revoke execute on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) from public, anon;
grant execute on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) to authenticated, service_role;
