-- PawCentral demo data (SPEC §6): two businesses, their people, pets, tags, vaccines, today's bookings,
-- transport and partners. Every login's password is `pawcentral-demo`. Dates are relative to today in
-- each business's time zone, so the fixed points below hold whenever the seed runs.
--
-- Fixed ids tests and docs may rely on:
--   businesses  happy-paws  11111111-1111-4111-8111-111111111111   (Europe/London)
--               bark-avenue 22222222-2222-4222-8222-222222222222   (America/New_York)
--   users       owner@happypaws.test   a0000000-0000-4000-8000-000000000001  owner of happy-paws
--               staff@happypaws.test   a0000000-0000-4000-8000-000000000002  staff of happy-paws
--               driver@happypaws.test  a0000000-0000-4000-8000-000000000003  driver of happy-paws
--               parent@happypaws.test  a0000000-0000-4000-8000-000000000004  client of happy-paws (Rex, Luna)
--               owner@barkavenue.test  b0000000-0000-4000-8000-000000000001  owner of bark-avenue
--               staff@barkavenue.test  b0000000-0000-4000-8000-000000000002  staff of bark-avenue
--   clients     Jordan Parker (parent@happypaws.test)  c1000000-0000-4000-8000-000000000001
--               Dana Reyes (no login, happy-paws)      c1000000-0000-4000-8000-000000000002
--               Sam Carter (no login, bark-avenue)     c2000000-0000-4000-8000-000000000001
--   pets        Rex     d1000000-0000-4000-8000-000000000001  tag 04:a1:b2:c3:d4:e5:01  daycare today, vaccines valid
--               Luna    d1000000-0000-4000-8000-000000000002  tag 04:a1:b2:c3:d4:e5:02  daycare today, rabies expired
--               Biscuit d1000000-0000-4000-8000-000000000003  tag 04:a1:b2:c3:d4:e5:03  boarding from today, 2 nights
--               Milo    d2000000-0000-4000-8000-000000000001  tag 04:a1:b2:c3:d4:e5:01  (bark-avenue) daycare today
--               Pepper  d2000000-0000-4000-8000-000000000002  tag qr-pepper-0001 (qr)   (bark-avenue cat)
--   services    happy-paws daycare e1000000-0000-4000-8000-000000000001, boarding …0002, grooming …0003, pet taxi …0004
--               bark-avenue daycare e2000000-0000-4000-8000-000000000001, grooming …0002
--   partners    Riverside Vet (happy-paws vet, webhook secret made at seed time)  0b100000-0000-4000-8000-000000000003
--   route       happy-paws today, driver@happypaws.test  f1000000-0000-4000-8000-000000000001

-- Logins, as GoTrue stores them (bcrypt cost 10), each with its e-mail identity.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token,
  email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
       extensions.crypt('pawcentral-demo', extensions.gen_salt('bf', 10)), now(),
       '{"provider":"email","providers":["email"]}', jsonb_build_object('full_name', u.full_name), now(), now(), '', '', '', ''
from (values
  ('a0000000-0000-4000-8000-000000000001'::uuid, 'owner@happypaws.test', 'Olivia Owner'),
  ('a0000000-0000-4000-8000-000000000002'::uuid, 'staff@happypaws.test', 'Sasha Staff'),
  ('a0000000-0000-4000-8000-000000000003'::uuid, 'driver@happypaws.test', 'Dev Driver'),
  ('a0000000-0000-4000-8000-000000000004'::uuid, 'parent@happypaws.test', 'Jordan Parker'),
  ('b0000000-0000-4000-8000-000000000001'::uuid, 'owner@barkavenue.test', 'Bea Barker'),
  ('b0000000-0000-4000-8000-000000000002'::uuid, 'staff@barkavenue.test', 'Ben Avenue')
) as u (id, email, full_name);

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id, jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true), 'email', now(), now(), now()
from auth.users u
where u.email in ('owner@happypaws.test', 'staff@happypaws.test', 'driver@happypaws.test', 'parent@happypaws.test',
                  'owner@barkavenue.test', 'staff@barkavenue.test');

