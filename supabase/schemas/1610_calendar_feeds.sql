-- Calendar feeds: a secret ICS URL per pet parent (/calendar/<token>.ics) that calendar apps poll without
-- signing in. Only the token's SHA-256 is stored; making a new one revokes the old. The table lives in
-- `private` (not exposed over the API): parents reach it only through the rpcs below.

create table private.calendar_feeds (
  id uuid constraint calendar_feeds_pkey primary key default extensions.gen_random_uuid(),
  user_id uuid not null constraint calendar_feeds_user_id_fkey references auth.users (id) on delete cascade,
  token_hash text not null constraint calendar_feeds_token_hash_key unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
alter table private.calendar_feeds enable row level security;
create unique index calendar_feeds_one_live_idx on private.calendar_feeds (user_id) where revoked_at is null;
create index calendar_feeds_user_id_idx on private.calendar_feeds (user_id);
comment on table private.calendar_feeds is 'Secret calendar feed tokens of pet parents (hash only); one live feed per login.';

create function public.create_calendar_feed() returns text
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_user uuid := (select auth.uid());
  v_token text;
begin
  if v_user is null then
    raise exception 'sign in first' using errcode = '42501', hint = 'sign_in_required';
  end if;
  if not exists (select 1 from public.clients c where c.user_id = v_user) then
    raise exception 'calendar feeds are for pet parents' using errcode = '42501', hint = 'calendar_parents_only';
  end if;
  update private.calendar_feeds set revoked_at = now() where user_id = v_user and revoked_at is null;
  v_token := translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_');
  insert into private.calendar_feeds (user_id, token_hash) values (v_user, private.hash_token(v_token));
  return v_token;
end
$$;
comment on function public.create_calendar_feed() is 'Makes the caller''s secret calendar token (returned once; only its hash is kept), revoking any earlier one.';
revoke execute on function public.create_calendar_feed() from public, anon;
grant execute on function public.create_calendar_feed() to authenticated;

create function public.revoke_calendar_feed() returns boolean
language sql
volatile
security definer
set search_path = ''
as $$
  with revoked as (
    update private.calendar_feeds set revoked_at = now()
    where user_id = (select auth.uid()) and revoked_at is null
    returning 1
  )
  select exists (select 1 from revoked)
$$;
comment on function public.revoke_calendar_feed() is 'Revokes the caller''s calendar feed: its URL stops working at once.';
revoke execute on function public.revoke_calendar_feed() from public, anon;
grant execute on function public.revoke_calendar_feed() to authenticated;

create function public.has_calendar_feed() returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from private.calendar_feeds where user_id = (select auth.uid()) and revoked_at is null)
$$;
comment on function public.has_calendar_feed() is 'Whether the caller has a live calendar feed.';
revoke execute on function public.has_calendar_feed() from public, anon;
grant execute on function public.has_calendar_feed() to authenticated;

-- What the feed shows: the bookings of every client row of the token's login, across businesses, from
-- 60 days back, cancelled ones left out. Anyone holding the token may read this (that is what a
-- calendar subscription is); an unknown or revoked token finds nothing.
create function public.calendar_feed_events(p_token text)
returns table (booking_id uuid, status public.booking_status, starts_at timestamptz, ends_at timestamptz,
  updated_at timestamptz, pet_name text, service_name text, business_name text, business_timezone text, address text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_user uuid;
begin
  select f.user_id into v_user from private.calendar_feeds f
  where f.token_hash = private.hash_token(coalesce(p_token, '')) and f.revoked_at is null;
  if v_user is null then
    raise exception 'no such calendar feed' using errcode = 'PT404', hint = 'calendar_feed_not_found';
  end if;
  return query
    select b.id, b.status, b.starts_at, b.ends_at, b.updated_at, p.name, s.name, bz.name, bz.timezone, l.address
    from public.clients c
    join public.bookings b on b.client_id = c.id
    join public.pets p on p.id = b.pet_id
    join public.services s on s.id = b.service_id
    join public.businesses bz on bz.id = b.business_id
    left join public.locations l on l.id = s.location_id
    where c.user_id = v_user and b.status not in ('cancelled', 'no_show') and b.ends_at > now() - interval '60 days'
    order by b.starts_at
    limit 1000;
end
$$;
comment on function public.calendar_feed_events(text) is 'The bookings a calendar feed token shows (for the ICS endpoint; anon may call it with a token).';
revoke execute on function public.calendar_feed_events(text) from public;
grant execute on function public.calendar_feed_events(text) to anon, authenticated;
