-- A member names themselves: the display name colleagues see ("given by", the team list, the audit log) on
-- every business the caller belongs to. Security definer: the memberships policy lets only managers update a
-- row; this touches only the caller's own rows and only the name, never the role.
create function public.set_my_display_name(p_display_name text) returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_name text := btrim(coalesce(p_display_name, ''));
  v_count integer;
begin
  if auth.uid() is null then
    raise exception 'sign in first' using errcode = '42501', hint = 'sign_in_required';
  end if;
  if char_length(v_name) not between 1 and 80 then
    raise exception 'a display name has 1 to 80 characters' using errcode = '22023',
      hint = 'display_name_invalid', detail = jsonb_build_object('length', char_length(v_name))::text;
  end if;
  update public.memberships m set display_name = v_name
  where m.user_id = auth.uid() and m.display_name is distinct from v_name;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;
comment on function public.set_my_display_name(text) is 'Sets the caller''s display name on each of their memberships; returns how many changed.';
revoke execute on function public.set_my_display_name(text) from public, anon;
grant execute on function public.set_my_display_name(text) to authenticated, service_role;
