-- Required vaccines of a pet for a stay, each with its status over the stay's days. Invoker: whoever may
-- read the pet (staff, its parent) may read its vaccinations. Parent uploads count only once verified.
create function public.pet_vaccine_status(p_pet_id uuid, p_service_id uuid default null,
  p_from date default current_date, p_to date default null) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  -- PL/pgSQL, not SQL: planned once per session instead of on every call (see private.scan_card_in)
  return (
    with pet as (
      -- the pet, if the caller may read it
      select p.id, p.business_id, p.species from public.pets p where p.id = p_pet_id
    ), required as (
      -- the service's vaccines plus those the business or the global catalogue marks required, all of the
      -- pet's species: a service lists dog and cat vaccines alike, and a cat is asked only for the cat ones
      select vt.id, vt.name from public.vaccine_types vt, pet
      where vt.species = pet.species
        and (vt.id = any (coalesce((select s.required_vaccine_type_ids from public.services s where s.id = p_service_id), '{}'))
          or (vt.required and (vt.business_id is null or vt.business_id = pet.business_id)))
    ), latest as (
      -- the latest-expiring trusted record of each required vaccine
      select r.id, r.name, max(v.expires_on) as expires_on
      from required r
      left join public.vaccinations v
        on v.vaccine_type_id = r.id and v.pet_id = p_pet_id and (v.source <> 'parent' or v.verified_at is not null)
      group by r.id, r.name
    ), named as (
      -- one line per vaccine name: the business's own "Rabies" and the catalogue's are the same vaccine to a
      -- person, and a record under either counts (the best one stands for the name)
      select distinct on (lower(l.name)) l.id, l.name, l.expires_on
      from latest l
      order by lower(l.name), l.expires_on desc nulls last, l.id
    )
    select coalesce(jsonb_agg(jsonb_build_object(
      'vaccine_type_id', l.id, 'name', l.name, 'expires_on', l.expires_on,
      'status', case
        when l.expires_on is null then 'missing'
        when l.expires_on < p_from then 'expired'
        when l.expires_on < coalesce(p_to, p_from) then 'expires_during_stay'
        else 'valid' end
    ) order by l.name), '[]'::jsonb)
    from named l
  );
end
$$;
comment on function public.pet_vaccine_status(uuid, uuid, date, date) is 'Each required vaccine of a pet with status valid, expired, expires_during_stay or missing for the given days.';
revoke execute on function public.pet_vaccine_status(uuid, uuid, date, date) from public, anon;
grant execute on function public.pet_vaccine_status(uuid, uuid, date, date) to authenticated, service_role;
