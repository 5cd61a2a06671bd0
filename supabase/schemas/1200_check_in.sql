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
  'The card a scan shows (pet, client, booking, care instructions, vaccines, alerts), read within one business; definer, for the scan rpcs after they proved the caller works there.';
-- only the definer scan rpcs call it; nobody else may read a business through it
revoke execute on function private.scan_card_in(uuid, uuid, uuid, jsonb) from public;
