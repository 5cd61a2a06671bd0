-- Checks in every pet of one family booked today, in one action (issue 10): each pet with a live booking
-- today goes through the same check-in as a tap (private.check_in_pet_core, without an override), and the
-- answer lists each pet's outcome — e.g. Rex checked in, Luna blocked by an expired rabies vaccine — so the
-- desk deals with the blocked ones one by one. A pet without a booking today is left out (no walk-ins).
-- Security definer (search_path ''): private.scan_business proves the caller is staff of the business once;
-- the client is looked up within that business.

create function public.check_in_family(p_client_id uuid, p_business_id uuid default null, p_device_id text default null) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_business uuid := private.scan_business(p_business_id);
  v_tz text := (select b.timezone from public.businesses b where b.id = v_business);
  v_today date := (now() at time zone v_tz)::date;
  v_pet record;
  v_outcomes jsonb := '[]'::jsonb;
begin
  if not exists (select 1 from public.clients c where c.id = p_client_id and c.business_id = v_business) then
    raise exception 'client not found in this business' using errcode = 'PT404', hint = 'client_not_found';
  end if;
  for v_pet in
    select p.id from public.pets p
    where p.client_id = p_client_id and p.business_id = v_business
      and exists (select 1 from public.bookings b
                  where b.pet_id = p.id and b.business_id = v_business and b.status in ('requested', 'confirmed', 'checked_in')
                    and v_today in (select private.booking_days(b.business_id, b.starts_at, b.ends_at)))
    order by p.name, p.id
  loop
    v_outcomes := v_outcomes || jsonb_build_array(
      private.check_in_pet_core(v_business, v_pet.id, null, extensions.gen_random_uuid(), p_device_id, null, null));
  end loop;
  return jsonb_build_object('client_id', p_client_id, 'outcomes', v_outcomes);
end
$$;
comment on function public.check_in_family(uuid, uuid, text) is
  'Checks in all of a client''s pets booked today with the tap''s rules (no override), answering each pet''s outcome. Definer: proves the caller is staff once, then works within that business.';

revoke execute on function public.check_in_family(uuid, uuid, text) from public, anon;
grant execute on function public.check_in_family(uuid, uuid, text) to authenticated, service_role;
