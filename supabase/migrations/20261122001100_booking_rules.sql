-- Booking rules as rpc: the vaccine status of a pet, book, confirm, cancel, and the waitlist offer.

-- Required vaccines of a pet for a stay, each with its status over the stay's days. Invoker: whoever may
-- read the pet (staff, its parent) may read its vaccinations. Parent uploads count only once verified.
create function public.pet_vaccine_status(p_pet_id uuid, p_service_id uuid default null,
  p_from date default current_date, p_to date default null) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  with pet as (
    -- the pet, if the caller may read it
    select p.id, p.business_id, p.species from public.pets p where p.id = p_pet_id
  ), required as (
    -- the service's vaccines plus those the business or the global catalogue marks required for the species
    select vt.id, vt.name from public.vaccine_types vt, pet
    where vt.id = any (coalesce((select s.required_vaccine_type_ids from public.services s where s.id = p_service_id), '{}'))
       or (vt.required and vt.species = pet.species and (vt.business_id is null or vt.business_id = pet.business_id))
  ), latest as (
    -- the latest-expiring trusted record of each required vaccine
    select r.id, r.name, max(v.expires_on) as expires_on
    from required r
    left join public.vaccinations v
      on v.vaccine_type_id = r.id and v.pet_id = p_pet_id and (v.source <> 'parent' or v.verified_at is not null)
    group by r.id, r.name
  )
  select coalesce(jsonb_agg(jsonb_build_object(
    'vaccine_type_id', l.id, 'name', l.name, 'expires_on', l.expires_on,
    'status', case
      when l.expires_on is null then 'missing'
      when l.expires_on < p_from then 'expired'
      when l.expires_on < coalesce(p_to, p_from) then 'expires_during_stay'
      else 'valid' end
  ) order by l.name), '[]'::jsonb)
  from latest l
$$;
comment on function public.pet_vaccine_status(uuid, uuid, date, date) is 'Each required vaccine of a pet with status valid, expired, expires_during_stay or missing for the given days.';
revoke execute on function public.pet_vaccine_status(uuid, uuid, date, date) from public, anon;
grant execute on function public.pet_vaccine_status(uuid, uuid, date, date) to authenticated, service_role;

create function private.vaccines_block(p_status jsonb) returns boolean
language sql
immutable
set search_path = ''
as $$
  select exists (select 1 from jsonb_array_elements(p_status) e where e ->> 'status' <> 'valid')
$$;
comment on function private.vaccines_block(jsonb) is 'Whether a vaccine status list contains anything that blocks a stay.';

-- Books a pet. Invoker: the caller's policies decide whether they may book this pet; the triggers hold
-- capacity (a full day waitlists) and the life cycle. Staff may confirm at once.
create function public.book_service(p_service_id uuid, p_pet_id uuid, p_starts_at timestamptz,
  p_ends_at timestamptz default null, p_notes text default null, p_confirm boolean default false) returns public.bookings
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_service public.services;
  v_pet public.pets;
  v_tz text;
  v_ends timestamptz;
  v_days date[];
  v_booking public.bookings;
begin
  select * into v_service from public.services where id = p_service_id and is_active;
  if not found then
    raise exception 'service not found' using errcode = 'P0002';
  end if;
  select * into v_pet from public.pets where id = p_pet_id and business_id = v_service.business_id and is_active;
  if not found then
    raise exception 'pet not found in this business' using errcode = 'P0002';
  end if;
  v_tz := (select b.timezone from public.businesses b where b.id = v_service.business_id);
  -- without an end, a visit lasts the service's duration, or the rest of the business day
  v_ends := coalesce(p_ends_at, p_starts_at + make_interval(mins => v_service.duration_minutes),
    (((p_starts_at at time zone v_tz)::date + 1)::timestamp at time zone v_tz));
  if v_ends <= p_starts_at then
    raise exception 'a booking must end after it starts' using errcode = '22023';
  end if;
  v_days := array(select private.booking_days(v_service.business_id, p_starts_at, v_ends));
  if private.vaccines_block(public.pet_vaccine_status(p_pet_id, p_service_id, v_days[1], v_days[array_upper(v_days, 1)])) then
    raise exception 'vaccinations required by this service are missing or expire before the stay ends' using errcode = '23514',
      detail = public.pet_vaccine_status(p_pet_id, p_service_id, v_days[1], v_days[array_upper(v_days, 1)])::text;
  end if;
  insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
  values (v_service.business_id, p_service_id, p_pet_id, v_pet.client_id, p_starts_at, v_ends,
          case when p_confirm then 'confirmed' else 'requested' end::public.booking_status, p_notes)
  returning * into v_booking;
  return v_booking;
