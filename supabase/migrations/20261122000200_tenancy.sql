-- Tenancy: businesses, their locations and members, and the helpers every policy uses.

-- The tenant. Created through public.create_business() so the creator becomes its first owner.
create table public.businesses (
  id uuid constraint businesses_pkey primary key default extensions.gen_random_uuid(),
  name text not null constraint businesses_name_not_blank check (length(btrim(name)) > 0),
  slug text not null constraint businesses_slug_key unique
    constraint businesses_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  timezone text not null default 'UTC'
    constraint businesses_timezone_valid check (now() at time zone timezone is not null),
  settings jsonb not null default '{}'::jsonb constraint businesses_settings_object check (jsonb_typeof(settings) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.businesses enable row level security;
grant select, update, delete on public.businesses to authenticated;
grant all on public.businesses to service_role;
comment on table public.businesses is 'A pet-care business: the tenant every other row belongs to.';
create trigger businesses_touch before update on public.businesses for each row execute function private.touch_updated_at();
comment on trigger businesses_touch on public.businesses is 'Keeps updated_at current.';

-- Who works for a business, and as what.
create table public.memberships (
  id uuid constraint memberships_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint memberships_business_id_fkey references public.businesses (id) on delete cascade,
  user_id uuid not null constraint memberships_user_id_fkey references auth.users (id) on delete cascade,
  role public.member_role not null,
  created_at timestamptz not null default now(),
  constraint memberships_business_user_key unique (business_id, user_id)
);
alter table public.memberships enable row level security;
grant select, insert, update, delete on public.memberships to authenticated;
grant all on public.memberships to service_role;
create index memberships_user_id_idx on public.memberships (user_id, business_id, role);
comment on table public.memberships is 'A user''s role in a business (owner, manager, staff, driver).';

-- Helpers for policies. Security definer because they read memberships/clients, whose own policies
-- call these helpers: invoker rights would recurse. Each pins an empty search_path.
create function private.my_business_ids(p_roles public.member_role[] default null) returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.business_id
  from public.memberships m
  where m.user_id = (select auth.uid())
    and (p_roles is null or m.role = any (p_roles))
$$;
comment on function private.my_business_ids(public.member_role[]) is 'Businesses the caller belongs to, optionally only in the given roles.';
revoke execute on function private.my_business_ids(public.member_role[]) from public;
grant execute on function private.my_business_ids(public.member_role[]) to authenticated, service_role;

create function private.has_role(p_business_id uuid, p_roles public.member_role[]) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.business_id = p_business_id and m.user_id = (select auth.uid()) and m.role = any (p_roles)
  )
$$;
comment on function private.has_role(uuid, public.member_role[]) is 'Whether the caller holds one of the roles in the business.';
revoke execute on function private.has_role(uuid, public.member_role[]) from public;
grant execute on function private.has_role(uuid, public.member_role[]) to authenticated, service_role;

create function private.staff_business_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.business_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.role in ('owner', 'manager', 'staff')
$$;
comment on function private.staff_business_ids() is 'Businesses where the caller works the desk (owner, manager or staff); drivers excluded.';
revoke execute on function private.staff_business_ids() from public;
grant execute on function private.staff_business_ids() to authenticated, service_role;

create function private.manager_business_ids() returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select m.business_id from public.memberships m
  where m.user_id = (select auth.uid()) and m.role in ('owner', 'manager')
$$;
comment on function private.manager_business_ids() is 'Businesses the caller manages (owner or manager).';
revoke execute on function private.manager_business_ids() from public;
grant execute on function private.manager_business_ids() to authenticated, service_role;

-- Sites and route depots.
create table public.locations (
  id uuid constraint locations_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint locations_business_id_fkey references public.businesses (id) on delete cascade,
  name text not null constraint locations_name_not_blank check (length(btrim(name)) > 0),
  address text,
  geo extensions.geography(point, 4326),
  capacity jsonb not null default '{}'::jsonb
    constraint locations_capacity_object check (jsonb_typeof(capacity) = 'object')
    constraint locations_capacity_non_negative check (not jsonb_path_exists(capacity, '$.* ? (@.type() != "number" || @ < 0)')),
  is_depot boolean not null default false,
  created_at timestamptz not null default now(),
  constraint locations_id_business_key unique (id, business_id)
);
alter table public.locations enable row level security;
grant select, insert, update, delete on public.locations to authenticated;
grant all on public.locations to service_role;
create index locations_business_id_idx on public.locations (business_id);
create index locations_geo_idx on public.locations using gist (geo);
comment on table public.locations is 'A site of a business (also a route depot); capacity maps service kind to places.';
comment on column public.locations.capacity is 'Places per service kind, e.g. {"daycare": 40}; values are non-negative integers.';

-- Locations: every member sees the sites; managers run them.
create policy "members read their business's locations" on public.locations
  for select to authenticated using (business_id in (select private.my_business_ids()));
create policy "managers add locations" on public.locations
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit locations" on public.locations
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove locations" on public.locations
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- Memberships: colleagues see each other; managers manage; anyone may leave (rules in the guard).
create policy "members read memberships of their businesses" on public.memberships
  for select to authenticated
  using (business_id in (select private.my_business_ids()) or user_id = (select auth.uid()));
create policy "managers add members" on public.memberships
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers change roles" on public.memberships
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove members and members leave" on public.memberships
  for delete to authenticated
  using (business_id in (select private.manager_business_ids()) or user_id = (select auth.uid()));

-- Businesses: owners edit and delete; who may read is declared with the clients (parents read too).
create policy "owners edit their business" on public.businesses
  for update to authenticated
  using (id in (select private.my_business_ids(array['owner']::public.member_role[])))
  with check (id in (select private.my_business_ids(array['owner']::public.member_role[])));
create policy "owners delete their business" on public.businesses
  for delete to authenticated using (id in (select private.my_business_ids(array['owner']::public.member_role[])));

-- Membership rules the policies cannot express. They bind API callers; trusted writers (security
-- definer rpc such as accept_invitation, the service role, seeds) run as other roles and pass.
create function private.membership_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_business uuid := coalesce(new.business_id, old.business_id);
  v_is_owner boolean;
begin
  if current_user <> 'authenticated' then
    return coalesce(new, old);
  end if;
  v_is_owner := private.has_role(v_business, array['owner']::public.member_role[]);
  -- Only owners create, change or remove owners (an owner may still leave, below).
  if not v_is_owner and ((tg_op <> 'DELETE' and new.role = 'owner') or (tg_op <> 'INSERT' and old.role = 'owner')) then
    raise exception 'only an owner may grant, change or remove the owner role' using errcode = '42501';
  end if;
  if tg_op = 'UPDATE' and (new.business_id <> old.business_id or new.user_id <> old.user_id) then
    raise exception 'a membership cannot move to another business or user' using errcode = '22023';
  end if;
  -- The last owner can neither leave nor be demoted; the lock stops two owners leaving at once.
  if tg_op <> 'INSERT' and old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner') then
    perform pg_advisory_xact_lock(hashtextextended('owners/' || old.business_id::text, 0));
    if not exists (
      select 1 from public.memberships m
      where m.business_id = old.business_id and m.role = 'owner' and m.id <> old.id
    ) then
      raise exception 'the last owner of a business cannot leave or be demoted' using errcode = '23514';
    end if;
  end if;
  return coalesce(new, old);
end
$$;
comment on function private.membership_guard() is 'Trigger: only owners touch the owner role; a business always keeps an owner.';
revoke execute on function private.membership_guard() from public;
create trigger memberships_guard before insert or update or delete on public.memberships
  for each row execute function private.membership_guard();
comment on trigger memberships_guard on public.memberships is 'Enforces owner-only owner changes and the last-owner rule.';

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
    raise exception 'sign in to create a business' using errcode = '42501';
  end if;
  insert into public.businesses (name, slug, timezone) values (p_name, p_slug, p_timezone) returning * into v_business;
  insert into public.memberships (business_id, user_id, role) values (v_business.id, (select auth.uid()), 'owner');
  return v_business;
end
$$;
comment on function public.create_business(text, text, text) is 'Creates a business with the caller as its first owner.';
revoke execute on function public.create_business(text, text, text) from public, anon;
grant execute on function public.create_business(text, text, text) to authenticated, service_role;
