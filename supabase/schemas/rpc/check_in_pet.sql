-- Checks a pet in by its id: the road for a pet without a tag, picked on the roster or in the scanner's
-- search (issue 10). The same check-in as a tap (private.check_in_pet_core: today's booking or a walk-in, the
-- vaccine gate, the audited override, a tag_scans row with no tag), idempotent on p_client_scan_id.
-- Security definer (search_path ''): private.scan_business proves the caller is staff of the business once,
-- private.business_pet that the pet is one of its pets; everything after names that business.

create function public.check_in_pet(p_pet_id uuid, p_client_scan_id uuid, p_override_reason text default null,
  p_business_id uuid default null, p_walk_in_service_id uuid default null, p_device_id text default null) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_previous jsonb;
  v_business uuid;
begin
  v_previous := private.scan_replayed(p_client_scan_id);
  if v_previous is not null then
    return v_previous;
  end if;
  v_business := private.scan_business(p_business_id);
  return private.check_in_pet_core(v_business, private.business_pet(v_business, p_pet_id), null, p_client_scan_id,
    p_device_id, p_override_reason, p_walk_in_service_id);
end
$$;
comment on function public.check_in_pet(uuid, uuid, text, uuid, uuid, text) is
  'Checks in a pet picked by name (no tag needed): the same booking lookup, vaccine gate, override audit and scan record as check_in_by_tag. Definer: proves the caller is staff once, then works within that business.';

revoke execute on function public.check_in_pet(uuid, uuid, text, uuid, uuid, text) from public, anon;
grant execute on function public.check_in_pet(uuid, uuid, text, uuid, uuid, text) to authenticated, service_role;
