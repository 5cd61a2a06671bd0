-- The cancellation cut-off: a pet parent may cancel a booking only until a number of hours before it
-- starts (the business's `settings.cancel_cutoff_hours`, 24 when unset); after that only the desk cancels.
-- Leaving the waitlist is always allowed.
-- Enforced on the table, so cancel_booking and a direct update through the API meet the same rule.

create function private.cancel_cutoff_hours(p_business_id uuid) returns integer
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select case
      when b.settings ->> 'cancel_cutoff_hours' ~ '^[0-9]{1,4}$' then (b.settings ->> 'cancel_cutoff_hours')::integer
      else 24 end
    from public.businesses b where b.id = p_business_id
  );
end
$$;
comment on function private.cancel_cutoff_hours(uuid) is
  'Hours before a booking''s start after which a parent can no longer cancel it (settings.cancel_cutoff_hours, default 24).';
revoke execute on function private.cancel_cutoff_hours(uuid) from public;
grant execute on function private.cancel_cutoff_hours(uuid) to authenticated, service_role;

create function private.booking_cancel_cutoff_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_hours integer;
begin
  -- a waitlisted booking holds no place: leaving the waitlist is always allowed
  if new.status <> 'cancelled' or not private.booking_holds_place(old.status) or current_user <> 'authenticated'
     or private.has_role(new.business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
    return new;
  end if;
  v_hours := coalesce(private.cancel_cutoff_hours(new.business_id), 24);
  if old.starts_at - make_interval(hours => v_hours) < now() then
    raise exception 'too late to cancel online' using errcode = '42501', hint = 'cancel_after_cutoff',
      detail = jsonb_build_object('cutoff_hours', v_hours, 'starts_at', old.starts_at)::text;
  end if;
  return new;
end
$$;
comment on function private.booking_cancel_cutoff_guard() is
  'Trigger: a parent cancels only before the business''s cut-off; staff cancel at any time.';
revoke execute on function private.booking_cancel_cutoff_guard() from public;
create trigger bookings_15_cancel_cutoff before update of status on public.bookings
  for each row execute function private.booking_cancel_cutoff_guard();
comment on trigger bookings_15_cancel_cutoff on public.bookings is 'Parents cancel only before the business''s cut-off.';
