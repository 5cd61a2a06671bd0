-- Creates a business, its owner and (from the sign-up flow) its first location in one transaction: a
-- refusal anywhere leaves nothing behind. Security definer: the new owner has no membership yet, so no
-- policy could let them insert the business, their own owner row or the first location.
create function public.create_business(p_name text, p_slug text, p_timezone text default 'UTC',
  p_currency text default null, p_location_name text default null, p_location_address text default null,
  p_latitude double precision default null, p_longitude double precision default null) returns public.businesses
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
  if p_name is null or length(btrim(p_name)) = 0 then
    raise exception 'a business needs a name' using errcode = '22023',
      hint = 'business_name_required';
  end if;
  if p_slug is null or p_slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' or length(p_slug) > 63 then
    raise exception 'the web address must be lower-case letters, digits and single hyphens' using errcode = '22023',
      hint = 'slug_invalid';
  end if;
  if exists (select 1 from public.businesses b where b.slug = p_slug) then
    raise exception 'the web address % is taken', p_slug using errcode = '23505',
      hint = 'slug_taken',
      detail = jsonb_build_object('slug', p_slug)::text;
  end if;
  -- IANA names only: the businesses check would also take abbreviations and POSIX strings like 'UTC+3'
  if p_timezone is null or not exists (select 1 from pg_catalog.pg_timezone_names z where z.name = p_timezone) then
    raise exception 'unknown time zone %', p_timezone using errcode = '22023',
      hint = 'time_zone_invalid',
      detail = jsonb_build_object('time_zone', p_timezone)::text;
  end if;
  if p_currency is not null and p_currency !~ '^[A-Z]{3}$' then
    raise exception 'a currency is a three-letter ISO 4217 code' using errcode = '22023',
      hint = 'currency_invalid';
  end if;
  if (p_latitude is null) <> (p_longitude is null) or p_latitude not between -90 and 90
     or p_longitude not between -180 and 180 then
    raise exception 'latitude must lie within -90..90 and longitude within -180..180, both or neither'
      using errcode = '22023', hint = 'coordinates_invalid';
  end if;
  if p_location_name is not null and length(btrim(p_location_name)) = 0 then
    raise exception 'a location needs a name' using errcode = '22023',
      hint = 'location_name_required';
  end if;

  begin
    insert into public.businesses (name, slug, timezone, settings)
    values (btrim(p_name), p_slug, p_timezone,
            case when p_currency is null then '{}'::jsonb else jsonb_build_object('currency', p_currency) end)
    returning * into v_business;
  exception when unique_violation then
    -- another sign-up took the address between the check above and this insert
    raise exception 'the web address % is taken', p_slug using errcode = '23505',
      hint = 'slug_taken',
      detail = jsonb_build_object('slug', p_slug)::text;
  end;
  insert into public.memberships (business_id, user_id, role) values (v_business.id, (select auth.uid()), 'owner');
  if p_location_name is not null then
    insert into public.locations (business_id, name, address, geo, is_depot)
    values (v_business.id, btrim(p_location_name), nullif(btrim(p_location_address), ''),
            case when p_latitude is not null
                 then extensions.st_setsrid(extensions.st_makepoint(p_longitude, p_latitude), 4326)::extensions.geography end,
            true);
  end if;
  return v_business;
end
$$;
comment on function public.create_business(text, text, text, text, text, text, double precision, double precision) is
  'Creates a business with the caller as its first owner and, when named, its first location (atomically).';
revoke execute on function public.create_business(text, text, text, text, text, text, double precision, double precision) from public, anon;
grant execute on function public.create_business(text, text, text, text, text, text, double precision, double precision) to authenticated, service_role;