insert into public.businesses (id, name, slug, timezone, settings) values
  ('11111111-1111-4111-8111-111111111111', 'Happy Paws Daycare', 'happy-paws', 'Europe/London', '{"currency": "GBP"}'),
  ('22222222-2222-4222-8222-222222222222', 'Bark Avenue', 'bark-avenue', 'America/New_York', '{"currency": "USD"}');

insert into public.memberships (business_id, user_id, role) values
  ('11111111-1111-4111-8111-111111111111', 'a0000000-0000-4000-8000-000000000001', 'owner'),
  ('11111111-1111-4111-8111-111111111111', 'a0000000-0000-4000-8000-000000000002', 'staff'),
  ('11111111-1111-4111-8111-111111111111', 'a0000000-0000-4000-8000-000000000003', 'driver'),
  ('22222222-2222-4222-8222-222222222222', 'b0000000-0000-4000-8000-000000000001', 'owner'),
  ('22222222-2222-4222-8222-222222222222', 'b0000000-0000-4000-8000-000000000002', 'staff');

insert into public.locations (id, business_id, name, address, geo, capacity, is_depot) values
  ('0a100000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'Happy Paws Islington',
   '12 Upper Street, London N1 0PQ', 'SRID=4326;POINT(-0.1031 51.5362)', '{"daycare": 20, "boarding": 10}', true),
  ('0a200000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', 'Bark Avenue Brooklyn',
   '210 Bedford Ave, Brooklyn, NY 11249', 'SRID=4326;POINT(-73.9573 40.7178)', '{"daycare": 15}', true);

