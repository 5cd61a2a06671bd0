-- Signing secrets of partners' inbound webhooks (Standard Webhooks, `whsec_<base64>`). Two may be active at
-- once so a partner can rotate without a gap; only the service role (the partner-webhook function) reads a
-- secret. Staff see that a credential exists and when it was made or revoked, never the secret itself.

create table public.partner_credentials (
  id uuid constraint partner_credentials_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null
    constraint partner_credentials_business_id_fkey references public.businesses (id) on delete cascade,
  partner_id uuid not null,
  secret text not null constraint partner_credentials_secret_format check (secret ~ '^whsec_[A-Za-z0-9+/]{32,}={0,2}$'),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  constraint partner_credentials_partner_fkey foreign key (partner_id, business_id)
    references public.partners (id, business_id) on delete cascade,
  constraint partner_credentials_revoked_after_created check (revoked_at is null or revoked_at >= created_at)
);
alter table public.partner_credentials enable row level security;
-- Column grants: the secret column is left out, so no API role but the service role can ever select it.
grant select (id, business_id, partner_id, created_at, revoked_at) on public.partner_credentials to authenticated;
grant all on public.partner_credentials to service_role;
create index partner_credentials_business_id_idx on public.partner_credentials (business_id);
create index partner_credentials_active_idx on public.partner_credentials (partner_id) where revoked_at is null;
comment on table public.partner_credentials is
  'Webhook signing secrets of partners (two active during a rotation); only the service role reads a secret.';
comment on column public.partner_credentials.secret is
  'Standard Webhooks secret (whsec_<base64>); never granted to anon or authenticated.';
comment on column public.partner_credentials.revoked_at is 'When the secret stopped being accepted; null while active.';

create policy "staff read partner credentials" on public.partner_credentials
  for select to authenticated using (business_id in (select private.staff_business_ids()));

-- At most two active secrets per partner, for every writer (rpcs, the service role, seeds): the partner row
-- is locked so two concurrent creations cannot both see one active secret and both insert.
create function private.partner_credential_limit() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if new.revoked_at is not null then
    return new;
  end if;
  perform 1 from public.partners p where p.id = new.partner_id for update;
  if (select count(*) from public.partner_credentials c
      where c.partner_id = new.partner_id and c.revoked_at is null and c.id <> new.id) >= 2 then
    raise exception 'this partner already has two active secrets; revoke one before creating another'
      using errcode = 'PT409', hint = 'partner_secret_limit';
  end if;
  return new;
end
$$;
comment on function private.partner_credential_limit() is 'Trigger: refuses a third active secret for a partner.';
revoke execute on function private.partner_credential_limit() from public;

create trigger partner_credentials_limit before insert or update of revoked_at on public.partner_credentials
  for each row execute function private.partner_credential_limit();
comment on trigger partner_credentials_limit on public.partner_credentials is 'At most two active secrets per partner.';
