-- The RLS matrix: every table x role x operation, allowed and refused, against rows of tenant A.
-- Actors: A's owner, manager, staff, driver and pet parent; B's owner (cross-tenant); a stranger; anon.
begin;
create extension if not exists pgtap with schema extensions;
\ir ../_helpers.psql
set local search_path = public, extensions;

select tests.build_world();

create temp table expected (tbl text, op text, allowed text[], update_col text default 'id') on commit drop;
insert into expected (tbl, op, allowed) values
  ('businesses', 'select', '{owner,manager,staff,driver,parent}'), ('businesses', 'insert', '{}'),
  ('businesses', 'delete', '{owner}'),
  ('locations', 'select', '{owner,manager,staff,driver}'), ('locations', 'insert', '{owner,manager}'),
  ('locations', 'update', '{owner,manager}'), ('locations', 'delete', '{owner,manager}'),
  -- the row is the staff member's own membership: they may read it and leave
  ('memberships', 'select', '{owner,manager,staff,driver}'), ('memberships', 'insert', '{owner,manager}'),
  ('memberships', 'delete', '{owner,manager,staff}'),
  ('invitations', 'select', '{owner,manager}'), ('invitations', 'insert', '{owner,manager}'),
  ('invitations', 'update', '{}'), ('invitations', 'delete', '{owner,manager}'),
  ('clients', 'select', '{owner,manager,staff,parent}'), ('clients', 'insert', '{owner,manager,staff}'),
  ('clients', 'delete', '{owner,manager}'),
  ('pets', 'select', '{owner,manager,staff,parent}'), ('pets', 'insert', '{owner,manager,staff,parent}'),
  ('pets', 'update', '{owner,manager,staff,parent}'), ('pets', 'delete', '{owner,manager}'),
  ('pet_tags', 'select', '{owner,manager,staff}'), ('pet_tags', 'insert', '{owner,manager,staff}'),
  ('pet_tags', 'update', '{owner,manager,staff}'), ('pet_tags', 'delete', '{owner,manager}'),
  ('tag_scans', 'select', '{owner,manager,staff,parent}'), ('tag_scans', 'insert', '{owner,manager,staff}'),
  ('tag_scans', 'update', '{}'), ('tag_scans', 'delete', '{}'),
  ('services', 'select', '{owner,manager,staff,driver,parent}'), ('services', 'insert', '{owner,manager}'),
  ('services', 'update', '{owner,manager}'), ('services', 'delete', '{owner,manager}'),
  ('bookings', 'select', '{owner,manager,staff,parent}'), ('bookings', 'insert', '{owner,manager,staff,parent}'),
  ('bookings', 'delete', '{owner,manager}'),
  ('vaccine_types', 'select', '{owner,manager,staff,driver,parent}'), ('vaccine_types', 'insert', '{owner,manager}'),
  ('vaccine_types', 'delete', '{owner,manager}'),
  ('vaccinations', 'select', '{owner,manager,staff,parent}'), ('vaccinations', 'insert', '{owner,manager,staff,parent}'),
  ('vaccinations', 'update', '{owner,manager,staff}'), ('vaccinations', 'delete', '{owner,manager}'),
  -- the world's record is not shared with the parent (portal/shared_medical_records.test.sql covers shared ones)
  ('medical_records', 'select', '{owner,manager,staff}'), ('medical_records', 'insert', '{owner,manager,staff}'),
  ('medical_records', 'update', '{owner,manager,staff}'), ('medical_records', 'delete', '{owner,manager}'),
  ('medication_logs', 'select', '{owner,manager,staff,parent}'), ('medication_logs', 'insert', '{owner,manager,staff}'),
  ('medication_logs', 'update', '{owner,manager}'), ('medication_logs', 'delete', '{owner,manager}'),
  ('incidents', 'select', '{owner,manager,staff,parent}'), ('incidents', 'insert', '{owner,manager,staff}'),
  ('incidents', 'update', '{owner,manager,staff}'), ('incidents', 'delete', '{owner,manager}'),
  ('transport_requests', 'select', '{owner,manager,staff,driver,parent}'), ('transport_requests', 'insert', '{owner,manager,staff,parent}'),
  ('transport_requests', 'update', '{owner,manager,staff}'), ('transport_requests', 'delete', '{owner,manager}'),
  ('routes', 'select', '{owner,manager,staff,driver,parent}'), ('routes', 'insert', '{owner,manager,staff}'),
  ('routes', 'update', '{owner,manager,staff}'), ('routes', 'delete', '{owner,manager}'),
  ('route_stops', 'select', '{owner,manager,staff,driver,parent}'), ('route_stops', 'insert', '{owner,manager,staff}'),
  ('route_stops', 'update', '{owner,manager,staff}'), ('route_stops', 'delete', '{owner,manager,staff}'),
  ('driver_positions', 'select', '{owner,manager,staff,driver}'), ('driver_positions', 'insert', '{}'),
  ('driver_positions', 'delete', '{}'),
  -- the desk plans with the vans; managers run the fleet
  ('vehicles', 'select', '{owner,manager,staff}'), ('vehicles', 'insert', '{owner,manager}'),
  ('vehicles', 'update', '{owner,manager}'), ('vehicles', 'delete', '{owner,manager}'),
  ('partners', 'select', '{owner,manager,staff}'), ('partners', 'insert', '{owner,manager}'),
  ('partners', 'update', '{owner,manager}'), ('partners', 'delete', '{owner,manager}'),
  ('partner_events', 'select', '{owner,manager,staff}'), ('partner_events', 'insert', '{}'),
  ('partner_events', 'update', '{}'), ('partner_events', 'delete', '{}'),
  -- staff see that a webhook secret exists; every write goes through the definer rpcs (create/revoke_partner_secret)
  ('partner_credentials', 'select', '{owner,manager,staff}'), ('partner_credentials', 'insert', '{}'),
  ('partner_credentials', 'update', '{}'), ('partner_credentials', 'delete', '{}'),
  ('notifications', 'select', '{owner,manager,parent}'), ('notifications', 'insert', '{}'),
  ('notifications', 'delete', '{}'),
  ('audit_log', 'select', '{owner,manager}'), ('audit_log', 'insert', '{}'),
  ('audit_log', 'delete', '{}'),
  -- parents read the hours and closures they book within
  ('opening_hours', 'select', '{owner,manager,staff,driver,parent}'), ('opening_hours', 'insert', '{owner,manager}'),
  ('opening_hours', 'delete', '{owner,manager}'),
  ('closures', 'select', '{owner,manager,staff,driver,parent}'), ('closures', 'insert', '{owner,manager}'),
  ('closures', 'delete', '{owner,manager}');
