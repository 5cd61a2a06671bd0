-- Whether a web address (slug) is free, for the live check of "Create your business". Security definer:
-- row-level security hides other businesses, and a slug is public anyway (it is in every staff URL).
create function public.business_slug_available(p_slug text) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select not exists (select 1 from public.businesses b where b.slug = p_slug)
$$;
comment on function public.business_slug_available(text) is 'True when no business uses this slug (definer: RLS hides other tenants).';
revoke execute on function public.business_slug_available(text) from public, anon;
grant execute on function public.business_slug_available(text) to authenticated, service_role;
