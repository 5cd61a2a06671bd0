// SQL of the domain generator. Every id is computed from a table code and a row number (bench_domain.id),
// so child rows find their parents by arithmetic instead of joins, and each table is one
// `insert … select from generate_series`. Ids are sequential per table: index inserts append, which keeps
// a 20-million-row load feasible on two cores; lookups by id cost the same as with random uuids.

/** Table codes: the second byte of every generated uuid (be<code>0000-…). */
export const CODE = {
  business: 1,
  location: 2,
  user: 3,
  membership: 4,
  client: 5,
  pet: 6,
  tag: 7,
  service: 8,
  booking: 9,
  scanIn: 0x0a,
  scanOut: 0x0b,
  scanKeyIn: 0x0c,
  scanKeyOut: 0x0d,
  vaccination: 0x0e,
} as const;

/** The generated business whose staff the measurements sign in as: the median by size. */
export const midBusiness = (businesses: number): number => Math.max(1, Math.round(businesses / 2));

/** Helpers the inserts share; `bench_domain` (not `bench`: tests/bench/rest.ts drops that schema). */
export const HELPERS = `
create schema if not exists bench_domain;
comment on schema bench_domain is 'Bookkeeping of the domain bench generator (tests/bench/domain); not exposed.';
create table if not exists bench_domain.generated (scale numeric primary key, at timestamptz not null default now(),
  seconds numeric, counts jsonb);
comment on table bench_domain.generated is 'Marker: the domain data of this scale is complete, so a re-run skips generation.';
create table if not exists bench_domain.dropped_indexes (name text primary key, def text not null);
comment on table bench_domain.dropped_indexes is 'Secondary indexes dropped for the bulk load; recreated from here, also after a crash.';

create or replace function bench_domain.id(t int, n bigint) returns uuid
language sql immutable parallel safe as $$
  -- 'be', the table code, then bits mixed from n where random uuids have theirs, and n itself at the end. The leading
  -- bytes must vary as gen_random_uuid()'s do: btree_gist reads a uuid's first 8 bytes as a double, so ids that
  -- shared them (an earlier 'be060000-0000-4000-…' form) looked equal to GiST and made every probe of
  -- bookings_no_double_booking scan the whole index (adding it on 6 M bookings ran for hours).
  select (format('be%s%s-%s-4%s-8000-%s', lpad(to_hex(t), 2, '0'), substr(m, 1, 4), substr(m, 5, 4), substr(m, 9, 3),
                 lpad(to_hex(n), 12, '0')))::uuid
  from (select md5(n::text) as m) x
$$;
comment on function bench_domain.id(int, bigint) is 'The uuid of row n of the table with code t (leading bytes mixed from n, as random uuids).';

create or replace function bench_domain.num(u uuid) returns bigint
language sql immutable parallel safe as $$
  select ('x' || lpad(right(u::text, 12), 16, '0'))::bit(64)::bigint
$$;
comment on function bench_domain.num(uuid) is 'The row number inside a generated uuid.';

create or replace function bench_domain.retag(u uuid, t int) returns uuid
language sql immutable parallel safe as $$
  select overlay(u::text placing lpad(to_hex(t), 2, '0') from 3 for 2)::uuid
$$;
comment on function bench_domain.retag(uuid, int) is 'The same row number under another table code (pet -> its tag, booking -> its scans).';

create or replace function bench_domain.h(n bigint, salt int) returns int
language sql immutable parallel safe as $$ select abs(hashint8(n * 7919 + salt)) $$;
comment on function bench_domain.h(bigint, int) is 'A cheap deterministic hash for picking from word lists and distributions.';

-- Business sizes are skewed: client c belongs to business 1 + floor(B * ((c-1)/C)^2), so the first
-- businesses are chains (business 1 has ~3% of all clients) and the median one has ~0.07%.
create or replace function bench_domain.biz(c bigint, clients bigint, businesses int) returns int
language sql immutable parallel safe as $$
  select least(businesses, 1 + floor(businesses * power((c - 1)::float8 / clients, 2))::int)
$$;
comment on function bench_domain.biz(bigint, bigint, int) is 'The business of client c (skewed sizes).';

create or replace function bench_domain.npets(c bigint) returns int
language sql immutable parallel safe as $$ select 1 + bench_domain.h(c, 11) % 3 $$;
comment on function bench_domain.npets(bigint) is 'How many pets client c has (1 to 3, two on average).';

create or replace function bench_domain.species(p bigint) returns text
language sql immutable parallel safe as $$
  select case when bench_domain.h(p, 3) % 100 < 70 then 'dog' when bench_domain.h(p, 3) % 100 < 95 then 'cat' else 'rabbit' end
$$;
comment on function bench_domain.species(bigint) is 'Species of pet p: 70% dogs, 25% cats, 5% rabbits.';

create or replace function bench_domain.tz(b bigint) returns text
language sql immutable parallel safe as $$
  select (array['Europe/London', 'America/New_York', 'Europe/Berlin', 'America/Los_Angeles', 'Australia/Sydney', 'UTC'])[1 + b % 6]
$$;
comment on function bench_domain.tz(bigint) is 'Time zone of business b.';

create or replace function bench_domain.pick(words text[], n int) returns text
language sql immutable parallel safe as $$ select words[1 + n % cardinality(words)] $$;
comment on function bench_domain.pick(text[], int) is 'One word of a list.';
`;

