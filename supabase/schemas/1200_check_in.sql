-- Helpers of the check-in and check-out rpcs (rpc/check_in_by_tag.sql, rpc/check_out_by_tag.sql).

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
    raise exception 'only a manager or owner may override the vaccine gate' using errcode = '42501',
      hint = 'override_managers_only';
  end if;
  insert into public.audit_log (business_id, actor, table_name, row_id, action, new, reason)
  values (p_business_id, (select auth.uid()), 'bookings', p_booking_id::text, 'OVERRIDE', p_details, p_reason);
end
$$;
comment on function private.audit_override(uuid, uuid, text, jsonb) is 'Writes an audited vaccine-gate override (owners and managers only).';
revoke execute on function private.audit_override(uuid, uuid, text, jsonb) from public;

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
      raise exception 'you do not work at this business' using errcode = '42501',
        hint = 'not_staff_of_business';
    end if;
    return p_business_id;
  end if;
  if cardinality(v_ids) = 0 then
    raise exception 'only staff may scan tags' using errcode = '42501',
      hint = 'scan_staff_only';
  end if;
  if cardinality(v_ids) > 1 then
    raise exception 'you work at several businesses: pass p_business_id' using errcode = '22023',
      hint = 'business_required';
  end if;
  return v_ids[1];
end
$$;
comment on function private.scan_business(uuid) is 'Resolves the business a scan is for among the caller''s businesses.';
revoke execute on function private.scan_business(uuid) from public;

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
    raise exception 'no active tag % in this business', lower(btrim(p_uid)) using errcode = 'PT404',
      hint = 'tag_not_found',
      detail = jsonb_build_object('uid', lower(btrim(p_uid)))::text;
  end if;
  return v_tag;
end
$$;
comment on function private.tag_pet(uuid, text) is 'The active tag with this uid in the business, or an error.';
revoke execute on function private.tag_pet(uuid, text) from public;

-- What staff see on scanning, read within one business (the checked-in pet's business) without RLS.
create function private.scan_card_in(p_business_id uuid, p_pet_id uuid, p_booking_id uuid, p_vaccines jsonb) returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- PL/pgSQL, not SQL: a SQL function with its own search_path is never inlined and is planned again on every
  -- call (6.2 ms of a 15 ms check-in at full scale); PL/pgSQL keeps the plan for the session.
  return (
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
  );
end
$$;
comment on function private.scan_card_in(uuid, uuid, uuid, jsonb) is
  'The card a scan shows (pet, client, booking, care instructions, vaccines, alerts), read within one business; definer, for the scan rpcs after they proved the caller works there.';
-- only the definer scan rpcs call it; nobody else may read a business through it
revoke execute on function private.scan_card_in(uuid, uuid, uuid, jsonb) from public;

-- A scan id seen before: the answer the first call gave, to staff who could see it (an offline queue or a
-- double tap replays exactly once). Takes the per-scan-id lock the caller holds to the end of its transaction.
create function private.scan_replayed(p_client_scan_id uuid) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('scan/' || p_client_scan_id::text, 0));
  return (select s.result || jsonb_build_object('replayed', true) from public.tag_scans s
          where s.client_scan_id = p_client_scan_id and s.business_id = any (array(select private.staff_business_ids())));
end
$$;
comment on function private.scan_replayed(uuid) is 'The first answer recorded for this client_scan_id (replayed), or null; locks the scan id.';
revoke execute on function private.scan_replayed(uuid) from public;

-- A pet of the business (the untagged path of check-in and check-out), or an error.
create function private.business_pet(p_business_id uuid, p_pet_id uuid) returns uuid
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if not exists (select 1 from public.pets p where p.id = p_pet_id and p.business_id = p_business_id) then
    raise exception 'pet not found in this business' using errcode = 'PT404', hint = 'pet_not_found';
  end if;
  return p_pet_id;
end
$$;
comment on function private.business_pet(uuid, uuid) is 'The pet id when the pet belongs to the business, else an error.';
revoke execute on function private.business_pet(uuid, uuid) from public;

-- When the pet went home today: its latest checked-out booking covering the business day, or null.
create function private.went_home_today(p_business_id uuid, p_pet_id uuid, p_today date) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  return (
    select jsonb_build_object('booking_id', b.id, 'at', b.status_changed_at)
    from public.bookings b
    where b.pet_id = p_pet_id and b.business_id = p_business_id and b.status = 'checked_out'
      and p_today in (select private.booking_days(b.business_id, b.starts_at, b.ends_at))
    order by b.status_changed_at desc
    limit 1
  );
