-- Replaces a location's weekly hours in one go (the settings form sends the whole week), so a refused day
-- leaves the old week intact. Invoker: the opening_hours policies decide; the explicit check only turns a
-- non-manager into a named refusal instead of a silent no-op.
create function public.set_opening_hours(p_location_id uuid, p_hours jsonb) returns setof public.opening_hours
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_business uuid;
  v_day jsonb;
  v_weekday smallint;
  v_opens time;
  v_closes time;
begin
  select l.business_id into v_business from public.locations l where l.id = p_location_id;
  if not found then
    raise exception 'location not found' using errcode = 'PT404',
      hint = 'location_not_found';
  end if;
  if v_business not in (select private.manager_business_ids()) then
    raise exception 'only owners and managers change opening hours' using errcode = '42501',
      hint = 'settings_managers_only';
  end if;
  if jsonb_typeof(p_hours) is distinct from 'array' then
    raise exception 'p_hours must be a JSON array' using errcode = '22023',
      hint = 'opening_hours_invalid',
      detail = '{}';
  end if;

  delete from public.opening_hours h where h.location_id = p_location_id;
  for v_day in select value from jsonb_array_elements(p_hours) loop
    begin
      v_weekday := (v_day ->> 'weekday')::smallint;
      v_opens := (v_day ->> 'opens')::time;
      v_closes := (v_day ->> 'closes')::time;
    exception when others then
      raise exception 'unreadable opening hours: %', v_day using errcode = '22023',
        hint = 'opening_hours_invalid',
        detail = jsonb_build_object('weekday', v_day -> 'weekday')::text;
    end;
    if v_weekday is null or v_weekday not between 1 and 7 or (v_opens is null) <> (v_closes is null)
       or v_closes <= v_opens then
      raise exception 'closing must come after opening on weekday %', v_weekday using errcode = '22023',
        hint = 'opening_hours_invalid',
        detail = jsonb_build_object('weekday', v_weekday)::text;
    end if;
    if exists (select 1 from public.opening_hours h where h.location_id = p_location_id and h.weekday = v_weekday) then
      raise exception 'weekday % is given twice', v_weekday using errcode = '22023',
        hint = 'opening_hours_overlap',
        detail = jsonb_build_object('weekday', v_weekday)::text;
    end if;
    insert into public.opening_hours (business_id, location_id, weekday, opens, closes)
    values (v_business, p_location_id, v_weekday, v_opens, v_closes);
  end loop;
  return query select * from public.opening_hours h where h.location_id = p_location_id order by h.weekday;
end
$$;
comment on function public.set_opening_hours(uuid, jsonb) is
  'Replaces a location''s weekly opening hours ([{weekday 1-7, opens, closes}], null times = closed) atomically.';
revoke execute on function public.set_opening_hours(uuid, jsonb) from public, anon;
grant execute on function public.set_opening_hours(uuid, jsonb) to authenticated, service_role;
