-- Why: `a in (select f()) or b in (select g())` is checked row by row over the whole table; `= any (array(...))` lets each arm be an index scan (BENCHMARKS.md "Domain at seed scale").
-- Each policy keeps its name, role, command and meaning: the same helpers, evaluated once per statement
-- as an init plan whose array becomes an index condition, so an OR of arms is a BitmapOr of index scans.
-- Null and empty sets behave as before: `x = any ('{}')` is false, a null x matches nothing.
-- Out of scope here: policies with a single `in (select …)` arm (same filter-per-row shape; they matter
-- where a read has no other indexed condition, e.g. a whole pet_tags or audit_log list) and storage.objects'
-- policies (their arms are functions of the object name, which no index serves either way).

-- tenancy
alter policy "members and clients read the business" on public.businesses
  using (id = any (array(select private.my_business_ids())) or id = any (array(select private.my_client_business_ids())));

alter policy "members read memberships of their businesses" on public.memberships
  using (business_id = any (array(select private.my_business_ids())) or user_id = (select auth.uid()));
alter policy "managers remove members and members leave" on public.memberships
  using (business_id = any (array(select private.manager_business_ids())) or user_id = (select auth.uid()));

-- clients and pets
alter policy "staff read clients; parents read themselves" on public.clients
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_client_ids())));
alter policy "staff edit clients; parents edit themselves" on public.clients
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_client_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_client_ids())));

alter policy "staff read pets; parents read theirs" on public.pets
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
alter policy "staff add pets; parents add theirs" on public.pets
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
alter policy "staff edit pets; parents edit theirs" on public.pets
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));

-- health
alter policy "all read global vaccines; members and clients their business's" on public.vaccine_types
  using (business_id is null or business_id = any (array(select private.my_business_ids()))
    or business_id = any (array(select private.my_client_business_ids())));

alter policy "staff read vaccinations; parents read their pets'" on public.vaccinations
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));
alter policy "staff record vaccinations; parents submit theirs for review" on public.vaccinations
  with check (business_id = any (array(select private.staff_business_ids()))
    or (pet_id = any (array(select private.my_pet_ids())) and source = 'parent' and verified_by is null and verified_at is null
        and rejected_by is null and rejected_at is null));

alter policy "staff read medical records; parents read their pets'" on public.medical_records
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));

-- services and bookings
alter policy "members and clients read services" on public.services
  using (business_id = any (array(select private.my_business_ids())) or business_id = any (array(select private.my_client_business_ids())));

alter policy "staff read bookings; parents read theirs" on public.bookings
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
alter policy "staff add bookings; parents book for their pets" on public.bookings
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));
alter policy "staff edit bookings; parents edit theirs" on public.bookings
  using (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or client_id = any (array(select private.my_client_ids())));

-- care logs
alter policy "staff read doses; parents read their pets'" on public.medication_logs
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));
alter policy "staff read incidents; parents read their pets'" on public.incidents
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));

-- tags
alter policy "staff read scans; parents read their pets'" on public.tag_scans
  using (business_id = any (array(select private.staff_business_ids())) or pet_id = any (array(select private.my_pet_ids())));

-- transport
alter policy "staff read trips; drivers theirs; parents their pets'" on public.transport_requests
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_driven_request_ids()))
    or pet_id = any (array(select private.my_pet_ids())));
alter policy "staff add trips; parents request for their pets" on public.transport_requests
  with check (business_id = any (array(select private.staff_business_ids()))
    or (pet_id = any (array(select private.my_pet_ids())) and status = 'requested'));

alter policy "staff read routes; drivers and parents theirs" on public.routes
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_route_ids()))
    or id = any (array(select private.my_pets_route_ids())));
alter policy "staff edit routes; drivers progress theirs" on public.routes
  using (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_route_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or id = any (array(select private.my_route_ids())));

alter policy "staff read stops; drivers theirs; parents their pets' stop" on public.route_stops
  using (business_id = any (array(select private.staff_business_ids())) or route_id = any (array(select private.my_route_ids()))
    or transport_request_id = any (array(
      select t.id from public.transport_requests t where t.pet_id = any (array(select private.my_pet_ids())))));
alter policy "staff edit stops; drivers mark theirs" on public.route_stops
  using (business_id = any (array(select private.staff_business_ids())) or route_id = any (array(select private.my_route_ids())))
  with check (business_id = any (array(select private.staff_business_ids())) or route_id = any (array(select private.my_route_ids())));

alter policy "staff, the driver and waiting parents read positions" on public.driver_positions
  using (business_id = any (array(select private.staff_business_ids())) or route_id = any (array(select private.my_route_ids()))
    or route_id = any (array(select private.my_pets_route_ids())));

-- notifications
alter policy "recipients and managers read notifications" on public.notifications
  using (recipient_user_id = (select auth.uid()) or recipient_client_id = any (array(select private.my_client_ids()))
    or business_id = any (array(select private.manager_business_ids())));
alter policy "recipients mark notifications read" on public.notifications
  using (recipient_user_id = (select auth.uid()) or recipient_client_id = any (array(select private.my_client_ids())))
  with check (recipient_user_id = (select auth.uid()) or recipient_client_id = any (array(select private.my_client_ids())));
