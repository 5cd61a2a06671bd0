-- Who works for a business, and as what.
create table public.memberships (
  id uuid constraint memberships_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint memberships_business_id_fkey references public.businesses (id) on delete cascade,
  user_id uuid not null constraint memberships_user_id_fkey references auth.users (id) on delete cascade,
  role public.member_role not null,
  created_at timestamptz not null default now(),
  display_name text constraint memberships_display_name_length check (char_length(btrim(display_name)) between 1 and 80),
  constraint memberships_business_user_key unique (business_id, user_id)
);
alter table public.memberships enable row level security;
-- a membership never moves to another business or user: only its role and the name colleagues see may change
grant select, insert, delete on public.memberships to authenticated;
grant update (role, display_name) on public.memberships to authenticated;
grant all on public.memberships to service_role;
create index memberships_user_id_idx on public.memberships (user_id, business_id, role);
comment on table public.memberships is 'A user''s role in a business (owner, manager, staff, driver).';
comment on column public.memberships.display_name is 'The name colleagues see ("given by Sam"); null falls back to the name given at sign-up.';

-- Memberships: colleagues see each other; managers manage; anyone may leave (rules in the guard).
create policy "members read memberships of their businesses" on public.memberships
  for select to authenticated
  using (business_id = any (array(select private.my_business_ids())) or user_id = (select auth.uid()));
create policy "managers add members" on public.memberships
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers change roles" on public.memberships
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove members and members leave" on public.memberships
  for delete to authenticated
  using (business_id = any (array(select private.manager_business_ids())) or user_id = (select auth.uid()));

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
  -- (Renaming an owner is not touching the role: a manager may correct a colleague's display name.)
  if not v_is_owner and ((tg_op = 'INSERT' and new.role = 'owner') or (tg_op = 'DELETE' and old.role = 'owner')
      or (tg_op = 'UPDATE' and new.role is distinct from old.role and 'owner' in (new.role, old.role))) then
    raise exception 'only an owner may grant, change or remove the owner role' using errcode = '42501',
      hint = 'owner_role_owners_only';
  end if;
  -- The last owner can neither leave nor be demoted; the lock stops two owners leaving at once.
  if tg_op <> 'INSERT' and old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner') then
    perform pg_advisory_xact_lock(hashtextextended('owners/' || old.business_id::text, 0));
    if not exists (
      select 1 from public.memberships m
      where m.business_id = old.business_id and m.role = 'owner' and m.id <> old.id
    ) then
      raise exception 'the last owner of a business cannot leave or be demoted' using errcode = '23514',
        hint = 'last_owner_stays';
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
