-- The audit log: who changed what and when, written by a trigger on every domain table.

create table public.audit_log (
  id bigint generated always as identity constraint audit_log_pkey primary key,
  business_id uuid constraint audit_log_business_id_fkey references public.businesses (id) on delete cascade,
  actor uuid,
  table_name text not null,
  row_id text,
  action text not null constraint audit_log_action_known check (action in ('INSERT', 'UPDATE', 'DELETE', 'OVERRIDE')),
  old jsonb,
  new jsonb,
  reason text,
  at timestamptz not null default now()
);
alter table public.audit_log enable row level security;
grant select on public.audit_log to authenticated;
grant select on public.audit_log to service_role;
create index audit_log_business_at_idx on public.audit_log (business_id, at desc);
create index audit_log_row_idx on public.audit_log (table_name, row_id);
create index audit_log_actor_idx on public.audit_log (actor);
comment on table public.audit_log is 'Who changed what and when, written by triggers (and vaccine-gate overrides); append-only.';

create policy "managers read their business's audit log" on public.audit_log
  for select to authenticated using (business_id in (select private.manager_business_ids()));

-- Security definer: every writer must be audited, yet no API role may write the log itself.
create function private.audit_row() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  -- managers read the log, so a partner's webhook secret never reaches it
  v_old jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) - 'secret' end;
  v_new jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) - 'secret' end;
  v_business uuid;
begin
  v_business := coalesce(v_new, v_old) ->> case when tg_table_name = 'businesses' then 'id' else 'business_id' end;
  -- a cascade from a deleted business has nothing left to attach the entry to
  if tg_op = 'DELETE' and not exists (select 1 from public.businesses b where b.id = v_business) then
    v_business := null;
  end if;
  if tg_op = 'UPDATE' and v_old = v_new then
    return null;
  end if;
  insert into public.audit_log (business_id, actor, table_name, row_id, action, old, new)
  values (v_business, (select auth.uid()), tg_table_name, coalesce(v_new, v_old) ->> 'id', tg_op, v_old, v_new);
  return null;
end
$$;
comment on function private.audit_row() is 'Trigger: writes one audit_log entry per changed row.';
revoke execute on function private.audit_row() from public;