const FIRST = `array['Olivia','Liam','Emma','Noah','Ava','Oliver','Sophia','Elijah','Isabella','James','Mia','William','Amelia','Lucas','Harper','Mason','Evelyn','Ethan','Abigail','Logan','Emily','Jacob','Ella','Jack','Chloe','Leo','Grace','Henry','Zoe','Owen','Nora','Daniel','Lily','Samuel','Hannah','Ryan','Aria','Adam','Sara','Hugo']`;
const LAST = `array['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Martinez','Lopez','Wilson','Anderson','Taylor','Thomas','Moore','Jackson','Martin','Lee','Thompson','White','Harris','Clark','Lewis','Robinson','Walker','Young','Allen','King','Wright','Scott','Green','Baker','Adams','Nelson','Hill','Campbell','Mitchell','Roberts','Carter','Phillips']`;
const PET = `array['Rex','Luna','Max','Bella','Charlie','Daisy','Milo','Coco','Buddy','Lola','Rocky','Ruby','Bailey','Molly','Toby','Rosie','Teddy','Lucy','Oscar','Bonnie','Jack','Nala','Loki','Maple','Ziggy','Pepper','Biscuit','Hazel','Winston','Olive','Murphy','Willow','Finn','Poppy','Archie','Honey','Bruno','Skye','Duke','Mochi','Simba','Cleo','Leo','Kiki','Otis','Ginger','Bear','Juno','Scout','Pixel']`;
const DOG = `array['Labrador','Golden Retriever','Beagle','Poodle','Border Collie','Dachshund','Boxer','Spaniel','Terrier','Husky','Mixed']`;
const CAT = `array['Domestic Shorthair','Siamese','Maine Coon','Persian','Bengal','Ragdoll','Mixed']`;

export interface Sizes {
  businesses: number;
  clients: number;
  bookings: number;
}

export function sizes(scale: number): Sizes {
  return {
    businesses: Math.max(2, Math.round(1000 * scale)),
    clients: Math.max(20, Math.round(1_500_000 * scale)),
    bookings: Math.max(40, Math.round(6_000_000 * scale)),
  };
}

