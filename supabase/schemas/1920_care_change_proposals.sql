-- Care-change proposals: a pet parent proposes new care instructions (feeding, medication, handling notes)
-- from the portal; the business's staff accept or reject them (public.review_care_proposal). The pet record
-- changes only on acceptance, so a parent may no longer write those three columns of public.pets directly.
-- After the audit log (1900), whose trigger function this table uses.

create table public.care_change_proposals (
  id uuid constraint care_change_proposals_pkey primary key default extensions.gen_random_uuid(),
  business_id uuid not null constraint care_change_proposals_business_id_fkey references public.businesses (id) on delete cascade,
  pet_id uuid not null,
  client_id uuid not null,
  -- the proposed values by column name (feeding, medication, handling_notes); null clears the instruction
  changes jsonb not null constraint care_change_proposals_changes_valid check (
    jsonb_typeof(changes) = 'object' and changes <> '{}'::jsonb
    and changes - array['feeding', 'medication', 'handling_notes'] = '{}'::jsonb
    and jsonb_typeof(coalesce(changes -> 'feeding', 'null')) in ('string', 'null')
    and jsonb_typeof(coalesce(changes -> 'medication', 'null')) in ('string', 'null')
    and jsonb_typeof(coalesce(changes -> 'handling_notes', 'null')) in ('string', 'null')
    and coalesce(length(changes ->> 'feeding'), 0) <= 2000 and coalesce(length(changes ->> 'medication'), 0) <= 2000
    and coalesce(length(changes ->> 'handling_notes'), 0) <= 2000),
  -- the pet's care instructions when the proposal was made, to show staff what would change
  previous jsonb not null default '{}'::jsonb,
  note text constraint care_change_proposals_note_length check (note is null or length(note) <= 500),
  status text not null default 'pending'
    constraint care_change_proposals_status_known check (status in ('pending', 'accepted', 'rejected')),
  review_note text constraint care_change_proposals_review_note_length check (review_note is null or length(review_note) <= 500),
  created_by uuid default auth.uid() constraint care_change_proposals_created_by_fkey references auth.users (id) on delete set null,
  reviewed_by uuid constraint care_change_proposals_reviewed_by_fkey references auth.users (id) on delete set null,
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  constraint care_change_proposals_pet_fkey foreign key (pet_id, client_id, business_id)
    references public.pets (id, client_id, business_id) on delete cascade,
  constraint care_change_proposals_reviewed check ((status = 'pending') = (reviewed_at is null))
);
alter table public.care_change_proposals enable row level security;
-- parents write only what they propose; the review goes through review_care_proposal (security definer)
grant select on public.care_change_proposals to authenticated;
grant insert (business_id, pet_id, client_id, changes, note) on public.care_change_proposals to authenticated;
grant all on public.care_change_proposals to service_role;
create index care_change_proposals_pet_id_idx on public.care_change_proposals (pet_id, client_id, business_id);
create index care_change_proposals_business_pending_idx on public.care_change_proposals (business_id, created_at)
  where status = 'pending';
create index care_change_proposals_business_id_idx on public.care_change_proposals (business_id);
create index care_change_proposals_client_id_idx on public.care_change_proposals (client_id);
create index care_change_proposals_created_by_idx on public.care_change_proposals (created_by);
create index care_change_proposals_reviewed_by_idx on public.care_change_proposals (reviewed_by);
comment on table public.care_change_proposals is
  'Care instructions a pet parent proposes; staff accept (the pet changes) or reject them, with an optional note.';

create policy "staff read their business's proposals; parents their own" on public.care_change_proposals
  for select to authenticated
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
create policy "parents propose for their own pets" on public.care_change_proposals
  for insert to authenticated
  with check (client_id = any (array(select private.my_client_ids())) and pet_id = any (array(select private.my_pet_ids())));

-- The proposal keeps the instructions it would replace (what staff compare against).
create function private.care_proposal_snapshot() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  select jsonb_build_object('feeding', p.feeding, 'medication', p.medication, 'handling_notes', p.handling_notes)
  into new.previous
  from public.pets p where p.id = new.pet_id;
  new.previous := coalesce(new.previous, '{}'::jsonb);
  return new;
end
$$;
comment on function private.care_proposal_snapshot() is 'Trigger: a new proposal keeps the pet''s care instructions it would replace.';
revoke execute on function private.care_proposal_snapshot() from public;
create trigger care_change_proposals_snapshot before insert on public.care_change_proposals
  for each row execute function private.care_proposal_snapshot();
comment on trigger care_change_proposals_snapshot on public.care_change_proposals is 'Keeps the instructions a proposal replaces.';

create trigger care_change_proposals_audit after insert or update or delete on public.care_change_proposals
  for each row execute function private.audit_row();
comment on trigger care_change_proposals_audit on public.care_change_proposals is 'Writes each change to audit_log.';

-- A parent changes care instructions only by proposal: staff (and the definer review rpc, the service
-- role and maintenance) may write them directly.
create function private.pet_care_guard() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if current_user = 'authenticated'
     and not private.has_role(new.business_id, array['owner', 'manager', 'staff']::public.member_role[])
     and (new.feeding is distinct from old.feeding or new.medication is distinct from old.medication
          or new.handling_notes is distinct from old.handling_notes) then
    raise exception 'care instructions change through a proposal the business accepts' using errcode = '42501',
      hint = 'care_change_needs_review';
  end if;
  return new;
end
$$;
comment on function private.pet_care_guard() is 'Trigger: only staff change a pet''s care instructions; parents propose (care_change_proposals).';
revoke execute on function private.pet_care_guard() from public;
create trigger pets_care_guard before update of feeding, medication, handling_notes on public.pets
  for each row execute function private.pet_care_guard();
comment on trigger pets_care_guard on public.pets is 'Parents propose care changes instead of writing them.';
