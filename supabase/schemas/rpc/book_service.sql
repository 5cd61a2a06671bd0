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
  v_closes timestamptz;
  v_days date[];
  v_booking public.bookings;
begin
  select * into v_service from public.services where id = p_service_id and is_active;
  if not found then
    raise exception 'service not found' using errcode = 'PT404',
      hint = 'service_not_found';
  end if;
  select * into v_pet from public.pets where id = p_pet_id and business_id = v_service.business_id and is_active;
  if not found then
    raise exception 'pet not found in this business' using errcode = 'PT404',
      hint = 'pet_not_found';
  end if;
  v_tz := (select b.timezone from public.businesses b where b.id = v_service.business_id);
  -- opening hours (h1): refuses a closed day or a start outside the hours; null when the site has none set
  v_closes := private.service_open_until(p_service_id, p_starts_at);
  v_ends := coalesce(p_ends_at, private.visit_end(p_starts_at, v_service.duration_minutes, v_closes, v_tz));
  if v_ends <= p_starts_at then
    raise exception 'a booking must end after it starts' using errcode = '22023',
      hint = 'booking_ends_before_start';
  end if;
  -- a visit (not an overnight stay) ends by closing time; at a site open through midnight that may be the
  -- next day's closing, so the detail names the day it closes (a 24:00 closing is that day's 24:00)
  if v_closes is not null and v_service.kind <> 'boarding' and v_ends > v_closes then
    raise exception 'the location closes at %', v_closes using errcode = '22023',
      hint = 'outside_opening_hours',
      detail = jsonb_build_object('date', ((v_closes - interval '1 microsecond') at time zone v_tz)::date,
        'closes', case when (v_closes at time zone v_tz)::time = time '00:00' then '24:00'
                       else to_char(v_closes at time zone v_tz, 'HH24:MI') end)::text;
  end if;
  v_days := array(select private.booking_days(v_service.business_id, p_starts_at, v_ends));
  if private.vaccines_block(public.pet_vaccine_status(p_pet_id, p_service_id, v_days[1], v_days[array_upper(v_days, 1)])) then
    -- detail: the pet's vaccine status list over the stay (public.pet_vaccine_status), one entry per vaccine
    raise exception 'vaccinations required by this service are missing or expire before the stay ends' using errcode = '23514',
      hint = 'vaccine_blocks_booking',
      detail = public.pet_vaccine_status(p_pet_id, p_service_id, v_days[1], v_days[array_upper(v_days, 1)])::text;
  end if;
  insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes)
  values (v_service.business_id, p_service_id, p_pet_id, v_pet.client_id, p_starts_at, v_ends,
          case when p_confirm then 'confirmed' else 'requested' end::public.booking_status, p_notes)
  returning * into v_booking;
  return v_booking;
end
$$;
comment on function public.book_service(uuid, uuid, timestamptz, timestamptz, text, boolean) is 'Books a pet for a service within its site''s opening hours (a visit ends by closing time); vaccines are checked, a full day waitlists (status waitlisted).';
revoke execute on function public.book_service(uuid, uuid, timestamptz, timestamptz, text, boolean) from public, anon;
grant execute on function public.book_service(uuid, uuid, timestamptz, timestamptz, text, boolean) to authenticated, service_role;
