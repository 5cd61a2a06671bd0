-- Records that a scheduled dose was given: one medication_logs row for the schedule's slot (its time of day)
-- today on the business's clock, given by the caller now, tied to the pet's current stay. Idempotent: a
-- second press for the same slot and day (another device, a double submit) returns the dose already
-- recorded, with already_given true. The insert is audited by medication_logs' audit trigger.
-- Invoker: RLS decides which schedules the caller sees (desk staff of the business) and may log against.
create function public.give_scheduled_dose(p_schedule_id uuid, p_slot time)
returns table (log_id uuid, given_at timestamptz, given_by uuid, already_given boolean)
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_schedule public.medication_schedules;
  v_tz text;
  v_today date;
  v_booking uuid;
  v_log public.medication_logs;
begin
  select * into v_schedule from public.medication_schedules s where s.id = p_schedule_id;
  if not found then
    raise exception 'medication schedule not found' using errcode = 'PT404', hint = 'medication_schedule_not_found';
  end if;
  if not (p_slot = any (v_schedule.times)) then
    raise exception 'no dose of this medication is due at %', p_slot using errcode = '22023',
      hint = 'not_a_scheduled_time', detail = jsonb_build_object('time', to_char(p_slot, 'HH24:MI'))::text;
  end if;
  v_tz := (select b.timezone from public.businesses b where b.id = v_schedule.business_id);
  v_today := (now() at time zone v_tz)::date;
  select b.id into v_booking from public.bookings b
  where b.pet_id = v_schedule.pet_id and b.business_id = v_schedule.business_id and b.status = 'checked_in'
  order by b.starts_at desc limit 1;
  if v_booking is null then
    raise exception 'the pet is not checked in' using errcode = 'PT409', hint = 'pet_not_in_care';
  end if;

  insert into public.medication_logs as l (business_id, pet_id, booking_id, medication, dose, schedule_id, slot_day, slot_time)
  values (v_schedule.business_id, v_schedule.pet_id, v_booking, v_schedule.medication, v_schedule.dose, v_schedule.id, v_today, p_slot)
  on conflict (schedule_id, slot_day, slot_time) do nothing
  returning * into v_log;
  if found then
    return query select v_log.id, v_log.given_at, v_log.given_by, false;
    return;
  end if;
  return query
    select l.id, l.given_at, l.given_by, true from public.medication_logs l
    where l.schedule_id = v_schedule.id and l.slot_day = v_today and l.slot_time = p_slot;
end
$$;
comment on function public.give_scheduled_dose(uuid, time) is
  'Logs the dose of a schedule''s slot today (business clock) as given by the caller now; a repeat returns the recorded dose.';
revoke execute on function public.give_scheduled_dose(uuid, time) from public, anon;
grant execute on function public.give_scheduled_dose(uuid, time) to authenticated, service_role;
