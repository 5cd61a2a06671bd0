-- Checks a pet out by its tag.
-- Security definer (search_path ''): once private.scan_business proves the caller is staff of the business
-- (their memberships, through auth.uid()), every statement names that business explicitly, so policies would
-- only repeat the proof per statement. Definer writers are trusted by the booking life-cycle guard, which staff
-- pass anyway; audit rows, created_by and scanned_by come from auth.uid(), so the actor is the caller.

create function public.check_out_by_tag(p_uid text, p_client_scan_id uuid, p_device_id text default null,
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

revoke execute on function public.check_out_by_tag(text, uuid, text, uuid) from public, anon;
grant execute on function public.check_out_by_tag(text, uuid, text, uuid) to authenticated, service_role;
