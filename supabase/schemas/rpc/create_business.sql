-- Creating a business makes the caller its owner. Security definer: the new owner has no membership yet,
-- so no policy could let them insert the business or their own owner row.
create function public.create_business(p_name text, p_slug text, p_timezone text default 'UTC') returns public.businesses
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_business public.businesses;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to create a business' using errcode = '42501',
      hint = 'sign_in_required';
  end if;
  insert into public.businesses (name, slug, timezone) values (p_name, p_slug, p_timezone) returning * into v_business;
  insert into public.memberships (business_id, user_id, role) values (v_business.id, (select auth.uid()), 'owner');
  return v_business;
end
$$;
comment on function public.create_business(text, text, text) is 'Creates a business with the caller as its first owner.';
revoke execute on function public.create_business(text, text, text) from public, anon;
grant execute on function public.create_business(text, text, text) to authenticated, service_role;
