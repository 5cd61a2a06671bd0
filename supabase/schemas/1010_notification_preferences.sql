-- Who does not want which messages on which channel. A row says "this kind (template key, or '*' for every
-- kind) on this channel: on or off" for a signed-in person (user_id: a parent or a staff member, across
-- businesses) or for a client without an account (client_id, written by the one-click unsubscribe link).
-- No row means on. The dispatcher skips an opted-out message (status 'skipped', last_error says why).

create table public.notification_preferences (
  id uuid constraint notification_preferences_pkey primary key default extensions.gen_random_uuid(),
  user_id uuid constraint notification_preferences_user_id_fkey references auth.users (id) on delete cascade,
  client_id uuid constraint notification_preferences_client_id_fkey references public.clients (id) on delete cascade,
  kind text not null constraint notification_preferences_kind_format check (kind ~ '^([a-z][a-z_]{1,40}|\*)$'),
  channel public.notification_channel not null,
  enabled boolean not null,
  updated_at timestamptz not null default now(),
  constraint notification_preferences_one_subject check (num_nonnulls(user_id, client_id) = 1),
  constraint notification_preferences_subject_kind_channel_key unique nulls not distinct (user_id, client_id, kind, channel)
);
alter table public.notification_preferences enable row level security;
grant select, insert, delete on public.notification_preferences to authenticated;
grant update (enabled, updated_at) on public.notification_preferences to authenticated;
grant all on public.notification_preferences to service_role;
create index notification_preferences_client_id_idx on public.notification_preferences (client_id) where client_id is not null;
comment on table public.notification_preferences is 'Opt-outs (and back-ins) per person, message kind and channel; no row = on.';
comment on column public.notification_preferences.kind is 'A notification template key, or * for every kind.';

-- A signed-in person manages their own rows; a parent also those their unsubscribe links wrote for their
-- client records. Managers see nothing here: a preference is the person's, not the business's.
create policy "people manage their own preferences" on public.notification_preferences
  for all to authenticated
  using (user_id = (select auth.uid()) or client_id = any (array(select private.my_client_ids())))
  with check (user_id = (select auth.uid()) or client_id = any (array(select private.my_client_ids())));

-- Whether a notification's recipient has turned its kind off on its channel: the user's own rows win over
-- rows written for the client record; a specific kind wins over '*'.
create function private.notification_opted_out(p_user_id uuid, p_client_id uuid, p_kind text, p_channel public.notification_channel)
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return (
    select coalesce((
      select not p.enabled
      from public.notification_preferences p
      where p.channel = p_channel
        and p.kind in (p_kind, '*')
        and (p.user_id = coalesce(p_user_id, (select c.user_id from public.clients c where c.id = p_client_id))
             or p.client_id = p_client_id)
      order by (p.user_id is not null) desc, (p.kind = '*') asc
      limit 1
    ), false)
  );
end
$$;
comment on function private.notification_opted_out(uuid, uuid, text, public.notification_channel) is 'Whether the recipient turned this kind off on this channel.';
revoke execute on function private.notification_opted_out(uuid, uuid, text, public.notification_channel) from public, anon, authenticated;