/** One bulk insert per table, in dependency order. */
export function inserts(s: Sizes): { table: string; sql: string }[] {
  const { businesses: B, clients: C, bookings: N } = s;
  // pets are generated per client: pet number p = c * 4 + k, k < npets(c)
  const pets = `generate_series(1, ${C}) c cross join lateral generate_series(0, bench_domain.npets(c) - 1) k`;
  const biz = (c: string) => `bench_domain.biz(${c}, ${C}, ${B})`;
  return [
    {
      table: 'businesses',
      sql: `
insert into public.businesses (id, name, slug, timezone, settings, created_at, updated_at)
select bench_domain.id(1, b),
       bench_domain.pick(array['Happy','Wagging','Golden','Lucky','Sunny','Cozy','Muddy','Fluffy','Brave','Jolly'], bench_domain.h(b, 1))
         || ' ' || bench_domain.pick(array['Paws','Tails','Kennels','Daycare','Pet Hotel','Dog Club','Grooming','Pet Spa'], bench_domain.h(b, 2)) || ' ' || b,
       'bench-' || b, bench_domain.tz(b), '{}', now() - interval '3 years', now()
from generate_series(1, ${B}) b`,
    },
    {
      table: 'locations',
      sql: `
insert into public.locations (id, business_id, name, address, geo, capacity, is_depot)
select bench_domain.id(2, b * 4 + k), bench_domain.id(1, b), case when k = 0 then 'Main site' else 'Site ' || (k + 1) end,
       (10 + b) || ' ' || bench_domain.pick(array['High St','Station Rd','Park Ave','Mill Ln','Church St'], b + k),
       extensions.st_setsrid(extensions.st_makepoint(-0.5 + (bench_domain.h(b * 4 + k, 5) % 1000) / 1000.0, 51 + (bench_domain.h(b * 4 + k, 6) % 1000) / 1000.0), 4326)::extensions.geography,
       jsonb_build_object('daycare', 40 + 10 * k, 'boarding', 20), k = 0
from generate_series(1, ${B}) b cross join lateral generate_series(0, b % 3) k`,
    },
    {
      table: 'services',
      sql: `
insert into public.services (id, business_id, location_id, kind, name, duration_minutes, price_cents, daily_capacity)
select bench_domain.id(8, b * 8 + k), bench_domain.id(1, b), bench_domain.id(2, b * 4), v.kind::public.service_kind, v.name, v.minutes, v.price, v.cap
from generate_series(1, ${B}) b
cross join (values (0, 'daycare', 'Day care', null, 3500, 10000), (1, 'boarding', 'Overnight boarding', null, 5500, 10000),
                   (2, 'grooming', 'Full groom', 90, 6000, null), (3, 'training', 'Puppy class', 60, 2500, null),
                   (4, 'transport', 'Pet taxi', 30, 1500, null)) v(k, kind, name, minutes, price, cap)`,
    },
    {
      table: 'auth.users',
      sql: `
with pw as (select extensions.crypt('pawcentral-bench', extensions.gen_salt('bf', 10)) as hash)  -- hashed once, shared
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
  raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
select '00000000-0000-0000-0000-000000000000', bench_domain.id(3, b * 8 + k), 'authenticated', 'authenticated',
       (case k when 0 then 'owner' when 1 then 'manager' when 2 then 'driver' else 'staff' || (k - 2) end) || '@bench-' || b || '.test',
       pw.hash, now(), '{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', ''
from pw, generate_series(1, ${B}) b cross join lateral generate_series(0, 3 + b % 3) k`,
    },
    {
      table: 'memberships',
      sql: `
insert into public.memberships (id, business_id, user_id, role)
select bench_domain.id(4, b * 8 + k), bench_domain.id(1, b), bench_domain.id(3, b * 8 + k),
       (case k when 0 then 'owner' when 1 then 'manager' when 2 then 'driver' else 'staff' end)::public.member_role
from generate_series(1, ${B}) b cross join lateral generate_series(0, 3 + b % 3) k`,
    },
    {
      table: 'clients',
      sql: `
insert into public.clients (id, business_id, full_name, email, phone, address, consent_marketing, consent_sms, consent_photos)
select bench_domain.id(5, c), bench_domain.id(1, ${biz('c')}), f || ' ' || l,
       lower(f || '.' || l || '.' || c || '@example.test'),
       '+1 555 ' || lpad(c::text, 8, '0'),
       (1 + bench_domain.h(c, 9) % 300) || ' ' || bench_domain.pick(array['Oak St','Elm St','Maple Ave','Cedar Rd','Pine Ln','Birch Way'], bench_domain.h(c, 10)),
       bench_domain.h(c, 12) % 3 = 0, bench_domain.h(c, 13) % 2 = 0, bench_domain.h(c, 14) % 4 <> 0
from generate_series(1, ${C}) c,
     lateral (select bench_domain.pick(${FIRST}, bench_domain.h(c, 7)) as f, bench_domain.pick(${LAST}, bench_domain.h(c, 8)) as l) n`,
    },
    {
      table: 'pets',
      sql: `
insert into public.pets (id, business_id, client_id, name, species, breed, sex, birth_date, weight_kg, microchip, feeding, medication, handling_notes)
select bench_domain.id(6, p), bench_domain.id(1, ${biz('c')}), bench_domain.id(5, c),
       bench_domain.pick(${PET}, bench_domain.h(p, 15)), sp,
       case sp when 'dog' then bench_domain.pick(${DOG}, bench_domain.h(p, 16)) when 'cat' then bench_domain.pick(${CAT}, bench_domain.h(p, 16)) end,
       case bench_domain.h(p, 17) % 2 when 0 then 'male' else 'female' end,
       date '2010-01-01' + bench_domain.h(p, 18) % 5400,
       case sp when 'dog' then 4 + bench_domain.h(p, 19) % 40 when 'cat' then 3 + bench_domain.h(p, 19) % 5 else 1 + bench_domain.h(p, 19) % 3 end,
       case when bench_domain.h(p, 20) % 10 <> 0 then '985' || lpad(p::text, 12, '0') end,
       bench_domain.pick(array['Twice a day, own food','Dry food at noon','Grain-free only','Wet food morning and evening', null], bench_domain.h(p, 21)),
       case when bench_domain.h(p, 22) % 10 = 0 then 'Half a tablet at lunch' end,
       case when bench_domain.h(p, 23) % 8 = 0 then bench_domain.pick(array['Nervous with big dogs','Pulls on the lead','Escape artist','Food aggressive'], bench_domain.h(p, 24)) end
from ${pets}, lateral (select c * 4 + k as p) n, lateral (select bench_domain.species(c * 4 + k) as sp) s`,
    },
    {
      table: 'pet_tags',
      sql: `
insert into public.pet_tags (id, business_id, pet_id, uid, kind, active)
select bench_domain.id(7, p), bench_domain.id(1, ${biz('c')}), bench_domain.id(6, p),
       '04:' || regexp_replace(lpad(to_hex(p), 12, '0'), '(..)(?=.)', '\\1:', 'g'), 'nfc', true
from ${pets}, lateral (select c * 4 + k as p) n`,
    },
    {
      table: 'vaccinations',
      sql: `
-- the current record of each global vaccine of the pet's species (about 5% lapsed), and the previous one for 30%
insert into public.vaccinations (id, business_id, pet_id, vaccine_type_id, administered_on, expires_on, source, batch)
select bench_domain.id(14, q.p * 16 + vt.n * 2 + prev), bench_domain.id(1, ${biz('q.c')}), bench_domain.id(6, q.p), vt.id,
       d - prev * vt.valid_days, d - prev * vt.valid_days + vt.valid_days, 'staff', 'B' || (q.p % 9000 + 1000)
from (select c, c * 4 + k as p, bench_domain.species(c * 4 + k) as sp from ${pets}) q
     join bench_domain.vtypes vt on vt.species = q.sp
     cross join lateral (select current_date - (bench_domain.h(q.p * 16 + vt.n, 25) % (vt.valid_days * 105 / 100)) as d) a
     cross join lateral generate_series(0, case when bench_domain.h(q.p * 16 + vt.n, 26) % 10 < 3 then 1 else 0 end) prev`,
    },
    {
      table: 'bookings',
      sql: `
-- 87% in the past year, 2% today, the rest booked ahead (denser in the coming weeks)
insert into public.bookings (id, business_id, service_id, pet_id, client_id, starts_at, ends_at, status, lodging, created_by, created_at, updated_at, status_changed_at)
select bench_domain.id(9, j), bench_domain.id(1, b), bench_domain.id(8, b * 8 + kind), bench_domain.id(6, c * 4 + k), bench_domain.id(5, c),
       st, en, st_status::public.booking_status, case when kind = 1 then 'Suite ' || (1 + j % 20) end,
       bench_domain.id(3, b * 8 + 3), least(now(), st - make_interval(days => bench_domain.h(j, 35) % 30)), now(), least(now(), st)
from generate_series(1, ${N}) j,
     lateral (select 1 + bench_domain.h(j, 30) % ${C} as c) a,
     lateral (select ${biz('a.c')} as b, bench_domain.h(j, 31) % bench_domain.npets(a.c) as k,
                     case when bench_domain.h(j, 32) % 100 < 60 then 0 when bench_domain.h(j, 32) % 100 < 75 then 1
                          when bench_domain.h(j, 32) % 100 < 90 then 2 else 3 end as kind,
                     bench_domain.h(j, 33) % 1000 as r) e,
     lateral (select case when r < 870 then -(1 + bench_domain.h(j, 34) % 365) when r < 890 then 0
                          else 1 + floor(365 * power((bench_domain.h(j, 34) % 1000) / 1000.0, 3))::int end as d) f,
     lateral (select ((now() at time zone bench_domain.tz(b))::date + d + time '07:30' + make_interval(mins => 15 * (bench_domain.h(j, 36) % 8)))
                       at time zone bench_domain.tz(b) as st) g,
     lateral (select st + case kind when 0 then interval '9 hours' when 1 then make_interval(days => 1 + bench_domain.h(j, 37) % 7)
                                    when 2 then interval '90 minutes' else interval '1 hour' end as en,
                     case when d < 0 then (case when bench_domain.h(j, 38) % 100 < 94 then 'checked_out' when bench_domain.h(j, 38) % 100 < 97 then 'cancelled' else 'no_show' end)
                          when d = 0 then (case when bench_domain.h(j, 38) % 100 < 20 then 'checked_in' when bench_domain.h(j, 38) % 100 < 90 then 'confirmed' else 'requested' end)
                          else (case when bench_domain.h(j, 38) % 100 < 60 then 'confirmed' when bench_domain.h(j, 38) % 100 < 90 then 'requested'
                                     when bench_domain.h(j, 38) % 100 < 95 then 'waitlisted' else 'cancelled' end) end as st_status) h
-- a pet drawn twice for overlapping visits of one service would break the no-double-booking rule: keep the first
on conflict do nothing`,
    },
    {
      table: 'tag_scans',
      sql: `
-- every visit that happened has its check-in scan, and its check-out scan once it ended
insert into public.tag_scans (id, business_id, tag_id, pet_id, booking_id, action, scanned_by, scanned_at, device_id, client_scan_id, result)
select bench_domain.retag(b.id, case when x.out then 11 else 10 end), b.business_id, bench_domain.retag(b.pet_id, 7), b.pet_id, b.id,
       case when x.out then 'check_out' else 'check_in' end::public.scan_action,
       b.created_by, case when x.out then b.ends_at - interval '20 minutes' else b.starts_at + interval '5 minutes' end,
       'desk-' || bench_domain.num(b.business_id), bench_domain.retag(b.id, case when x.out then 13 else 12 end),
       jsonb_build_object('status', case when x.out then 'checked_out' else 'checked_in' end)
from public.bookings b cross join (values (false), (true)) x(out)
where left(b.id::text, 4) = 'be09'
  and (b.status = 'checked_out' or (b.status = 'checked_in' and not x.out))`,
    },
  ];
}

/** Tables the generator writes, children first: the order to delete a partial load in. */
export const TABLES = [
  'tag_scans',
  'bookings',
  'vaccinations',
  'pet_tags',
  'pets',
  'clients',
  'memberships',
  'services',
  'locations',
  'businesses',
];
