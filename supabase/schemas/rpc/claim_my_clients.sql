-- "Claim by confirmed e-mail": a pet parent who signs up (or signs in) with the e-mail address a business
-- holds on their client record is linked to that record — only once the login's address is confirmed (a
-- confirmed address is the proof of owning it; an unconfirmed one is anybody's claim). The caller's own
-- auth.users row is the authority, never an argument.
--
-- Rules (README "Claim by confirmed e-mail"):
-- - a client row is linked when its e-mail equals the login's, case-insensitively, and its user_id is null:
--   a record already linked to another login is never taken over (nor re-linked to this one);
-- - at most one client row per business and login (clients_business_user_key): a business where the login is
--   a client already gets no second row; of several unlinked rows of one business with the address, the
--   oldest is linked (the desk merges duplicates; the others stay as they are);
-- - staff and drivers may be linked too (a groomer who brings her own dog); where they land after sign-in
--   does not change: memberships first (web/src/lib/server/portal.ts);
-- - each linked row's audit entry (the clients audit trigger's UPDATE) carries the reason
--   "Claimed by confirmed e-mail" and the actor (the login);
-- - idempotent: a second call links nothing and answers an empty list.
-- Security definer: user_id is not in any API role's grants (0400_clients.sql) and the caller cannot see
-- the client rows before they are theirs.
create function public.claim_my_clients() returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_user auth.users;
  v_linked uuid[];
begin
  if v_uid is null then
    raise exception 'sign in first' using errcode = '42501', hint = 'sign_in_required';
  end if;
  select * into v_user from auth.users u where u.id = v_uid;
  if not found or v_user.email is null or btrim(v_user.email) = '' then
    raise exception 'the login has no e-mail address' using errcode = '42501', hint = 'email_not_confirmed';
  end if;
  if v_user.email_confirmed_at is null then
    raise exception 'confirm your e-mail address first' using errcode = '42501', hint = 'email_not_confirmed';
  end if;
  -- one claim per login at a time: two tabs landing together must not race for the same business's row
  perform pg_advisory_xact_lock(hashtextextended('claim_my_clients:' || v_uid::text, 0));

  with candidates as (
    select distinct on (c.business_id) c.id
    from public.clients c
    -- citext's own equality (case-insensitive, and the index's): with an empty search_path a bare `=`
    -- would cast both sides to text and compare case-sensitively
    where c.email operator(extensions.=) v_user.email::extensions.citext
      and c.user_id is null
      and not exists (select 1 from public.clients o where o.business_id = c.business_id and o.user_id = v_uid)
    order by c.business_id, c.created_at, c.id
  ), linked as (
    update public.clients c set user_id = v_uid
    from candidates k
    where c.id = k.id and c.user_id is null
    returning c.id
  )
  select coalesce(array_agg(id), '{}') into v_linked from linked;

  if cardinality(v_linked) = 0 then
    return jsonb_build_object('linked', '[]'::jsonb);
  end if;

  -- the audit trigger wrote one UPDATE entry per row in this transaction: say why
  update public.audit_log a
  set reason = 'Claimed by confirmed e-mail: the login ' || v_user.email || ' was linked to this client record.'
  where a.table_name = 'clients' and a.row_id = any (select unnest(v_linked)::text)
    and a.action = 'UPDATE' and a.actor = v_uid and a.at = now() and a.reason is null;

  return jsonb_build_object('linked', (
    select coalesce(jsonb_agg(jsonb_build_object('client_id', c.id, 'business_id', b.id, 'slug', b.slug, 'name', b.name)
                              order by b.name), '[]'::jsonb)
    from public.clients c join public.businesses b on b.id = c.business_id
    where c.id = any (v_linked)));
end
$$;
comment on function public.claim_my_clients() is
  'Links the caller''s confirmed e-mail to every unlinked client record with that address (one per business); audited; answers the businesses linked.';
revoke execute on function public.claim_my_clients() from public, anon;
grant execute on function public.claim_my_clients() to authenticated;
