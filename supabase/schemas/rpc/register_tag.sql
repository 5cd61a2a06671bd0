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
    raise exception 'pet not found' using errcode = 'PT404',
      hint = 'pet_not_found';
  end if;
  select * into v_existing from public.pet_tags where business_id = v_pet.business_id and uid = v_uid for update;
  if found and v_existing.pet_id <> p_pet_id and v_existing.active then
    raise exception 'tag % is already worn by another pet', v_uid using errcode = '23505',
      hint = 'tag_taken',
      detail = jsonb_build_object('uid', v_uid)::text;
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
