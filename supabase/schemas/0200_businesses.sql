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
grant select, delete on public.businesses to authenticated;
-- the profile (name, time zone, settings such as the currency); the slug stays as created
grant update (name, timezone, settings) on public.businesses to authenticated;
grant all on public.businesses to service_role;
comment on table public.businesses is 'A pet-care business: the tenant every other row belongs to.';
create trigger businesses_touch before update on public.businesses for each row execute function private.touch_updated_at();
comment on trigger businesses_touch on public.businesses is 'Keeps updated_at current.';

-- Members and the business's clients read it (its name, time zone); owners and managers edit its profile;
-- owners delete it.
create policy "members and clients read the business" on public.businesses
  for select to authenticated
  using (id = any (array(select private.my_business_ids())) or id = any (array(select private.my_client_business_ids())));

create policy "owners and managers edit their business" on public.businesses
  for update to authenticated
  using (id in (select private.manager_business_ids()))
  with check (id in (select private.manager_business_ids()));
create policy "owners delete their business" on public.businesses
  for delete to authenticated using (id in (select private.my_business_ids(array['owner']::public.member_role[])));
