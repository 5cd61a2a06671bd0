-- Checks a pet out by its id (a pet without a tag, from the roster or the scanner's search): the same
-- check-out as a tap (private.check_out_pet_core), idempotent on p_client_scan_id.
-- Security definer (search_path ''): private.scan_business proves the caller is staff of the business once,
-- private.business_pet that the pet is one of its pets; everything after names that business.

create function public.check_out_pet(p_pet_id uuid, p_client_scan_id uuid, p_business_id uuid default null,
  p_device_id text default null) returns jsonb
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
  return private.check_out_pet_core(v_business, private.business_pet(v_business, p_pet_id), null, p_client_scan_id, p_device_id);
end
$$;
comment on function public.check_out_pet(uuid, uuid, uuid, text) is
  'Checks out a pet picked by name (no tag needed), as check_out_by_tag does. Definer: proves the caller is staff once, then works within that business.';

revoke execute on function public.check_out_pet(uuid, uuid, uuid, text) from public, anon;
grant execute on function public.check_out_pet(uuid, uuid, uuid, text) to authenticated, service_role;