end
$$;
comment on function private.went_home_today(uuid, uuid, date) is 'The pet''s checked-out booking of the business day and when it went home, or null.';
revoke execute on function private.went_home_today(uuid, uuid, date) from public;

-- The one check-in of a pet, whichever road it came by (a tag: p_tag_id set; a name picked on the roster or in
-- search: p_tag_id null): today's booking or a walk-in, the vaccine gate with its audited override, the scan
-- record. The caller has proved p_business_id is the caller's business and p_pet_id a pet of it; it runs with
-- the rights of the definer rpc calling it (check_in_by_tag, check_in_pet, check_in_family).
create function private.check_in_pet_core(p_business_id uuid, p_pet_id uuid, p_tag_id uuid, p_client_scan_id uuid,
  p_device_id text, p_override_reason text, p_walk_in_service_id uuid) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_tz text := (select b.timezone from public.businesses b where b.id = p_business_id);
  v_today date := (now() at time zone v_tz)::date;
  v_booking public.bookings;
  v_gone jsonb;
  v_vaccines jsonb;
  v_last_day date;
  v_result jsonb;
begin
  -- today's booking of the pet: one already checked in, else the earliest still to come. "Covers today" is
  -- the day's bounds on the business's clock (the days private.booking_days lists), compared directly so
  -- the (pet_id, starts_at) index bounds the scan and no function runs per candidate (issue 15, throughput).
  select * into v_booking from public.bookings b
  where b.pet_id = p_pet_id and b.business_id = p_business_id and b.status in ('requested', 'confirmed', 'checked_in')
    and b.starts_at < ((v_today + 1)::timestamp at time zone v_tz)
    and b.ends_at > (v_today::timestamp at time zone v_tz)
  order by (b.status = 'checked_in') desc, b.starts_at
  limit 1;

  if found and v_booking.status = 'checked_in' then
    return private.scan_card_in(p_business_id, p_pet_id, v_booking.id, public.pet_vaccine_status(p_pet_id, v_booking.service_id, v_today))
      || jsonb_build_object('status', 'already_checked_in', 'replayed', false);
  end if;

  if not found then
    if p_walk_in_service_id is null then
      -- No live booking today. A pet that already went home today is said to have (a second tap after
      -- check-out must never read as "no booking" next to a one-press paid walk-in); either way the walk-in
      -- services are listed for a deliberate, confirmed choice, never booked by the tap itself.
      v_gone := private.went_home_today(p_business_id, p_pet_id, v_today);
      return private.scan_card_in(p_business_id, p_pet_id, (v_gone ->> 'booking_id')::uuid, public.pet_vaccine_status(p_pet_id, null, v_today))
        || jsonb_build_object('status', case when v_gone is null then 'no_booking_today' else 'gone_home' end,
             'went_home_at', v_gone -> 'at', 'replayed', false,
             'walk_in_services', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'kind', s.kind) order by s.name), '[]'::jsonb)
                                  from public.services s where s.business_id = p_business_id and s.is_active and s.kind <> 'transport'));
    end if;
    -- book_service only books a pet into a service of the pet's own business, which is p_business_id
    begin
      v_booking := public.book_service(p_walk_in_service_id, p_pet_id, now(), null, 'walk-in', true);
    exception when sqlstate '23514' then
      if p_override_reason is null then
        return private.scan_card_in(p_business_id, p_pet_id, null, public.pet_vaccine_status(p_pet_id, p_walk_in_service_id, v_today))
          || jsonb_build_object('status', 'blocked', 'reason', 'vaccines', 'replayed', false);
      end if;
      -- an overridden walk-in skips the vaccine check of book_service; the gate below audits it. Opening hours
      -- still hold: private.service_open_until refuses outside them and gives the closing time.
      insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
      select p_business_id, s.id, p.id, p.client_id, now(),
             private.visit_end(now(), s.duration_minutes, private.service_open_until(s.id, now()), v_tz),
             'confirmed', 'walk-in'
      from public.services s, public.pets p
      where s.id = p_walk_in_service_id and s.business_id = p_business_id and p.id = p_pet_id and p.business_id = p_business_id
      returning * into v_booking;
    end;
    if v_booking.id is null then
      raise exception 'walk-in service not found in this business' using errcode = 'PT404',
        hint = 'walk_in_service_not_found';
    end if;
    if v_booking.status = 'waitlisted' then
      return private.scan_card_in(p_business_id, p_pet_id, v_booking.id, '[]'::jsonb) || jsonb_build_object('status', 'full', 'replayed', false);
    end if;
  end if;

  -- the vaccine gate: expired, missing or expiring during the stay blocks, unless a manager overrides
  v_last_day := ((v_booking.ends_at - interval '1 microsecond') at time zone v_tz)::date;
  v_vaccines := public.pet_vaccine_status(p_pet_id, v_booking.service_id, v_today, greatest(v_today, v_last_day));
  if private.vaccines_block(v_vaccines) then
    if p_override_reason is null then
      return private.scan_card_in(p_business_id, p_pet_id, v_booking.id, v_vaccines)
        || jsonb_build_object('status', 'blocked', 'reason', 'vaccines', 'replayed', false);
    end if;
    perform private.audit_override(p_business_id, v_booking.id, p_override_reason,
      jsonb_build_object('pet_id', p_pet_id, 'vaccines', v_vaccines, 'client_scan_id', p_client_scan_id));
  else
    p_override_reason := null;  -- nothing to override
  end if;

  update public.bookings set status = 'checked_in' where id = v_booking.id and business_id = p_business_id returning * into v_booking;
  v_result := private.scan_card_in(p_business_id, p_pet_id, v_booking.id, v_vaccines)
    || jsonb_build_object('status', 'checked_in', 'overridden', p_override_reason is not null,
                          'scan_id', extensions.gen_random_uuid(), 'scanned_at', now());
  insert into public.tag_scans (id, business_id, tag_id, pet_id, booking_id, action, device_id, client_scan_id, override_reason, result, scanned_at)
  values ((v_result ->> 'scan_id')::uuid, p_business_id, p_tag_id, p_pet_id, v_booking.id, 'check_in', p_device_id,
          p_client_scan_id, p_override_reason, v_result, now());
  return v_result || jsonb_build_object('replayed', false);
