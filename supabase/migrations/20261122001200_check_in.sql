-- Check-in and check-out by tag, and tag registration.

-- Records a vaccine-gate override in the audit log. Security definer: nobody may write the audit log
-- directly; this entry is written only after the caller proved to be an owner or manager.
create function private.audit_override(p_business_id uuid, p_booking_id uuid, p_reason text, p_details jsonb) returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if not private.has_role(p_business_id, array['owner', 'manager']::public.member_role[]) then
    raise exception 'only a manager or owner may override the vaccine gate' using errcode = '42501';
  end if;
  insert into public.audit_log (business_id, actor, table_name, row_id, action, new, reason)
  values (p_business_id, (select auth.uid()), 'bookings', p_booking_id::text, 'OVERRIDE', p_details, p_reason);
end
$$;
comment on function private.audit_override(uuid, uuid, text, jsonb) is 'Writes an audited vaccine-gate override (owners and managers only).';
revoke execute on function private.audit_override(uuid, uuid, text, jsonb) from public;
grant execute on function private.audit_override(uuid, uuid, text, jsonb) to authenticated;

-- Which of the caller's businesses a scan belongs to: the one named, or the only one they staff.
create function private.scan_business(p_business_id uuid) returns uuid
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_ids uuid[] := array(select private.staff_business_ids());
begin
  if p_business_id is not null then
    if not p_business_id = any (v_ids) then
      raise exception 'you do not work at this business' using errcode = '42501';
    end if;
    return p_business_id;
  end if;
  if cardinality(v_ids) = 0 then
    raise exception 'only staff may scan tags' using errcode = '42501';
  end if;
  if cardinality(v_ids) > 1 then
    raise exception 'you work at several businesses: pass p_business_id' using errcode = '22023';
  end if;
  return v_ids[1];
end
$$;
comment on function private.scan_business(uuid) is 'Resolves the business a scan is for among the caller''s businesses.';
grant execute on function private.scan_business(uuid) to authenticated;

-- The pet behind an active tag of the business.
create function private.tag_pet(p_business_id uuid, p_uid text) returns public.pet_tags
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_tag public.pet_tags;
begin
  select * into v_tag from public.pet_tags t
  where t.business_id = p_business_id and t.uid = lower(btrim(p_uid)) and t.active;
  if not found then
    raise exception 'no active tag % in this business', lower(btrim(p_uid)) using errcode = 'P0002';
  end if;
  return v_tag;
end
$$;
comment on function private.tag_pet(uuid, text) is 'The active tag with this uid in the business, or an error.';
grant execute on function private.tag_pet(uuid, text) to authenticated;

-- What staff see on scanning: the pet, its parent, care instructions and alerts.
create function private.scan_card(p_pet_id uuid, p_booking_id uuid, p_vaccines jsonb) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'pet', jsonb_build_object('id', p.id, 'name', p.name, 'species', p.species, 'breed', p.breed, 'photo_path', p.photo_path),
    'client', jsonb_build_object('id', c.id, 'full_name', c.full_name, 'phone', c.phone, 'email', c.email),
    'booking', (select jsonb_build_object('id', b.id, 'status', b.status, 'starts_at', b.starts_at, 'ends_at', b.ends_at,
                  'lodging', b.lodging, 'notes', b.notes,
                  'service', jsonb_build_object('id', s.id, 'name', s.name, 'kind', s.kind))
                from public.bookings b join public.services s on s.id = b.service_id where b.id = p_booking_id),
    'care', jsonb_build_object('feeding', p.feeding, 'medication', p.medication, 'handling_notes', p.handling_notes),
    'vaccines', p_vaccines,
    'alerts', (
      -- blocking vaccines, allergies on record, and serious incidents of the last 30 days
      select coalesce(jsonb_agg(a.alert), '[]'::jsonb) from (
        select 'vaccine ' || (e ->> 'name') || ': ' || replace(e ->> 'status', '_', ' ') as alert
        from jsonb_array_elements(p_vaccines) e where e ->> 'status' <> 'valid'
        union all
        select 'allergy: ' || m.title from public.medical_records m where m.pet_id = p.id and m.kind = 'allergy'
        union all
        select 'incident (' || i.severity || '): ' || i.kind from public.incidents i
        where i.pet_id = p.id and i.severity in ('high', 'critical') and i.occurred_at > now() - interval '30 days'
      ) a)
  )
  from public.pets p join public.clients c on c.id = p.client_id
  where p.id = p_pet_id