-- Opening hours: the demo sites are open 00:00-24:00 every day, a deliberate deviation from SPEC §6's
-- Mon-Fri 07:00-19:00, Sat 08:00-14:00: many tests book and check in "now" at whatever hour they run (and
-- npm run test:clock runs them at 00:30 and 23:30), so real hours would refuse them at night. The rules are
-- proven by supabase/tests/hours/*.test.sql on sites of their own; set real hours on the
-- settings page (/b/<slug>/settings/locations) to try them.
insert into public.opening_hours (business_id, location_id, weekday, opens, closes)
select l.business_id, l.id, d, time '00:00', time '24:00'
from public.locations l cross join generate_series(1, 7) d
where l.id in ('0a100000-0000-4000-8000-000000000001', '0a200000-0000-4000-8000-000000000001');

insert into public.partners (id, business_id, kind, name, contact, api_base_url, credentials_ref) values
  ('0b100000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'vet', 'Green Valley Vets',
   '{"email": "records@greenvalley.test", "phone": "+44 20 7946 0000"}', 'https://fhir.greenvalley.test/r4', 'partner_green_valley'),
  ('0b100000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', 'food_brand', 'Waggle Foods',
   '{"email": "hello@waggle.test"}', null, null),
  ('0b200000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', 'vet', 'Riverside Animal Hospital',
   '{"email": "front@riverside.test", "phone": "+1 718 555 0100"}', 'https://fhir.riverside.test/r4', 'partner_riverside'),
  ('0b100000-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', 'vet', 'Riverside Vet',
   '{"email": "records@riversidevet.test", "phone": "+44 20 7946 0123"}', null, null);

-- Riverside Vet pushes signed webhooks to Happy Paws: one active secret, made afresh by every seed (never a
-- fixed one); `npm start` prints it with the webhook URL.
insert into public.partner_credentials (business_id, partner_id, secret)
values ('11111111-1111-4111-8111-111111111111', '0b100000-0000-4000-8000-000000000003',
        'whsec_' || encode(extensions.gen_random_bytes(32), 'base64'));

-- The global vaccine catalogue.
insert into public.vaccine_types (id, business_id, species, name, valid_days, required) values
  ('0c000000-0000-4000-8000-000000000001', null, 'dog', 'Rabies', 365, true),
  ('0c000000-0000-4000-8000-000000000002', null, 'dog', 'DHPP', 365, true),
  ('0c000000-0000-4000-8000-000000000003', null, 'dog', 'Bordetella', 180, false),
  ('0c000000-0000-4000-8000-000000000004', null, 'cat', 'Rabies', 365, true),
  ('0c000000-0000-4000-8000-000000000005', null, 'cat', 'FVRCP', 365, true);

insert into public.services (id, business_id, location_id, kind, name, duration_minutes, price_cents, daily_capacity, required_vaccine_type_ids) values
  ('e1000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', '0a100000-0000-4000-8000-000000000001', 'daycare', 'Full-day daycare', null, 3500, 20, '{0c000000-0000-4000-8000-000000000001,0c000000-0000-4000-8000-000000000002}'),
  ('e1000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', '0a100000-0000-4000-8000-000000000001', 'boarding', 'Overnight boarding', null, 5500, 10, '{0c000000-0000-4000-8000-000000000001,0c000000-0000-4000-8000-000000000002,0c000000-0000-4000-8000-000000000003}'),
  ('e1000000-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', '0a100000-0000-4000-8000-000000000001', 'grooming', 'Bath and tidy', 90, 4500, 8, '{}'),
  ('e1000000-0000-4000-8000-000000000004', '11111111-1111-4111-8111-111111111111', '0a100000-0000-4000-8000-000000000001', 'transport', 'Pet taxi', 60, 1200, 12, '{}'),
  ('e2000000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', '0a200000-0000-4000-8000-000000000001', 'daycare', 'Daycare', null, 4200, 15, '{0c000000-0000-4000-8000-000000000001}'),
  ('e2000000-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222', '0a200000-0000-4000-8000-000000000001', 'grooming', 'Full groom', 120, 8000, 6, '{}');

insert into public.clients (id, business_id, user_id, full_name, email, phone, address, geo, consent_marketing, consent_sms, consent_photos) values
  ('c1000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'a0000000-0000-4000-8000-000000000004',
   'Jordan Parker', 'parent@happypaws.test', '+44 7700 900001', '4 Canonbury Place, London N1 2NQ', 'SRID=4326;POINT(-0.0977 51.5440)', true, true, true),
  ('c1000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', null,
   'Dana Reyes', 'dana.reyes@example.test', '+44 7700 900002', '88 Essex Road, London N1 8LT', 'SRID=4326;POINT(-0.0960 51.5392)', false, true, false),
  ('c2000000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', null,
   'Sam Carter', 'sam.carter@example.test', '+1 718 555 0199', '55 N 6th St, Brooklyn, NY 11249', 'SRID=4326;POINT(-73.9600 40.7200)', false, false, true);

insert into public.pets (id, business_id, client_id, name, species, breed, sex, birth_date, weight_kg, microchip,
  feeding, medication, handling_notes, preferred_vet_id) values
  ('d1000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000001',
   'Rex', 'dog', 'Labrador Retriever', 'male', '2020-04-12', 31.5, '826098100000001',
   '2 cups dry food at noon', null, 'Friendly; pulls on the lead', '0b100000-0000-4000-8000-000000000001'),
  ('d1000000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000001',
   'Luna', 'dog', 'Border Collie', 'female', '2021-09-03', 18.2, '985112345678901',
   '1 cup dry food at noon', 'Joint supplement with lunch', 'Nervous around loud noises', '0b100000-0000-4000-8000-000000000001'),
  ('d1000000-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000002',
   'Biscuit', 'dog', 'Beagle', 'male', '2019-01-20', 12.0, '826098100000003',
   'Own food provided, twice daily', null, 'Escape artist: double-check gates', null),
  ('d2000000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', 'c2000000-0000-4000-8000-000000000001',
   'Milo', 'dog', 'French Bulldog', 'male', '2022-02-14', 11.4, '985112000000001',
   'Grain-free kibble', null, 'Overheats easily: shade and water', '0b200000-0000-4000-8000-000000000001'),
  ('d2000000-0000-4000-8000-000000000002', '22222222-2222-4222-8222-222222222222', 'c2000000-0000-4000-8000-000000000001',
   'Pepper', 'cat', 'Domestic Shorthair', 'female', '2018-06-30', 4.1, '985112000000002',
   'Wet food morning and evening', null, 'Hides when stressed', null);

insert into public.pet_tags (business_id, pet_id, uid, kind) values
  ('11111111-1111-4111-8111-111111111111', 'd1000000-0000-4000-8000-000000000001', '04:a1:b2:c3:d4:e5:01', 'nfc'),
  ('11111111-1111-4111-8111-111111111111', 'd1000000-0000-4000-8000-000000000002', '04:a1:b2:c3:d4:e5:02', 'nfc'),
  ('11111111-1111-4111-8111-111111111111', 'd1000000-0000-4000-8000-000000000003', '04:a1:b2:c3:d4:e5:03', 'nfc'),
  ('22222222-2222-4222-8222-222222222222', 'd2000000-0000-4000-8000-000000000001', '04:a1:b2:c3:d4:e5:01', 'nfc'),
  ('22222222-2222-4222-8222-222222222222', 'd2000000-0000-4000-8000-000000000002', 'qr-pepper-0001', 'qr');

-- Vaccinations, relative to each business's today: Luna's rabies expired five weeks ago.
insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, partner_id, batch, source, verified_at)
select p.business_id, p.id, v.vaccine_type_id, t.today + v.given_offset, t.today + v.expires_offset, v.partner_id::uuid, v.batch,
       'partner', now()
from (values
  ('d1000000-0000-4000-8000-000000000001'::uuid, '0c000000-0000-4000-8000-000000000001'::uuid, -100, 265, '0b100000-0000-4000-8000-000000000001', 'RB-2291'),
  ('d1000000-0000-4000-8000-000000000001'::uuid, '0c000000-0000-4000-8000-000000000002'::uuid, -60, 305, '0b100000-0000-4000-8000-000000000001', 'DH-1180'),
  ('d1000000-0000-4000-8000-000000000001'::uuid, '0c000000-0000-4000-8000-000000000003'::uuid, -30, 150, '0b100000-0000-4000-8000-000000000001', 'BO-0412'),
  ('d1000000-0000-4000-8000-000000000002'::uuid, '0c000000-0000-4000-8000-000000000001'::uuid, -400, -35, '0b100000-0000-4000-8000-000000000001', 'RB-1007'),
  ('d1000000-0000-4000-8000-000000000002'::uuid, '0c000000-0000-4000-8000-000000000002'::uuid, -90, 275, '0b100000-0000-4000-8000-000000000001', 'DH-1201'),
  ('d1000000-0000-4000-8000-000000000003'::uuid, '0c000000-0000-4000-8000-000000000001'::uuid, -200, 165, null, 'RB-3300'),
  ('d1000000-0000-4000-8000-000000000003'::uuid, '0c000000-0000-4000-8000-000000000002'::uuid, -200, 165, null, 'DH-3301'),
  ('d1000000-0000-4000-8000-000000000003'::uuid, '0c000000-0000-4000-8000-000000000003'::uuid, -20, 160, null, 'BO-3302'),
  ('d2000000-0000-4000-8000-000000000001'::uuid, '0c000000-0000-4000-8000-000000000001'::uuid, -50, 315, '0b200000-0000-4000-8000-000000000001', 'RB-NY-77'),
  ('d2000000-0000-4000-8000-000000000001'::uuid, '0c000000-0000-4000-8000-000000000002'::uuid, -50, 315, '0b200000-0000-4000-8000-000000000001', 'DH-NY-78'),
  ('d2000000-0000-4000-8000-000000000002'::uuid, '0c000000-0000-4000-8000-000000000004'::uuid, -500, -135, null, 'RC-NY-12')
) as v (pet_id, vaccine_type_id, given_offset, expires_offset, partner_id, batch)
join public.pets p on p.id = v.pet_id
cross join lateral (select (now() at time zone b.timezone)::date as today from public.businesses b where b.id = p.business_id) t;

insert into public.medical_records (business_id, pet_id, kind, title, occurred_on, partner_id, notes)
select p.business_id, p.id, m.kind::public.medical_record_kind, m.title, (now() at time zone b.timezone)::date + m.offset_days, m.partner_id::uuid, m.notes
from (values
  ('d1000000-0000-4000-8000-000000000002'::uuid, 'allergy', 'Chicken allergy', -300, '0b100000-0000-4000-8000-000000000001', 'No chicken treats.'),
  ('d1000000-0000-4000-8000-000000000001'::uuid, 'checkup', 'Annual checkup', -100, '0b100000-0000-4000-8000-000000000001', 'Healthy.')
) as m (pet_id, kind, title, offset_days, partner_id, notes)
join public.pets p on p.id = m.pet_id join public.businesses b on b.id = p.business_id;

-- Today's bookings (times are local to each business).
insert into public.bookings (id, business_id, service_id, pet_id, client_id, starts_at, ends_at, status, notes, lodging)
select x.id, p.business_id, x.service_id, p.id, p.client_id,
       ((now() at time zone b.timezone)::date + x.start_local) at time zone b.timezone,
       ((now() at time zone b.timezone)::date + x.days + x.end_local) at time zone b.timezone,
       x.status::public.booking_status, x.notes, x.lodging
from (values
  ('0d100000-0000-4000-8000-000000000001'::uuid, 'd1000000-0000-4000-8000-000000000001'::uuid, 'e1000000-0000-4000-8000-000000000001'::uuid, time '08:00', 0, time '18:00', 'confirmed', null, null),
  ('0d100000-0000-4000-8000-000000000002'::uuid, 'd1000000-0000-4000-8000-000000000002'::uuid, 'e1000000-0000-4000-8000-000000000001'::uuid, time '08:00', 0, time '18:00', 'confirmed', null, null),
  ('0d100000-0000-4000-8000-000000000003'::uuid, 'd1000000-0000-4000-8000-000000000003'::uuid, 'e1000000-0000-4000-8000-000000000002'::uuid, time '09:00', 2, time '11:00', 'requested', 'Owner travelling', 'Kennel 3'),
  ('0d200000-0000-4000-8000-000000000001'::uuid, 'd2000000-0000-4000-8000-000000000001'::uuid, 'e2000000-0000-4000-8000-000000000001'::uuid, time '08:30', 0, time '17:30', 'confirmed', null, null)
) as x (id, pet_id, service_id, start_local, days, end_local, status, notes, lodging)
join public.pets p on p.id = x.pet_id join public.businesses b on b.id = p.business_id;

-- Rex and Biscuit ride the pet taxi this morning; Rex goes home in the evening.
insert into public.transport_requests (id, business_id, booking_id, pet_id, kind, address, geo, window_start, window_end, status)
select t.id, bk.business_id, bk.id, bk.pet_id, t.kind::public.transport_kind, c.address, c.geo,
       ((now() at time zone b.timezone)::date + t.from_local) at time zone b.timezone,
       ((now() at time zone b.timezone)::date + t.to_local) at time zone b.timezone, 'scheduled'
from (values
  ('0e100000-0000-4000-8000-000000000001'::uuid, '0d100000-0000-4000-8000-000000000001'::uuid, 'pickup', time '07:15', time '07:50'),
  ('0e100000-0000-4000-8000-000000000002'::uuid, '0d100000-0000-4000-8000-000000000003'::uuid, 'pickup', time '08:00', time '08:45'),
  ('0e100000-0000-4000-8000-000000000003'::uuid, '0d100000-0000-4000-8000-000000000001'::uuid, 'dropoff', time '18:00', time '18:45')
) as t (id, booking_id, kind, from_local, to_local)
join public.bookings bk on bk.id = t.booking_id join public.clients c on c.id = bk.client_id
join public.businesses b on b.id = bk.business_id;

insert into public.transport_requests (id, business_id, booking_id, pet_id, kind, address, geo, window_start, window_end, status)
select '0e200000-0000-4000-8000-000000000001', bk.business_id, bk.id, bk.pet_id, 'pickup', c.address, c.geo,
       ((now() at time zone b.timezone)::date + time '07:30') at time zone b.timezone,
       ((now() at time zone b.timezone)::date + time '08:15') at time zone b.timezone, 'requested'
from public.bookings bk join public.clients c on c.id = bk.client_id join public.businesses b on b.id = bk.business_id
where bk.id = '0d200000-0000-4000-8000-000000000001';

insert into public.routes (id, business_id, service_date, driver_id, depot_location_id, vehicle_capacity, status)
select 'f1000000-0000-4000-8000-000000000001', b.id, (now() at time zone b.timezone)::date,
       'a0000000-0000-4000-8000-000000000003', '0a100000-0000-4000-8000-000000000001', 6, 'planned'
from public.businesses b where b.id = '11111111-1111-4111-8111-111111111111';

insert into public.route_stops (route_id, business_id, transport_request_id, seq, planned_eta)
select 'f1000000-0000-4000-8000-000000000001', t.business_id, t.id, s.seq, t.window_start + interval '10 minutes'
from (values ('0e100000-0000-4000-8000-000000000001'::uuid, 1), ('0e100000-0000-4000-8000-000000000002'::uuid, 2)) as s (id, seq)
join public.transport_requests t on t.id = s.id;

-- its legs, distance and duration as a plan under the business's travel model (private.taxi_travel_model: the straight
-- line × road factor at an average speed, private.taxi_service_seconds at each stop) would give them, so dispatch shows
-- the demo route's figures like any planned one
with leg as (
  select rs.id, t.geo as at, coalesce(lag(t.geo) over (order by rs.seq), l.geo) as from_geo, l.geo as depot,
         row_number() over (order by rs.seq desc) = 1 as last, m.road_factor, m.speed_kmh
  from public.route_stops rs
  join public.transport_requests t on t.id = rs.transport_request_id
  join public.routes r on r.id = rs.route_id
  join public.locations l on l.id = r.depot_location_id
  cross join lateral private.taxi_travel_model(r.business_id) m
  where rs.route_id = 'f1000000-0000-4000-8000-000000000001'
), timed as (
  update public.route_stops rs set leg_seconds = round(private.taxi_travel_seconds(leg.from_geo, leg.at, leg.road_factor, leg.speed_kmh))
  from leg where leg.id = rs.id
  returning rs.id
)
update public.routes r set
  distance_m = (select round(sum(road_factor * (extensions.st_distance(from_geo, at)
                  + case when last then extensions.st_distance(at, depot) else 0 end))) from leg),
  duration_s = (select round(sum(private.taxi_travel_seconds(from_geo, at, road_factor, speed_kmh) + private.taxi_service_seconds()
                  + case when last then private.taxi_travel_seconds(at, depot, road_factor, speed_kmh) else 0 end)) from leg),
  optimised_at = now()
where r.id = 'f1000000-0000-4000-8000-000000000001' and exists (select 1 from timed);

-- Portal: Happy Paws takes daycare and boarding requests online; Bark Avenue its daycare.
update public.services set bookable_online = true
where id in ('e1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000002', 'e2000000-0000-4000-8000-000000000001');
-- The pet taxi's demo morning: Happy Paws runs two vans from its Islington site; five more families around
-- north London want a pickup today (their pets ride without a daycare booking in the demo), and Luna rides
-- with Rex. With Rex and Biscuit that is eight pickups to plan.
insert into public.vehicles (id, business_id, name, seats, depot_geo, active, default_driver_id) values
  ('0f100000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', 'Blue van', 6,
   'SRID=4326;POINT(-0.1031 51.5362)', true, 'a0000000-0000-4000-8000-000000000003'),
  ('0f100000-0000-4000-8000-000000000002', '11111111-1111-4111-8111-111111111111', 'Green van', 4,
   'SRID=4326;POINT(-0.1031 51.5362)', true, null),
  ('0f200000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', 'Brooklyn van', 5,
   'SRID=4326;POINT(-73.9573 40.7178)', true, null);

insert into public.clients (id, business_id, full_name, email, phone, address, geo, consent_sms) values
  ('c1000000-0000-4000-8000-000000000003', '11111111-1111-4111-8111-111111111111', 'Priya Shah', 'priya.shah@example.test',
   '+44 7700 900003', '21 Highbury Grove, London N5 2EA', 'SRID=4326;POINT(-0.0990 51.5520)', true),
  ('c1000000-0000-4000-8000-000000000004', '11111111-1111-4111-8111-111111111111', 'Tom Okafor', 'tom.okafor@example.test',
   '+44 7700 900004', '30 Camden Road, London NW1 9DP', 'SRID=4326;POINT(-0.1380 51.5410)', true),
  ('c1000000-0000-4000-8000-000000000005', '11111111-1111-4111-8111-111111111111', 'Hannah Muller', 'hannah.muller@example.test',
   '+44 7700 900005', '110 Stoke Newington Church Street, London N16 0JX', 'SRID=4326;POINT(-0.0790 51.5620)', true),
  ('c1000000-0000-4000-8000-000000000006', '11111111-1111-4111-8111-111111111111', 'Leo Brooks', 'leo.brooks@example.test',
   '+44 7700 900006', '15 Mare Street, London E8 4RP', 'SRID=4326;POINT(-0.0560 51.5390)', true),
  ('c1000000-0000-4000-8000-000000000007', '11111111-1111-4111-8111-111111111111', 'Aisha Khan', 'aisha.khan@example.test',
   '+44 7700 900007', '200 York Way, London N7 9AP', 'SRID=4326;POINT(-0.1210 51.5450)', true);

insert into public.pets (id, business_id, client_id, name, species, breed, handling_notes) values
  ('d1000000-0000-4000-8000-000000000004', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000003',
   'Pip', 'dog', 'Jack Russell Terrier', 'Barks at the van door; treats help'),
  ('d1000000-0000-4000-8000-000000000005', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000004',
   'Bella', 'dog', 'Cockapoo', null),
  ('d1000000-0000-4000-8000-000000000006', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000005',
   'Ziggy', 'dog', 'Whippet', 'Wears a coat in the van'),
  ('d1000000-0000-4000-8000-000000000007', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000006',
   'Nala', 'dog', 'Staffordshire Bull Terrier', 'Keep apart from other females'),
  ('d1000000-0000-4000-8000-000000000008', '11111111-1111-4111-8111-111111111111', 'c1000000-0000-4000-8000-000000000007',
   'Otis', 'dog', 'Dachshund', 'Lift him in: no jumping');

insert into public.transport_requests (id, business_id, booking_id, pet_id, kind, address, geo, window_start, window_end, notes, status)
select t.id, p.business_id, t.booking_id, p.id, 'pickup', c.address, c.geo,
       ((now() at time zone b.timezone)::date + t.from_local) at time zone b.timezone,
       ((now() at time zone b.timezone)::date + t.to_local) at time zone b.timezone, t.notes, 'requested'
from (values
  ('0e100000-0000-4000-8000-000000000004'::uuid, 'd1000000-0000-4000-8000-000000000002'::uuid, '0d100000-0000-4000-8000-000000000002'::uuid, time '07:15', time '07:50', 'Rides with Rex'),
  ('0e100000-0000-4000-8000-000000000005'::uuid, 'd1000000-0000-4000-8000-000000000004'::uuid, null, time '07:30', time '08:30', null),
  ('0e100000-0000-4000-8000-000000000006'::uuid, 'd1000000-0000-4000-8000-000000000005'::uuid, null, time '07:30', time '08:30', 'Ring the top bell'),
  ('0e100000-0000-4000-8000-000000000007'::uuid, 'd1000000-0000-4000-8000-000000000006'::uuid, null, time '07:45', time '08:45', null),
  ('0e100000-0000-4000-8000-000000000008'::uuid, 'd1000000-0000-4000-8000-000000000007'::uuid, null, time '07:00', time '08:00', null),
  ('0e100000-0000-4000-8000-000000000009'::uuid, 'd1000000-0000-4000-8000-000000000008'::uuid, null, time '08:00', time '09:00', 'Side gate')
) as t (id, pet_id, booking_id, from_local, to_local, notes)
join public.pets p on p.id = t.pet_id join public.clients c on c.id = p.client_id join public.businesses b on b.id = p.business_id;