end
$$;
comment on function private.check_in_pet_core(uuid, uuid, uuid, uuid, text, text, uuid) is
  'Checks a pet of a proven business in: today''s booking or a walk-in, the vaccine gate and its audited override, the scan record. Shared by the tag and pet-id rpcs.';
revoke execute on function private.check_in_pet_core(uuid, uuid, uuid, uuid, text, text, uuid) from public;

-- The one check-out of a pet, by tag or by pet id (p_tag_id null); the caller proved business and pet.
create function private.check_out_pet_core(p_business_id uuid, p_pet_id uuid, p_tag_id uuid, p_client_scan_id uuid,
  p_device_id text) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_booking public.bookings;
  v_gone jsonb;
  v_result jsonb;
begin
  select * into v_booking from public.bookings b
  where b.pet_id = p_pet_id and b.business_id = p_business_id and b.status = 'checked_in' order by b.starts_at desc limit 1;
  if not found then
    -- gone home already today: say when, rather than only "not checked in"
    v_gone := private.went_home_today(p_business_id, p_pet_id,
      (now() at time zone (select b.timezone from public.businesses b where b.id = p_business_id))::date);
    return private.scan_card_in(p_business_id, p_pet_id, (v_gone ->> 'booking_id')::uuid, '[]'::jsonb)
      || jsonb_build_object('status', case when v_gone is null then 'not_checked_in' else 'gone_home' end,
                            'went_home_at', v_gone -> 'at', 'replayed', false);
  end if;
  update public.bookings set status = 'checked_out' where id = v_booking.id and business_id = p_business_id;
  v_result := private.scan_card_in(p_business_id, p_pet_id, v_booking.id, '[]'::jsonb)
    || jsonb_build_object('status', 'checked_out', 'scan_id', extensions.gen_random_uuid(), 'scanned_at', now());
  insert into public.tag_scans (id, business_id, tag_id, pet_id, booking_id, action, device_id, client_scan_id, result, scanned_at)
  values ((v_result ->> 'scan_id')::uuid, p_business_id, p_tag_id, p_pet_id, v_booking.id, 'check_out', p_device_id,
          p_client_scan_id, v_result, now());
  return v_result || jsonb_build_object('replayed', false);
end
$$;
comment on function private.check_out_pet_core(uuid, uuid, uuid, uuid, text) is
  'Checks a pet of a proven business out and records the scan; says when it went home if it already has. Shared by the tag and pet-id rpcs.';
revoke execute on function private.check_out_pet_core(uuid, uuid, uuid, uuid, text) from public;
