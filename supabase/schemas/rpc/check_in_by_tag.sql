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
  v_previous jsonb;
  v_business uuid;
  v_tag public.pet_tags;
begin
  -- a replayed scan (offline queue, double tap) returns what the first one did, to staff who could see it
  v_previous := private.scan_replayed(p_client_scan_id);
  if v_previous is not null then
    return v_previous;
  end if;
  -- the one proof of membership; everything below is scoped to this business
  v_business := private.scan_business(p_business_id);
  v_tag := private.tag_pet(v_business, p_uid);
  -- the check-in itself is shared with the untagged road (check_in_pet): private.check_in_pet_core
  return private.check_in_pet_core(v_business, v_tag.pet_id, v_tag.id, p_client_scan_id, p_device_id,
    p_override_reason, p_walk_in_service_id);
end
$$;
comment on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) is
  'Checks in the pet wearing the tag: finds today''s booking (or makes a walk-in), applies the vaccine gate, records the scan once per client_scan_id. Definer: proves the caller is staff once, then works within that business.';

revoke execute on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) from public, anon;
grant execute on function public.check_in_by_tag(text, uuid, text, text, uuid, uuid) to authenticated, service_role;