$$;
comment on function private.scan_card(uuid, uuid, jsonb) is 'The card a scan shows: pet, client, booking, care instructions, vaccines and alerts.';
grant execute on function private.scan_card(uuid, uuid, jsonb) to authenticated;

create function public.check_in_by_tag(p_uid text, p_client_scan_id uuid, p_device_id text default null,
  p_override_reason text default null, p_business_id uuid default null, p_walk_in_service_id uuid default null) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
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
  -- a replayed scan (offline queue, double tap) returns what the first one did
  perform pg_advisory_xact_lock(hashtextextended('scan/' || p_client_scan_id::text, 0));
  select s.result into v_previous from public.tag_scans s where s.client_scan_id = p_client_scan_id;
  if found then
    return v_previous || jsonb_build_object('replayed', true);
  end if;

  v_business := private.scan_business(p_business_id);
  v_tz := (select b.timezone from public.businesses b where b.id = v_business);
  v_today := (now() at time zone v_tz)::date;
  v_tag := private.tag_pet(v_business, p_uid);

  -- today's booking of the pet: one already checked in, else the earliest still to come
  select * into v_booking from public.bookings b
  where b.pet_id = v_tag.pet_id and b.status in ('requested', 'confirmed', 'checked_in')
    and v_today in (select private.booking_days(b.business_id, b.starts_at, b.ends_at))
  order by (b.status = 'checked_in') desc, b.starts_at
  limit 1;

  if found and v_booking.status = 'checked_in' then
    return private.scan_card(v_tag.pet_id, v_booking.id, public.pet_vaccine_status(v_tag.pet_id, v_booking.service_id, v_today))
      || jsonb_build_object('status', 'already_checked_in', 'replayed', false);
  end if;

  if not found then
    if p_walk_in_service_id is null then
      -- no booking today: say so, with what could be booked on the spot
      return private.scan_card(v_tag.pet_id, null, public.pet_vaccine_status(v_tag.pet_id, null, v_today))
        || jsonb_build_object('status', 'no_booking_today', 'replayed', false,
             'walk_in_services', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'kind', s.kind) order by s.name), '[]'::jsonb)
                                  from public.services s where s.business_id = v_business and s.is_active and s.kind <> 'transport'));
    end if;
    begin
      v_booking := public.book_service(p_walk_in_service_id, v_tag.pet_id, now(), null, 'walk-in', true);
    exception when sqlstate '23514' then
      if p_override_reason is null then
        return private.scan_card(v_tag.pet_id, null, public.pet_vaccine_status(v_tag.pet_id, p_walk_in_service_id, v_today))
          || jsonb_build_object('status', 'blocked', 'reason', 'vaccines', 'replayed', false);
      end if;
      -- an overridden walk-in skips the vaccine check of book_service; the gate below audits it
      insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
      select v_business, s.id, p.id, p.client_id, now(),
             coalesce(now() + make_interval(mins => s.duration_minutes), ((v_today + 1)::timestamp at time zone v_tz)),
             'confirmed', 'walk-in'
      from public.services s, public.pets p where s.id = p_walk_in_service_id and s.business_id = v_business and p.id = v_tag.pet_id
      returning * into v_booking;
    end;
    if v_booking.id is null then
      raise exception 'walk-in service not found in this business' using errcode = 'P0002';
    end if;
    if v_booking.status = 'waitlisted' then
      return private.scan_card(v_tag.pet_id, v_booking.id, '[]'::jsonb) || jsonb_build_object('status', 'full', 'replayed', false);
    end if;
  end if;

  -- the vaccine gate: expired, missing or expiring during the stay blocks, unless a manager overrides
  v_last_day := ((v_booking.ends_at - interval '1 microsecond') at time zone v_tz)::date;
  v_vaccines := public.pet_vaccine_status(v_tag.pet_id, v_booking.service_id, v_today, greatest(v_today, v_last_day));
  if private.vaccines_block(v_vaccines) then
    if p_override_reason is null then
      return private.scan_card(v_tag.pet_id, v_booking.id, v_vaccines)
        || jsonb_build_object('status', 'blocked', 'reason', 'vaccines', 'replayed', false);
    end if;
    perform private.audit_override(v_business, v_booking.id, p_override_reason,
      jsonb_build_object('pet_id', v_tag.pet_id, 'vaccines', v_vaccines, 'client_scan_id', p_client_scan_id));
  else
    p_override_reason := null;  -- nothing to override
  end if;

  update public.bookings set status = 'checked_in' where id = v_booking.id returning * into v_booking;
  v_result := private.scan_card(v_tag.pet_id, v_booking.id, v_vaccines)
    || jsonb_build_object('status', 'checked_in', 'overridden', p_override_reason is not null,
                          'scan_id', extensions.gen_random_uuid(), 'scanned_at', now());
  insert into public.tag_scans (id, business_id, tag_id, pet_id, booking_id, action, device_id, client_scan_id, override_reason, result, scanned_at)
  values ((v_result ->> 'scan_id')::uuid, v_business, v_tag.id, v_tag.pet_id, v_booking.id, 'check_in', p_device_id,
          p_client_scan_id, p_override_reason, v_result, now());
  return v_result || jsonb_build_object('replayed', false);
