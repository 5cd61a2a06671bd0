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
  v_previous jsonb;
  v_business uuid;
  v_tag public.pet_tags;
begin
  v_previous := private.scan_replayed(p_client_scan_id);
  if v_previous is not null then
    return v_previous;
  end if;
  v_business := private.scan_business(p_business_id);
  v_tag := private.tag_pet(v_business, p_uid);
  return private.check_out_pet_core(v_business, v_tag.pet_id, v_tag.id, p_client_scan_id, p_device_id);
end
$$;
comment on function public.check_out_by_tag(text, uuid, text, uuid) is
  'Checks out the pet wearing the tag; idempotent on client_scan_id. Definer: proves the caller is staff once, then works within that business.';

revoke execute on function public.check_out_by_tag(text, uuid, text, uuid) from public, anon;
grant execute on function public.check_out_by_tag(text, uuid, text, uuid) to authenticated, service_role;
