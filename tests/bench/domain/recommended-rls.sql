-- APPLIED: this rewrite landed as supabase/migrations/20261122040000_rls_index_friendly.sql; kept as the record of what the bench found.
-- Proposed by the domain bench (not applied by it): the read policies written as
-- `a in (select private.f()) or b in (select private.g())` cannot use an index. Postgres turns each arm
-- into a hashed subplan that is checked row by row, so a staff member's search or roster reads the whole
-- table (1.5 M clients, 6 M bookings at seed scale) and filters it. Written as
-- `a = any (array(select private.f()))`, each arm becomes an init plan whose array is an index
-- condition, and the OR becomes a BitmapOr of two index scans: only the caller's own rows are read.
-- Meaning is unchanged: the same helper functions, called once per statement.

alter policy "staff read clients; parents read themselves" on public.clients
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_client_ids())));

alter policy "staff read pets; parents read theirs" on public.pets
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));

alter policy "staff read bookings; parents read theirs" on public.bookings
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));

alter policy "staff read vaccinations; parents read their pets'" on public.vaccinations
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));

alter policy "staff read scans; parents read their pets'" on public.tag_scans
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));

alter policy "members and clients read services" on public.services
  using (business_id = any (array(select private.my_business_ids())) or business_id = any (array(select private.my_client_business_ids())));

-- The same rewrite applies to the update policies of clients, pets and bookings (both using and with
-- check), medical_records, medication_logs, incidents, the transport tables and notifications.
