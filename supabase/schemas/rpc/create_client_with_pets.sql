-- One call, one transaction: a client and their pets.
create function public.create_client_with_pets(p_business_id uuid, p_client jsonb, p_pets jsonb default '[]'::jsonb) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_client public.clients;
  v_pets jsonb;
begin
  if jsonb_typeof(p_pets) <> 'array' then
    raise exception 'pets must be a JSON array' using errcode = '22023',
      hint = 'pets_not_array';
  end if;
  insert into public.clients (business_id, full_name, email, phone, address, consent_marketing, consent_sms, consent_photos)
  select p_business_id, c.full_name, c.email, c.phone, c.address,
         coalesce(c.consent_marketing, false), coalesce(c.consent_sms, false), coalesce(c.consent_photos, false)
  from jsonb_populate_record(null::public.clients, p_client) c
  returning * into v_client;
  with inserted as (
    insert into public.pets (business_id, client_id, name, species, breed, sex, birth_date, weight_kg, microchip,
                             feeding, medication, handling_notes)
    select p_business_id, v_client.id, p.name, coalesce(p.species, 'dog'), p.breed, coalesce(p.sex, 'unknown'), p.birth_date,
           p.weight_kg, p.microchip, p.feeding, p.medication, p.handling_notes
    from jsonb_populate_recordset(null::public.pets, p_pets) p
    returning *
  )
  select coalesce(jsonb_agg(to_jsonb(i) order by i.name), '[]'::jsonb) into v_pets from inserted i;
  return jsonb_build_object('client', to_jsonb(v_client), 'pets', v_pets);
end
$$;
comment on function public.create_client_with_pets(uuid, jsonb, jsonb) is 'Creates a client and their pets atomically; returns both.';
revoke execute on function public.create_client_with_pets(uuid, jsonb, jsonb) from public, anon;
grant execute on function public.create_client_with_pets(uuid, jsonb, jsonb) to authenticated, service_role;