end
$$;
comment on function public.book_service(uuid, uuid, timestamptz, timestamptz, text, boolean) is 'Books a pet for a service; vaccines are checked, a full day waitlists (status waitlisted).';
revoke execute on function public.book_service(uuid, uuid, timestamptz, timestamptz, text, boolean) from public, anon;
grant execute on function public.book_service(uuid, uuid, timestamptz, timestamptz, text, boolean) to authenticated, service_role;

create function public.confirm_booking(p_booking_id uuid) returns public.bookings
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  update public.bookings set status = 'confirmed' where id = p_booking_id and status <> 'confirmed' returning * into v_booking;
  if not found then
    select * into v_booking from public.bookings where id = p_booking_id;
    if not found then
      raise exception 'booking not found' using errcode = 'P0002';
    end if;
  end if;
  return v_booking;
end
$$;
comment on function public.confirm_booking(uuid) is 'Confirms a requested or waitlisted booking (staff only; a full day refuses).';
revoke execute on function public.confirm_booking(uuid) from public, anon;
grant execute on function public.confirm_booking(uuid) to authenticated, service_role;

create function public.cancel_booking(p_booking_id uuid, p_reason text default null) returns public.bookings
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_booking public.bookings;
begin
  update public.bookings
  set status = 'cancelled',
      notes = case when p_reason is null then notes else concat_ws(E'\n', notes, 'Cancelled: ' || p_reason) end
  where id = p_booking_id
  returning * into v_booking;
  if not found then
    raise exception 'booking not found' using errcode = 'P0002';
  end if;
  return v_booking;
end
$$;
comment on function public.cancel_booking(uuid, text) is 'Cancels a booking; its place goes to the first on the waitlist who fits.';
revoke execute on function public.cancel_booking(uuid, text) from public, anon;
grant execute on function public.cancel_booking(uuid, text) to authenticated, service_role;

-- Security definer: a parent who cancels cannot see (nor confirm) the next family's booking, yet the
-- place must go to them. Waitlisted bookings are served in the order they were made.
create function private.offer_freed_place() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_next record;
  v_days date[];
begin
  if not (private.booking_holds_place(old.status) and not private.booking_holds_place(new.status)) then
    return null;
  end if;
  for v_next in
    select b.* from public.bookings b
    where b.service_id = new.service_id and b.status = 'waitlisted'
      and b.starts_at < new.ends_at and b.ends_at > new.starts_at
    order by b.created_at, b.id
  loop
    v_days := array(select private.booking_days(v_next.business_id, v_next.starts_at, v_next.ends_at));
    perform private.lock_service_days(v_next.service_id, v_days);
    if private.service_has_room(v_next.service_id, v_days, v_next.id) then
      update public.bookings set status = 'confirmed' where id = v_next.id;
      insert into public.notifications (business_id, recipient_user_id, recipient_client_id, channel, template, payload, dedupe_key)
      select v_next.business_id, c.user_id, c.id,
             case when c.email is not null then 'email' else 'in_app' end::public.notification_channel,
             'waitlist_place_offered',
             jsonb_build_object('booking_id', v_next.id, 'pet_id', v_next.pet_id, 'service_id', v_next.service_id,
                                'starts_at', v_next.starts_at),
             'waitlist_place_offered:' || v_next.id
      from public.clients c where c.id = v_next.client_id
      on conflict (dedupe_key) do nothing;
    end if;
  end loop;
  return null;
end
$$;
comment on function private.offer_freed_place() is 'Trigger: when a booking gives up its place, the waitlist is served in order and notified.';
create trigger bookings_offer_freed_place after update of status on public.bookings
  for each row execute function private.offer_freed_place();
comment on trigger bookings_offer_freed_place on public.bookings is 'Gives a freed place to the waitlist.';

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
    raise exception 'pets must be a JSON array' using errcode = '22023';
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
