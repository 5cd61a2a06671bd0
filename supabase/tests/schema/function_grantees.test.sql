-- Who may execute each function of the app's schemas (public, private), among public, anon, authenticated
-- and service_role. The allow-list below is the whole truth: a new function fails here until it is listed,
-- and a grant nobody needs (PUBLIC's default execute, a helper only definer rpcs call) fails too.
-- Trigger functions need no grant: a trigger fires without the caller's execute right.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql

create temp table allowed (fn text primary key, grantees text[]) on commit drop;
insert into allowed values
  -- rpcs: signed-in users call them through /rest/v1/rpc; the service role for admin work
  ('public.accept_invitation(text, text)', '{authenticated,service_role}'),
  ('public.revoke_invitation(uuid)', '{authenticated,service_role}'),
  ('public.resend_invitation(uuid)', '{authenticated,service_role}'),
  ('public.team_members(uuid)', '{authenticated,service_role}'),
  -- the accept page reads what a token invites to before the invitee has signed in
  ('public.invitation_preview(text)', '{anon,authenticated,service_role}'),
  ('public.book_service(uuid, uuid, timestamp with time zone, timestamp with time zone, text, boolean)', '{authenticated,service_role}'),
  ('public.book_series(uuid, uuid[], timestamp with time zone[], timestamp with time zone[], text, boolean)', '{authenticated,service_role}'),
  ('public.cancel_series(uuid, timestamp with time zone, text)', '{authenticated,service_role}'),
  ('public.give_scheduled_dose(uuid, time without time zone)', '{authenticated,service_role}'),
  ('public.cancel_booking(uuid, text)', '{authenticated,service_role}'),
  ('public.post_report_card(uuid, text, text[])', '{authenticated,service_role}'),
  ('public.create_calendar_feed()', '{authenticated,service_role}'),
  ('public.revoke_calendar_feed()', '{authenticated,service_role}'),
  ('public.has_calendar_feed()', '{authenticated,service_role}'),
  -- the ICS endpoint reads a feed with nothing but its secret token (calendar apps do not sign in)
  ('public.calendar_feed_events(text)', '{anon,authenticated,service_role}'),
  ('public.check_in_by_tag(text, uuid, text, text, uuid, uuid)', '{authenticated,service_role}'),
  ('public.check_out_by_tag(text, uuid, text, uuid)', '{authenticated,service_role}'),
  ('public.check_in_pet(uuid, uuid, text, uuid, uuid, text)', '{authenticated,service_role}'),
  ('public.check_out_pet(uuid, uuid, uuid, text)', '{authenticated,service_role}'),
  ('public.check_in_family(uuid, uuid, text)', '{authenticated,service_role}'),
  ('public.confirm_booking(uuid)', '{authenticated,service_role}'),
  ('public.business_slug_available(text)', '{authenticated,service_role}'),
  ('public.set_my_display_name(text)', '{authenticated,service_role}'),
  ('public.create_business(text, text, text, text, text, text, double precision, double precision)', '{authenticated,service_role}'),
  ('public.set_opening_hours(uuid, jsonb)', '{authenticated,service_role}'),
  ('public.create_client_with_pets(uuid, jsonb, jsonb)', '{authenticated,service_role}'),
  ('public.create_invitation(uuid, text, member_role, uuid, interval)', '{authenticated,service_role}'),
  ('public.create_partner_secret(uuid)', '{authenticated,service_role}'),
  ('public.dashboard(uuid)', '{authenticated,service_role}'),
  ('public.pet_vaccine_status(uuid, uuid, date, date)', '{authenticated,service_role}'),
  ('public.register_tag(uuid, text, tag_kind)', '{authenticated,service_role}'),
  ('public.revoke_partner_secret(uuid)', '{authenticated,service_role}'),
  -- the partner-webhook function (service role) lands or refuses verified deliveries; no user calls them
  ('public.receive_partner_event(uuid, text, text, jsonb)', '{service_role}'),
  ('public.refuse_partner_delivery(uuid, text, text)', '{service_role}'),
  -- the notify dispatcher (functions/notify, service role) claims and records; managers retry; anyone with a
  -- message's token unsubscribes (no sign-in, RFC 8058)
  ('public.claim_notifications(integer, integer, integer, uuid)', '{service_role}'),
  ('public.record_notification_outcome(uuid, uuid, text, integer, text, integer)', '{service_role}'),
  -- outbound webhooks (1520): managers subscribe, rotate and test through definers that check the role
  ('public.create_webhook_endpoint(uuid, text, text[], text)', '{authenticated,service_role}'),
  ('public.rotate_webhook_secret(uuid)', '{authenticated,service_role}'),
  ('public.send_test_webhook(uuid)', '{authenticated,service_role}'),
  ('private.webhook_event_types()', '{}'),
  ('private.enqueue_webhook_events(jsonb)', '{}'),
  ('private.bookings_webhook_events()', '{}'),
  ('private.booking_webhook_data(uuid)', '{}'),
  ('private.incidents_webhook_events()', '{}'),
  ('private.push_twins()', '{}'),
  ('public.retry_notification(uuid)', '{authenticated,service_role}'),
  ('public.unsubscribe(uuid, boolean)', '{anon,authenticated,service_role}'),
  -- the partners page's review queue: staff land or dismiss a parked delivery (definers that check the role)
  ('public.resolve_partner_event(uuid, uuid)', '{authenticated,service_role}'),
  ('public.dismiss_partner_event(uuid, text)', '{authenticated,service_role}'),
  ('private.land_partner_record(uuid, uuid)', '{service_role}'),
  ('public.replace_route_plan(uuid, date, jsonb)', '{authenticated,service_role}'),
  -- dispatch: staff add/edit transport and write hand edits of a plan (both check the role first)
  ('public.save_transport_request(uuid, uuid, transport_kind, text, timestamp with time zone, timestamp with time zone, double precision, double precision, text, uuid, uuid)', '{authenticated,service_role}'),
  ('public.edit_route_plan(uuid, date, uuid[], jsonb)', '{authenticated,service_role}'),
  ('public.list_drivers(uuid)', '{authenticated,service_role}'),
  -- the drivers' page and the parents' ETA (definers that check the route is the caller's, the pet theirs)
  ('public.driver_day()', '{authenticated,service_role}'),
  ('public.start_route(uuid)', '{authenticated,service_role}'),
  ('public.finish_route(uuid, boolean)', '{authenticated,service_role}'),
  ('public.record_stop_progress(uuid, text, text, uuid)', '{authenticated,service_role}'),
  ('public.record_driver_position(uuid, double precision, double precision, timestamp with time zone, real, real, uuid)', '{authenticated,service_role}'),
  ('public.pet_eta(uuid)', '{authenticated,service_role}'),
  ('private.taxi_travel_model(uuid)', '{}'),
  ('private.taxi_travel_seconds(geography, geography, double precision, double precision)', '{}'),
  ('private.taxi_service_seconds()', '{}'),
  ('private.route_etas(uuid, timestamp with time zone)', '{}'),
  ('private.my_route_for_update(uuid)', '{}'),
  ('private.notify_arriving(uuid, timestamp with time zone)', '{}'),
  -- policy helpers: evaluated as the caller (the service role bypasses RLS but runs invoker rpcs and guards)
  ('private.has_role(uuid, member_role[])', '{authenticated,service_role}'),
  ('private.manager_business_ids()', '{authenticated,service_role}'),
  ('private.my_business_ids(member_role[])', '{authenticated,service_role}'),
  ('private.my_client_business_ids()', '{authenticated,service_role}'),
  ('private.my_client_ids()', '{authenticated,service_role}'),
  ('private.my_driven_request_ids()', '{authenticated,service_role}'),
  ('private.my_pet_ids()', '{authenticated,service_role}'),
  ('private.my_pets_route_ids()', '{authenticated,service_role}'),
  ('private.my_route_ids()', '{authenticated,service_role}'),
  ('private.staff_business_ids()', '{authenticated,service_role}'),
  ('private.uuid_or_null(text)', '{authenticated,service_role}'),
  -- storage and realtime policies: only signed-in users are checked by them
  ('private.my_pet_folders()', '{authenticated}'),
  ('private.object_business(text)', '{authenticated}'),
  ('private.object_pet_folder(text)', '{authenticated}'),
  ('private.can_join_topic(text)', '{authenticated}'),
  ('private.can_send_to_topic(text)', '{authenticated}'),
  -- called by invoker rpcs and by guard triggers running as the caller
  ('private.booking_days(uuid, timestamp with time zone, timestamp with time zone)', '{authenticated,service_role}'),
  ('private.booking_holds_place(booking_status)', '{authenticated,service_role}'),
  ('private.booking_is_live(booking_status)', '{authenticated,service_role}'),
  ('private.hash_token(text)', '{authenticated,service_role}'),
  ('private.is_member_email(uuid, text)', '{authenticated,service_role}'),
  ('private.paths_in_folder(text[], text)', '{authenticated,service_role}'),
  ('private.lock_service_days(uuid, date[])', '{authenticated,service_role}'),
  ('private.service_has_room(uuid, date[], uuid)', '{authenticated,service_role}'),
  ('private.service_open_until(uuid, timestamp with time zone)', '{authenticated,service_role}'),
  ('private.visit_end(timestamp with time zone, integer, timestamp with time zone, text)', '{authenticated,service_role}'),
  ('private.vaccines_block(jsonb)', '{authenticated,service_role}'),
  -- the dashboard's from-scratch rebuild: an admin repair (the triggers keep the aggregates otherwise)
  ('private.dashboard_rebuild(uuid)', '{service_role}'),
  -- only definer rpcs (running as the owner) call these
  ('private.audit_override(uuid, uuid, text, jsonb)', '{}'),
  ('private.check_route_plan(uuid, jsonb)', '{}'),
  ('private.scan_business(uuid)', '{}'),
  ('private.scan_card_in(uuid, uuid, uuid, jsonb)', '{}'),
  ('private.dashboard_apply_booking(uuid, uuid, timestamp with time zone, timestamp with time zone, booking_status, integer)', '{}'),
  ('private.dashboard_recount_visits(uuid, date, text)', '{}'),
  ('private.dashboard_refresh_pet(uuid)', '{}'),
  ('private.dashboard_stripe(uuid)', '{}'),
  ('private.dashboard_compliance_shift(private.dashboard_pet_compliance[], private.dashboard_pet_compliance[])', '{}'),
  ('private.dashboard_compliance_events(datemultirange, datemultirange, timestamp with time zone)', '{}'),
  ('private.notification_opted_out(uuid, uuid, text, notification_channel)', '{}'),
  ('private.setting(text)', '{}'),
  ('private.dispatch_notifications()', '{}'),
  ('private.setup_notify_cron()', '{}'),
  ('private.enqueue_reminders(timestamp with time zone)', '{}'),
  ('private.setup_vet_sync_cron()', '{}'),
  ('private.request_vet_sync()', '{}'),
  ('private.tag_pet(uuid, text)', '{}'),
  ('private.scan_replayed(uuid)', '{}'),
  ('private.business_pet(uuid, uuid)', '{}'),
  ('private.went_home_today(uuid, uuid, date)', '{}'),
  ('private.check_in_pet_core(uuid, uuid, uuid, uuid, text, text, uuid)', '{}'),
  ('private.check_out_pet_core(uuid, uuid, uuid, uuid, text)', '{}'),
  -- portal (issue 11): care-change review, data export jobs, account deletion, cancel cut-off
  ('public.review_care_proposal(uuid, boolean, text)', '{authenticated,service_role}'),
  ('public.start_data_export()', '{authenticated,service_role}'),
  ('public.data_export(uuid)', '{authenticated,service_role}'),
  ('public.update_data_export(uuid, text, integer, text, text, bigint, text)', '{authenticated,service_role}'),
  ('public.delete_my_account(text)', '{authenticated,service_role}'),
  ('public.claim_my_clients()', '{authenticated,service_role}'),
  ('private.cancel_cutoff_hours(uuid)', '{authenticated,service_role}'),
  ('private.parent_may_read_document(text)', '{authenticated}'),
  ('private.booking_cancel_cutoff_guard()', '{}'),
  ('private.care_proposal_snapshot()', '{}'),
  ('private.pet_care_guard()', '{}'),
  -- trigger functions
  ('private.audit_row()', '{}'),
  ('private.dashboard_bookings_changed()', '{}'),
  ('private.dashboard_compliance_changed()', '{}'),
  ('private.dashboard_compliance_rows_changed()', '{}'),
  ('private.dashboard_tag_scans_changed()', '{}'),
  ('private.dashboard_time_zone_changed()', '{}'),
  ('private.medication_schedule_tidy()', '{}'),
  ('private.booking_capacity_guard()', '{}'),
  ('private.booking_double_guard()', '{}'),
  ('private.report_card_guard()', '{}'),
  ('private.report_card_posted()', '{}'),
  ('private.booking_status_guard()', '{}'),
  ('private.broadcast_booking()', '{}'),
  ('private.broadcast_route_change()', '{}'),
  ('private.nudge_route_eta()', '{}'),
  ('private.notify_stop_done()', '{}'),
  ('private.broadcast_tag_scan()', '{}'),
  ('private.membership_guard()', '{}'),
  ('private.service_capacity_guard()', '{}'),
  ('private.vaccine_type_guard()', '{}'),
  ('private.nudge_notify()', '{}'),
  ('private.notify_incident()', '{}'),
  ('private.offer_freed_place()', '{}'),
  ('private.partner_credential_limit()', '{}'),
  ('private.pet_partner_kinds()', '{}'),
  ('private.stamp_client_consent()', '{}'),
  ('private.stamp_stop_progress()', '{}'),
  ('private.status_transition_guard()', '{}'),
  ('private.stop_driver_guard()', '{}'),
  ('private.touch_updated_at()', '{}');

create temp table actual on commit drop as
select format('%s.%s(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as fn,
  coalesce(array(
    select g from unnest(array['public', 'anon', 'authenticated', 'service_role']) g
    where exists (
      select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
      where a.privilege_type = 'EXECUTE'
        and a.grantee = case when g = 'public' then 0 else (select r.oid from pg_roles r where r.rolname = g) end)
    order by g), '{}') as grantees
from pg_proc p join pg_namespace n on n.oid = p.pronamespace
where n.nspname in ('public', 'private')
  -- the conformance suite's fixtures (tests/conformance/fixtures) are not the app's
  and coalesce(obj_description(p.oid, 'pg_proc'), '') not like 'Test fixture:%'
  and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e');

select plan((select count(*)::int from allowed) + 1);

select is_empty(
  $$select fn from actual where fn not in (select fn from allowed) order by fn$$,
  'every function of public and private is on the allow-list'
);

select is(
  (select grantees from actual x where x.fn = a.fn),
  a.grantees,
  format('%s is executable by %s', a.fn, coalesce(nullif(array_to_string(a.grantees, ', '), ''), 'its owner alone'))
)
from allowed a order by a.fn;

select * from finish();
rollback;
