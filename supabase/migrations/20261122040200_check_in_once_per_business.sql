-- Why: a check-in re-evaluated the caller's memberships in every statement's policies (~15 per scan); it now proves them once and scopes each read and write to that business.
-- Same signatures, same answers: the replay on client_scan_id, the vaccine gate, the audited override,
-- walk-ins, and the broadcasts the roster and the parent follow. Two edges move: only staff may replay a
-- scan id (a pet parent used to read their pet's scan back through it), and the parent's topic no longer
-- gets the scan row besides the booking change (below).

-- check_in_by_tag and check_out_by_tag become security definer (search_path '') because, once the caller
-- is proved staff of the business (private.scan_business, which reads their memberships through
-- auth.uid()), every statement below names that business explicitly: the policies would only repeat the
-- proof per statement. Definer writers are trusted by the booking life-cycle guard, which staff already
-- pass; audit rows, created_by and scanned_by still come from auth.uid(), so the actor is unchanged.

-- What staff see on scanning, read within one business (the checked-in pet's business) without RLS.
create function private.scan_card_in(p_business_id uuid, p_pet_id uuid, p_booking_id uuid, p_vaccines jsonb) returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'pet', jsonb_build_object('id', p.id, 'name', p.name, 'species', p.species, 'breed', p.breed, 'photo_path', p.photo_path),
    'client', jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone, 'email', c.email),
    'booking', (select jsonb_build_object('id', b.id, 'status', b.status, 'starts_at', b.starts_at, 'ends_at', b.ends_at,
                  'lodging', b.lodging, 'notes', b.notes,
                  'service', jsonb_build_object('id', s.id, 'name', s.name, 'kind', s.kind))
                from public.bookings b join public.services s on s.id = b.service_id
                where b.id = p_booking_id and b.business_id = p_business_id),
    'care', jsonb_build_object('feeding', p.feeding, 'medication', p.medication, 'handling_notes', p.handling_notes),
    'vaccines', p_vaccines,
    'alerts', (
      -- blocking vaccines, allergies on record, and serious incidents of the last 30 days
      select coalesce(jsonb_agg(a.alert), '[]'::jsonb) from (
        select 'vaccine ' || (e ->> 'name') || ': ' || replace(e ->> 'status', '_', ' ') as alert
        from jsonb_array_elements(p_vaccines) e where e ->> 'status' <> 'valid'
        union all
        select 'allergy: ' || m.title from public.medical_records m
        where m.pet_id = p.id and m.business_id = p_business_id and m.kind = 'allergy'
        union all
        select 'incident (' || i.severity || '): ' || i.kind from public.incidents i
        where i.pet_id = p.id and i.business_id = p_business_id and i.severity in ('high', 'critical')
          and i.occurred_at > now() - interval '30 days'
      ) a)
  )
  from public.pets p join public.clients c on c.id = p.client_id
  where p.id = p_pet_id and p.business_id = p_business_id
$$;
comment on function private.scan_card_in(uuid, uuid, uuid, jsonb) is
  'The scan card (as private.scan_card) read within one business; definer, for the scan rpcs after they proved the caller works there.';
-- only the definer scan rpcs call it; nobody else may read a business through it
revoke execute on function private.scan_card_in(uuid, uuid, uuid, jsonb) from public;

create or replace function public.check_in_by_tag(p_uid text, p_client_scan_id uuid, p_device_id text default null,
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
      -- an overridden walk-in skips the vaccine check of book_service; the gate below audits it
      insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
      select v_business, s.id, p.id, p.client_id, now(),
             coalesce(now() + make_interval(mins => s.duration_minutes), ((v_today + 1)::timestamp at time zone v_tz)),
             'confirmed', 'walk-in'
      from public.services s, public.pets p
      where s.id = p_walk_in_service_id and s.business_id = v_business and p.id = v_tag.pet_id and p.business_id = v_business
      returning * into v_booking;
    end;
    if v_booking.id is null then
      raise exception 'walk-in service not found in this business' using errcode = 'P0002';
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

create or replace function public.check_out_by_tag(p_uid text, p_client_scan_id uuid, p_device_id text default null,
  p_business_id uuid default null) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_staff_of uuid[] := array(select private.staff_business_ids());
  v_previous jsonb;
  v_business uuid;
  v_tag public.pet_tags;
  v_booking public.bookings;
  v_result jsonb;
begin
  perform pg_advisory_xact_lock(hashtextextended('scan/' || p_client_scan_id::text, 0));
  select s.result into v_previous from public.tag_scans s
  where s.client_scan_id = p_client_scan_id and s.business_id = any (v_staff_of);
  if found then
    return v_previous || jsonb_build_object('replayed', true);
  end if;
  v_business := private.scan_business(p_business_id);
  v_tag := private.tag_pet(v_business, p_uid);
  select * into v_booking from public.bookings b
  where b.pet_id = v_tag.pet_id and b.business_id = v_business and b.status = 'checked_in' order by b.starts_at desc limit 1;
  if not found then
    return private.scan_card_in(v_business, v_tag.pet_id, null, '[]'::jsonb) || jsonb_build_object('status', 'not_checked_in', 'replayed', false);
  end if;
  update public.bookings set status = 'checked_out' where id = v_booking.id and business_id = v_business;
  v_result := private.scan_card_in(v_business, v_tag.pet_id, v_booking.id, '[]'::jsonb)
    || jsonb_build_object('status', 'checked_out', 'scan_id', extensions.gen_random_uuid(), 'scanned_at', now());
  insert into public.tag_scans (id, business_id, tag_id, pet_id, booking_id, action, device_id, client_scan_id, result, scanned_at)
  values ((v_result ->> 'scan_id')::uuid, v_business, v_tag.id, v_tag.pet_id, v_booking.id, 'check_out', p_device_id,
          p_client_scan_id, v_result, now());
  return v_result || jsonb_build_object('replayed', false);
end
$$;
comment on function public.check_out_by_tag(text, uuid, text, uuid) is
  'Checks out the pet wearing the tag; idempotent on client_scan_id. Definer: proves the caller is staff once, then works within that business.';

-- A scan was broadcast twice to the parent: as the booking's move (checked_in / checked_out, which the
-- parent's client:<id> topic already carries from bookings_broadcast) and again as the scan row. Nothing
-- listening on client:<id> reads scan rows, so a scan now goes to the business topic only; the roster and
-- the check-in tests read both the booking change and the scan there, so both stay on business:<id>.
-- Invoker now: the definer was only for looking up the pet's client, whoever scanned.
create or replace function private.broadcast_tag_scan() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform realtime.broadcast_changes('business:' || new.business_id, tg_op, tg_op, tg_table_name, tg_table_schema, new, null::public.tag_scans);
  return null;
end
$$;
comment on function private.broadcast_tag_scan() is
  'Trigger: broadcasts a scan to business:<id> (the parent hears the check-in as the booking change on client:<id>).';
comment on trigger tag_scans_broadcast on public.tag_scans is 'Broadcasts scans to the business topic.';