-- Audits every domain table except the log itself.
create trigger businesses_audit after insert or update or delete on public.businesses for each row execute function private.audit_row();
comment on trigger businesses_audit on public.businesses is 'Writes each change to audit_log.';
create trigger locations_audit after insert or update or delete on public.locations for each row execute function private.audit_row();
comment on trigger locations_audit on public.locations is 'Writes each change to audit_log.';
create trigger opening_hours_audit after insert or update or delete on public.opening_hours for each row execute function private.audit_row();
comment on trigger opening_hours_audit on public.opening_hours is 'Writes each change to audit_log.';
create trigger closures_audit after insert or update or delete on public.closures for each row execute function private.audit_row();
comment on trigger closures_audit on public.closures is 'Writes each change to audit_log.';
create trigger memberships_audit after insert or update or delete on public.memberships for each row execute function private.audit_row();
comment on trigger memberships_audit on public.memberships is 'Writes each change to audit_log.';
create trigger invitations_audit after insert or update or delete on public.invitations for each row execute function private.audit_row();
comment on trigger invitations_audit on public.invitations is 'Writes each change to audit_log.';
create trigger clients_audit after insert or update or delete on public.clients for each row execute function private.audit_row();
comment on trigger clients_audit on public.clients is 'Writes each change to audit_log.';
create trigger pets_audit after insert or update or delete on public.pets for each row execute function private.audit_row();
comment on trigger pets_audit on public.pets is 'Writes each change to audit_log.';
create trigger pet_tags_audit after insert or update or delete on public.pet_tags for each row execute function private.audit_row();
comment on trigger pet_tags_audit on public.pet_tags is 'Writes each change to audit_log.';
create trigger tag_scans_audit after insert or update or delete on public.tag_scans for each row execute function private.audit_row();
comment on trigger tag_scans_audit on public.tag_scans is 'Writes each change to audit_log.';
create trigger services_audit after insert or update or delete on public.services for each row execute function private.audit_row();
comment on trigger services_audit on public.services is 'Writes each change to audit_log.';
create trigger bookings_audit after insert or update or delete on public.bookings for each row execute function private.audit_row();
comment on trigger bookings_audit on public.bookings is 'Writes each change to audit_log.';
create trigger vaccine_types_audit after insert or update or delete on public.vaccine_types for each row execute function private.audit_row();
comment on trigger vaccine_types_audit on public.vaccine_types is 'Writes each change to audit_log.';
create trigger vaccinations_audit after insert or update or delete on public.vaccinations for each row execute function private.audit_row();
comment on trigger vaccinations_audit on public.vaccinations is 'Writes each change to audit_log.';
create trigger medical_records_audit after insert or update or delete on public.medical_records for each row execute function private.audit_row();
comment on trigger medical_records_audit on public.medical_records is 'Writes each change to audit_log.';
create trigger medication_logs_audit after insert or update or delete on public.medication_logs for each row execute function private.audit_row();
comment on trigger medication_logs_audit on public.medication_logs is 'Writes each change to audit_log.';
create trigger medication_schedules_audit after insert or update or delete on public.medication_schedules for each row execute function private.audit_row();
comment on trigger medication_schedules_audit on public.medication_schedules is 'Writes each change to audit_log.';
create trigger incidents_audit after insert or update or delete on public.incidents for each row execute function private.audit_row();
comment on trigger incidents_audit on public.incidents is 'Writes each change to audit_log.';
create trigger transport_requests_audit after insert or update or delete on public.transport_requests for each row execute function private.audit_row();
comment on trigger transport_requests_audit on public.transport_requests is 'Writes each change to audit_log.';
create trigger routes_audit after insert or update or delete on public.routes for each row execute function private.audit_row();
comment on trigger routes_audit on public.routes is 'Writes each change to audit_log.';
create trigger vehicles_audit after insert or update or delete on public.vehicles for each row execute function private.audit_row();
comment on trigger vehicles_audit on public.vehicles is 'Writes each change to audit_log.';
create trigger route_stops_audit after insert or update or delete on public.route_stops for each row execute function private.audit_row();
comment on trigger route_stops_audit on public.route_stops is 'Writes each change to audit_log.';
create trigger driver_positions_audit after insert or update or delete on public.driver_positions for each row execute function private.audit_row();
comment on trigger driver_positions_audit on public.driver_positions is 'Writes each change to audit_log.';
create trigger partners_audit after insert or update or delete on public.partners for each row execute function private.audit_row();
comment on trigger partners_audit on public.partners is 'Writes each change to audit_log.';
create trigger partner_events_audit after insert or update or delete on public.partner_events for each row execute function private.audit_row();
comment on trigger partner_events_audit on public.partner_events is 'Writes each change to audit_log.';
-- The outbox's own traffic has no person behind it and runs to tens of thousands of rows an hour at full scale
-- (reminders queued by pg_cron, the dispatcher's claims and outcomes): auditing it doubled the reminder job's
-- time (issue 13: 11.1 s → 5.4 s for 44,694 reminders). A change made with a signed-in person behind it is still
-- audited: a manager's retry, a message their action queued (a cancellation's waitlist offer).
create trigger notifications_audit after insert or update or delete on public.notifications for each row
  when (auth.uid() is not null) execute function private.audit_row();
comment on trigger notifications_audit on public.notifications is 'Writes each change a signed-in person makes to audit_log (not the outbox''s own traffic).';
create trigger partner_credentials_audit after insert or update or delete on public.partner_credentials for each row execute function private.audit_row();
comment on trigger partner_credentials_audit on public.partner_credentials is 'Writes each change to audit_log, without the secret.';
create trigger report_cards_audit after insert or update or delete on public.report_cards for each row execute function private.audit_row();
comment on trigger report_cards_audit on public.report_cards is 'Writes each change to audit_log.';
create trigger webhook_endpoints_audit after insert or update or delete on public.webhook_endpoints for each row execute function private.audit_row();
comment on trigger webhook_endpoints_audit on public.webhook_endpoints is 'Writes each change to audit_log, without the secret.';
