-- Who the caller is to a business: the set-returning helpers every policy uses as
-- `business_id in (select private.staff_business_ids())`. Security definer because they read memberships,
-- clients, pets and routes, whose own policies call these helpers: invoker rights would recurse. Each pins
-- an empty search_path. Their bodies name tables declared in later files, so bodies are checked when first
-- called, not here (pg_dump does the same). PL/pgSQL, not SQL: a SQL function with `set search_path` is
-- never inlined and is planned again on every call, where PL/pgSQL keeps its plans for the session.

set check_function_bodies = off;

create function private.my_business_ids(p_roles public.member_role[] default null) returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select m.business_id
    from public.memberships m
    where m.user_id = (select auth.uid())
      and (p_roles is null or m.role = any (p_roles));
end
$$;
comment on function private.my_business_ids(public.member_role[]) is 'Businesses the caller belongs to, optionally only in the given roles.';
revoke execute on function private.my_business_ids(public.member_role[]) from public;
grant execute on function private.my_business_ids(public.member_role[]) to authenticated, service_role;

create function private.has_role(p_business_id uuid, p_roles public.member_role[]) returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.memberships m
    where m.business_id = p_business_id and m.user_id = (select auth.uid()) and m.role = any (p_roles)
  );
end
$$;
comment on function private.has_role(uuid, public.member_role[]) is 'Whether the caller holds one of the roles in the business.';
revoke execute on function private.has_role(uuid, public.member_role[]) from public;
grant execute on function private.has_role(uuid, public.member_role[]) to authenticated, service_role;

create function private.staff_business_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select m.business_id from public.memberships m
    where m.user_id = (select auth.uid()) and m.role in ('owner', 'manager', 'staff');
end
$$;
comment on function private.staff_business_ids() is 'Businesses where the caller works the desk (owner, manager or staff); drivers excluded.';
revoke execute on function private.staff_business_ids() from public;
grant execute on function private.staff_business_ids() to authenticated, service_role;

create function private.manager_business_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select m.business_id from public.memberships m
    where m.user_id = (select auth.uid()) and m.role in ('owner', 'manager');
end
$$;
comment on function private.manager_business_ids() is 'Businesses the caller manages (owner or manager).';
revoke execute on function private.manager_business_ids() from public;
grant execute on function private.manager_business_ids() to authenticated, service_role;

-- Security definer for the same reason as my_business_ids(): pets' and bookings' policies need it and
-- clients' own policy would otherwise be re-entered.
create function private.my_client_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select c.id from public.clients c where c.user_id = (select auth.uid());
end
$$;
comment on function private.my_client_ids() is 'Client rows that are the caller (a pet parent may be a client of several businesses).';
revoke execute on function private.my_client_ids() from public;
grant execute on function private.my_client_ids() to authenticated, service_role;

create function private.my_client_business_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select c.business_id from public.clients c where c.user_id = (select auth.uid());
end
$$;
comment on function private.my_client_business_ids() is 'Businesses the caller is a client of.';
revoke execute on function private.my_client_business_ids() from public;
grant execute on function private.my_client_business_ids() to authenticated, service_role;

create function private.my_pet_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select p.id from public.pets p join public.clients c on c.id = p.client_id
    where c.user_id = (select auth.uid());
end
$$;
comment on function private.my_pet_ids() is 'Pets of the caller''s client rows (a pet parent''s own pets).';
revoke execute on function private.my_pet_ids() from public;
grant execute on function private.my_pet_ids() to authenticated, service_role;

-- Route access crosses tables (stops → requests → pets → clients); definer helpers keep policies
-- from re-entering each other.
create function private.my_route_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select r.id from public.routes r where r.driver_id = (select auth.uid());
end
$$;
comment on function private.my_route_ids() is 'Routes the caller drives.';
revoke execute on function private.my_route_ids() from public;
grant execute on function private.my_route_ids() to authenticated, service_role;

create function private.my_pets_route_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select distinct s.route_id
    from public.route_stops s
    join public.transport_requests t on t.id = s.transport_request_id
    join public.pets p on p.id = t.pet_id
    join public.clients c on c.id = p.client_id
    where c.user_id = (select auth.uid());
end
$$;
comment on function private.my_pets_route_ids() is 'Routes with a stop for one of the caller''s pets.';
revoke execute on function private.my_pets_route_ids() from public;
grant execute on function private.my_pets_route_ids() to authenticated, service_role;

create function private.my_driven_request_ids() returns setof uuid
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select s.transport_request_id from public.route_stops s join public.routes r on r.id = s.route_id
    where r.driver_id = (select auth.uid());
end
$$;
comment on function private.my_driven_request_ids() is 'Transport requests on the caller''s routes (what a driver needs to see).';
revoke execute on function private.my_driven_request_ids() from public;
grant execute on function private.my_driven_request_ids() to authenticated, service_role;

-- "<business_id>/<pet_id>" of the caller's own pets: a parent's files must sit in their pet's folder of
-- that pet's business. Security definer like my_pet_ids().
create function private.my_pet_folders() returns setof text
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return query
    select p.business_id || '/' || p.id from public.pets p join public.clients c on c.id = p.client_id
    where c.user_id = (select auth.uid());
end
$$;
comment on function private.my_pet_folders() is 'Storage folders (<business_id>/<pet_id>) of the caller''s pets.';
revoke execute on function private.my_pet_folders() from public;
grant execute on function private.my_pet_folders() to authenticated;

create function private.uuid_or_null(p_text text) returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  return case when p_text ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then p_text::uuid end;
end
$$;
comment on function private.uuid_or_null(text) is 'Parses a uuid, or null for anything else (topic and path segments come from users).';
revoke execute on function private.uuid_or_null(text) from public;
grant execute on function private.uuid_or_null(text) to authenticated, service_role;

reset check_function_bodies;