end
$$;
comment on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) is
  'Checks in the pet wearing the tag: finds today''s booking (or makes a walk-in), applies the vaccine gate, records the scan once per client_scan_id.';
revoke execute on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) from public, anon;
grant execute on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) to authenticated, service_role;

create function public.check_out_by_tag(p_uid text, p_client_scan_id uuid, p_device_id text default null,
  p_business_id uuid default null) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_previous jsonb;
  v_business uuid;
  v_tag public.pet_tags;
  v_booking public.bookings;
  v_result jsonb;
begin
  perform pg_advisory_xact_lock(hashtextextended('scan/' || p_client_scan_id::text, 0));
  select s.result into v_previous from public.tag_scans s where s.client_scan_id = p_client_scan_id;
  if found then
    return v_previous || jsonb_build_object('replayed', true);
  end if;
  v_business := private.scan_business(p_business_id);
  v_tag := private.tag_pet(v_business, p_uid);
  select * into v_booking from public.bookings b
  where b.pet_id = v_tag.pet_id and b.status = 'checked_in' order by b.starts_at desc limit 1;
  if not found then
    return private.scan_card(v_tag.pet_id, null, '[]'::jsonb) || jsonb_build_object('status', 'not_checked_in', 'replayed', false);
  end if;
  update public.bookings set status = 'checked_out' where id = v_booking.id;
  v_result := private.scan_card(v_tag.pet_id, v_booking.id, '[]'::jsonb)
    || jsonb_build_object('status', 'checked_out', 'scan_id', extensions.gen_random_uuid(), 'scanned_at', now());
  insert into public.tag_scans (id, business_id, tag_id, pet_id, booking_id, action, device_id, client_scan_id, result, scanned_at)
  values ((v_result ->> 'scan_id')::uuid, v_business, v_tag.id, v_tag.pet_id, v_booking.id, 'check_out', p_device_id,
          p_client_scan_id, v_result, now());
  return v_result || jsonb_build_object('replayed', false);
end
$$;
comment on function public.check_out_by_tag(text, uuid, text, uuid) is 'Checks out the pet wearing the tag; idempotent on client_scan_id.';
revoke execute on function public.check_out_by_tag(text, uuid, text, uuid) from public, anon;
grant execute on function public.check_out_by_tag(text, uuid, text, uuid) to authenticated, service_role;

-- Registers a tag for a pet, retiring the pet's previous active tag of the same kind.
create function public.register_tag(p_pet_id uuid, p_uid text, p_kind public.tag_kind default 'nfc') returns public.pet_tags
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_pet public.pets;
  v_uid text := lower(btrim(p_uid));
  v_existing public.pet_tags;
  v_tag public.pet_tags;
begin
  select * into v_pet from public.pets where id = p_pet_id;
  if not found or not private.has_role(v_pet.business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
    raise exception 'pet not found' using errcode = 'P0002';
  end if;
  select * into v_existing from public.pet_tags where business_id = v_pet.business_id and uid = v_uid for update;
  if found and v_existing.pet_id <> p_pet_id and v_existing.active then
    raise exception 'tag % is already worn by another pet', v_uid using errcode = '23505';
  end if;
  update public.pet_tags set active = false
  where pet_id = p_pet_id and kind = p_kind and active and uid <> v_uid;
  insert into public.pet_tags (business_id, pet_id, uid, kind, active)
  values (v_pet.business_id, p_pet_id, v_uid, p_kind, true)
  on conflict (business_id, uid) do update set pet_id = excluded.pet_id, kind = excluded.kind, active = true
  returning * into v_tag;
  return v_tag;
end
$$;
comment on function public.register_tag(uuid, text, public.tag_kind) is 'Registers a tag uid for a pet (retiring its previous tag of that kind); a uid worn by another pet is refused.';
revoke execute on function public.register_tag(uuid, text, public.tag_kind) from public, anon;
grant execute on function public.register_tag(uuid, text, public.tag_kind) to authenticated, service_role;
