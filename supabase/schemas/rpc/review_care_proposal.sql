-- Staff accept or reject a parent's care-change proposal in one transaction: on acceptance the pet's care
-- instructions take the proposed values; either way the proposal records the outcome, the reviewer and an
-- optional note for the parent, who gets an in-app `care_proposal_reviewed` message with it. Both writes are
-- audited by their tables' triggers. Security definer: the
-- API may not update proposals, and the caller's staff seat is checked here.
create function public.review_care_proposal(p_proposal_id uuid, p_accept boolean, p_note text default null)
returns public.care_change_proposals
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_proposal public.care_change_proposals;
  v_note text := nullif(btrim(coalesce(p_note, '')), '');
begin
  select * into v_proposal from public.care_change_proposals where id = p_proposal_id for update;
  if not found or not (
    v_proposal.business_id in (select private.staff_business_ids())
    or v_proposal.client_id in (select private.my_client_ids())) then
    raise exception 'proposal not found' using errcode = 'PT404', hint = 'care_proposal_not_found';
  end if;
  if v_proposal.business_id not in (select private.staff_business_ids()) then
    raise exception 'only the business''s staff review care changes' using errcode = '42501',
      hint = 'care_proposal_staff_only';
  end if;
  if p_accept is null then
    raise exception 'accept or reject' using errcode = '22023', hint = 'care_proposal_decision_required';
  end if;
  if v_proposal.status <> 'pending' then
    raise exception 'the proposal was already reviewed' using errcode = '23514', hint = 'care_proposal_already_reviewed',
      detail = jsonb_build_object('status', v_proposal.status)::text;
  end if;
  if length(v_note) > 500 then
    raise exception 'the note is too long' using errcode = '22023', hint = 'care_proposal_note_too_long',
      detail = jsonb_build_object('max', 500)::text;
  end if;

  if p_accept then
    update public.pets p
    set feeding = case when v_proposal.changes ? 'feeding' then nullif(btrim(v_proposal.changes ->> 'feeding'), '') else p.feeding end,
        medication = case when v_proposal.changes ? 'medication' then nullif(btrim(v_proposal.changes ->> 'medication'), '') else p.medication end,
        handling_notes = case when v_proposal.changes ? 'handling_notes' then nullif(btrim(v_proposal.changes ->> 'handling_notes'), '') else p.handling_notes end
    where p.id = v_proposal.pet_id and p.business_id = v_proposal.business_id;
  end if;

  update public.care_change_proposals
  set status = case when p_accept then 'accepted' else 'rejected' end,
      review_note = v_note,
      reviewed_by = (select auth.uid()),
      reviewed_at = now()
  where id = v_proposal.id
  returning * into v_proposal;

  -- The parent hears of the decision in their portal inbox: one in-app message per proposal, through the
  -- outbox (the dispatcher applies their preferences, and a push twin when they subscribed).
  insert into public.notifications (business_id, recipient_user_id, recipient_client_id, channel, template, payload, dedupe_key)
  select v_proposal.business_id, c.user_id, c.id, 'in_app', 'care_proposal_reviewed',
         jsonb_build_object('proposal_id', v_proposal.id, 'pet_id', p.id, 'pet_name', p.name,
                            'decision', v_proposal.status, 'note', v_proposal.review_note,
                            'fields', (select coalesce(jsonb_agg(k order by k), '[]'::jsonb) from jsonb_object_keys(v_proposal.changes) k)),
         'care_proposal_reviewed:' || v_proposal.id
  from public.clients c join public.pets p on p.id = v_proposal.pet_id
  where c.id = v_proposal.client_id
  on conflict (dedupe_key) do nothing;
  return v_proposal;
end
$$;
comment on function public.review_care_proposal(uuid, boolean, text) is
  'Staff accept (the pet''s care instructions change) or reject a parent''s care-change proposal, with an optional note.';
revoke execute on function public.review_care_proposal(uuid, boolean, text) from public, anon;
grant execute on function public.review_care_proposal(uuid, boolean, text) to authenticated, service_role;
