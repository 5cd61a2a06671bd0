-- Security definer: names and e-mail addresses live in auth.users, which no API role reads. The desk staff of
-- a business (owner, manager, staff) see their colleagues; anyone else gets no rows.
create function public.team_members(p_business_id uuid)
returns table (membership_id uuid, user_id uuid, email text, display_name text, role public.member_role, joined_at timestamptz)
language sql
stable
security definer
set search_path = ''
as $$
  select m.id, m.user_id, u.email::text,
    coalesce(m.display_name, nullif(btrim(u.raw_user_meta_data ->> 'full_name'), ''), split_part(u.email, '@', 1)),
    m.role, m.created_at
  from public.memberships m join auth.users u on u.id = m.user_id
  where m.business_id = p_business_id
    and private.has_role(p_business_id, array['owner', 'manager', 'staff']::public.member_role[])
  order by m.role, 4
$$;
comment on function public.team_members(uuid) is 'The members of a business with their e-mail and display name, for its desk staff.';
revoke execute on function public.team_members(uuid) from public, anon;
grant execute on function public.team_members(uuid) to authenticated, service_role;
