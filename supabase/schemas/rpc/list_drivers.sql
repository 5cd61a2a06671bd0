-- The members who may drive a business's vans, with a name to show: the vehicles page (default driver) and
-- dispatch (assign a driver) need names, which live in auth.users where the API roles cannot read.
create function public.list_drivers(p_business_id uuid) returns table (user_id uuid, name text, role public.member_role)
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  if not private.has_role(p_business_id, array['owner', 'manager', 'staff']::public.member_role[]) then
    raise exception 'only staff of the business may list its drivers' using errcode = '42501',
      hint = 'list_drivers_staff_only';
  end if;
  return query
  select m.user_id, coalesce(nullif(btrim(u.raw_user_meta_data ->> 'full_name'), ''), u.email::text), m.role
  from public.memberships m join auth.users u on u.id = m.user_id
  where m.business_id = p_business_id
  order by m.role <> 'driver', 2;
end
$$;
comment on function public.list_drivers(uuid) is 'Members of a business who may drive its vans (drivers first), with display names; staff only.';
revoke execute on function public.list_drivers(uuid) from public, anon;
grant execute on function public.list_drivers(uuid) to authenticated;