-- a preference is the person's own: not even the business's managers see or change it
insert into expected (tbl, op, allowed) values
  ('notification_preferences', 'select', '{parent}'), ('notification_preferences', 'insert', '{parent}'),
  ('notification_preferences', 'delete', '{parent}');
insert into expected (tbl, op, allowed, update_col) values ('notification_preferences', 'update', '{parent}', 'enabled');
insert into expected (tbl, op, allowed) values
  ('report_cards', 'select', '{owner,manager,staff,parent}'), ('report_cards', 'insert', '{owner,manager,staff}'),
  ('report_cards', 'delete', '{owner,manager}');
-- parents propose care changes for their own pets; staff review them only through review_care_proposal
insert into expected (tbl, op, allowed) values
  ('care_change_proposals', 'select', '{owner,manager,staff,parent}'), ('care_change_proposals', 'insert', '{parent}'),
  ('care_change_proposals', 'update', '{}'), ('care_change_proposals', 'delete', '{}');
-- recipients may only mark a notification read
insert into expected (tbl, op, allowed, update_col) values ('notifications', 'update', '{parent}', 'read_at');
-- identity keys cannot be assigned and some tables grant update on a few columns: these touch another column
insert into expected (tbl, op, allowed, update_col) values
  ('clients', 'update', '{owner,manager,staff,parent}', 'full_name'),
  ('memberships', 'update', '{owner,manager}', 'role'), ('bookings', 'update', '{owner,manager,staff,parent}', 'notes'),
  ('driver_positions', 'update', '{}', 'heading'), ('audit_log', 'update', '{}', 'reason'),
  ('opening_hours', 'update', '{owner,manager}', 'closes'), ('closures', 'update', '{owner,manager}', 'reason'),
  ('report_cards', 'update', '{owner,manager,staff}', 'note'),
  -- owners and managers keep the business profile (#9); business vaccine types by their name
  ('businesses', 'update', '{owner,manager}', 'name'), ('vaccine_types', 'update', '{owner,manager}', 'name'),
  -- outbound webhooks: managers only; new endpoints only through create_webhook_endpoint (it makes the secret)
  ('webhook_endpoints', 'update', '{owner,manager}', 'description');
insert into expected (tbl, op, allowed) values
  ('webhook_endpoints', 'select', '{owner,manager}'), ('webhook_endpoints', 'insert', '{}'),
  ('webhook_endpoints', 'delete', '{owner,manager}');
-- a browser's push subscription is its person's own (the world's is the parent's); nobody updates one
insert into expected (tbl, op, allowed) values
  ('push_subscriptions', 'select', '{parent}'), ('push_subscriptions', 'delete', '{parent}'),
  ('push_subscriptions', 'update', '{}'),
  -- anyone signed in may subscribe their own browser (the row is theirs by default); anon may not
  ('push_subscriptions', 'insert', '{owner,manager,staff,driver,parent,other_owner,stranger}');
-- medication schedules are the desk's: parents, drivers and other businesses neither read nor change them
insert into expected (tbl, op, allowed) values
  ('medication_schedules', 'select', '{owner,manager,staff}'), ('medication_schedules', 'insert', '{owner,manager,staff}'),
  ('medication_schedules', 'delete', '{owner,manager,staff}');
insert into expected (tbl, op, allowed, update_col) values ('medication_schedules', 'update', '{owner,manager,staff}', 'dose');

create temp table actors (actor text) on commit drop;
insert into actors values ('owner'), ('manager'), ('staff'), ('driver'), ('parent'), ('other_owner'), ('stranger'), ('anon');

select plan((select count(*)::int from expected, actors) + 1);

select is(
  (select count(distinct tbl)::int from expected),
  (select count(*)::int from tests.app_tables()),
  'the matrix covers every table in public'
);

select is(
  tests.matrix_outcome(a.actor, e.tbl, e.op, e.update_col),
  case when a.actor = any (e.allowed) then 'allowed' else 'refused' end,
  format('%s: %s %s is %s', e.tbl, a.actor, e.op, case when a.actor = any (e.allowed) then 'allowed' else 'refused' end)
)
from expected e cross join actors a
order by e.tbl, e.op, a.actor;

select * from finish();
rollback;
