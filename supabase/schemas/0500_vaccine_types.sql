-- The vaccine catalogue: global rows (business_id null) and each business's own.

create table public.vaccine_types (
  id uuid constraint vaccine_types_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid constraint vaccine_types_business_id_fkey references public.businesses (id) on delete cascade,
  species text not null constraint vaccine_types_species_known check (species in ('dog', 'cat', 'rabbit', 'bird', 'other')),
  name text not null constraint vaccine_types_name_not_blank check (length(btrim(name)) > 0),
  valid_days integer not null constraint vaccine_types_valid_days_positive check (valid_days > 0),
  required boolean not null default false,
  created_at timestamptz not null default now(),
  -- last, in the order the migration added it
  is_active boolean not null default true,
  constraint vaccine_types_inactive_not_required check (is_active or not required)
);
alter table public.vaccine_types enable row level security;
grant select, delete on public.vaccine_types to authenticated;
grant insert (business_id, species, name, valid_days, required, is_active) on public.vaccine_types to authenticated;
grant update (species, name, valid_days, required, is_active) on public.vaccine_types to authenticated;
grant all on public.vaccine_types to service_role;
create unique index vaccine_types_scope_name_key on public.vaccine_types (coalesce(business_id, '00000000-0000-0000-0000-000000000000'::uuid), species, lower(name));
create index vaccine_types_business_id_idx on public.vaccine_types (business_id);
comment on table public.vaccine_types is 'Vaccines a business tracks; business_id null = the global catalogue every business may use.';
comment on column public.vaccine_types.is_active is 'False once deactivated: kept for the records that name it, no longer required nor offered for new services.';

create policy "all read global vaccines; members and clients their business's" on public.vaccine_types
  for select to authenticated
  using (business_id is null or business_id = any (array(select private.my_business_ids()))
    or business_id = any (array(select private.my_client_business_ids())));
create policy "managers add vaccine types" on public.vaccine_types
  for insert to authenticated with check (business_id in (select private.manager_business_ids()));
create policy "managers edit vaccine types" on public.vaccine_types
  for update to authenticated using (business_id in (select private.manager_business_ids()))
  with check (business_id in (select private.manager_business_ids()));
create policy "managers remove vaccine types" on public.vaccine_types
  for delete to authenticated using (business_id in (select private.manager_business_ids()));

-- A business's vaccine type is never deleted while a record or a service names it (deactivate it instead),
-- keeps its species while records name it, is not deactivated while an active service requires it, and its
-- name is unique per species within the business (the index says so too; this names the refusal).
-- Security definer: the checks count every record of the business, whoever may read them.
create function private.vaccine_type_guard() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_records bigint;
  v_service text;
begin
  if tg_op in ('UPDATE', 'DELETE') then
    select count(*) into v_records from public.vaccinations v where v.vaccine_type_id = old.id;
    select s.name into v_service from public.services s
    where s.business_id = old.business_id and old.id = any (s.required_vaccine_type_ids)
      and (tg_op = 'DELETE' or s.is_active)
    order by s.name limit 1;
  end if;
  if tg_op = 'DELETE' then
    -- a business being deleted takes its vaccine types and records with it
    if not exists (select 1 from public.businesses b where b.id = old.business_id) then
      return old;
    end if;
    if v_records > 0 or v_service is not null then
      raise exception 'a vaccine type in use cannot be deleted' using errcode = '23503',
        hint = 'vaccine_type_in_use',
        detail = jsonb_build_object('name', old.name, 'records', v_records, 'service', v_service)::text;
    end if;
    return old;
  end if;
  if tg_op = 'UPDATE' and new.species <> old.species and v_records > 0 then
    raise exception 'the species of a vaccine type with records cannot change' using errcode = '23514',
      hint = 'vaccine_type_species_in_use',
      detail = jsonb_build_object('name', old.name, 'records', v_records)::text;
  end if;
  if tg_op = 'UPDATE' and old.is_active and not new.is_active and v_service is not null then
    raise exception 'an active service requires this vaccine type' using errcode = '23514',
      hint = 'vaccine_type_required_by_service',
      detail = jsonb_build_object('name', old.name, 'service', v_service)::text;
  end if;
  if new.is_active is false and new.required then
    raise exception 'a deactivated vaccine type cannot be required' using errcode = '23514',
      hint = 'vaccine_type_inactive_required';
  end if;
  if exists (
    select 1 from public.vaccine_types t
    where t.business_id is not distinct from new.business_id and t.species = new.species
      and lower(btrim(t.name)) = lower(btrim(new.name)) and t.id <> new.id
  ) then
    raise exception 'a vaccine type of this name already exists for the species' using errcode = '23505',
      hint = 'vaccine_type_name_taken',
      detail = jsonb_build_object('name', btrim(new.name), 'species', new.species)::text;
  end if;
  return new;
end
$$;
comment on function private.vaccine_type_guard() is 'Trigger: never delete a vaccine type in use, nor deactivate one an active service requires; names unique per species, refused by name.';
revoke execute on function private.vaccine_type_guard() from public;
create trigger vaccine_types_guard before insert or update or delete on public.vaccine_types
  for each row execute function private.vaccine_type_guard();
comment on trigger vaccine_types_guard on public.vaccine_types is 'Refuses deleting or deactivating a vaccine type in use and duplicate names, with named refusals.';
