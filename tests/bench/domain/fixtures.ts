// What the measurements search for, read from the generated data of the measured business, so every
// request asks for something that exists (and a different thing each time, so no answer is cached).
import type pg from 'pg';

export interface Fixtures {
  businessId: string;
  businessName: string;
  staffEmail: string;
  clients: number;
  pets: number;
  /** today in the business's time zone, and its bounds: the day check-ins happen */
  today: string;
  dayStart: string;
  dayEnd: string;
  /** the day the generator called today (bookings are dated from it), whose roster is read */
  rosterDay: string;
  rosterStart: string;
  rosterEnd: string;
  nameFragments: string[];
  phoneFragments: string[];
  emailPrefixes: string[];
  petFragments: string[];
  microchips: string[];
}

export async function loadFixtures(db: pg.Client, business: number): Promise<Fixtures> {
  const b = await db.query(
    `
    with g as (select (at - make_interval(secs => seconds::float8)) as t0 from bench_domain.generated order by at desc limit 1)
    select b.id, b.name, (select count(*) from public.clients c where c.business_id = b.id)::int as clients,
           (select count(*) from public.pets p where p.business_id = b.id)::int as pets,
           (now() at time zone b.timezone)::date::text as today,
           ((now() at time zone b.timezone)::date::timestamp at time zone b.timezone) as day_start,
           ((now() at time zone b.timezone)::date::timestamp at time zone b.timezone + interval '1 day') as day_end,
           (g.t0 at time zone b.timezone)::date::text as roster_day,
           ((g.t0 at time zone b.timezone)::date::timestamp at time zone b.timezone) as roster_start,
           ((g.t0 at time zone b.timezone)::date::timestamp at time zone b.timezone + interval '1 day') as roster_end
    from public.businesses b, g where b.id = bench_domain.id(1, $1)`,
    [business],
  );
  if (!b.rowCount) throw new Error(`generated business ${business} is missing`);
  const row = b.rows[0];
  // a sample of the business's clients and pets: what front-desk staff would type
  const c = await db.query<{ last: string; phone: string; email: string }>(
    `
    select lower(substr(split_part(full_name, ' ', 2), 1, 4)) as last, right(phone, 6) as phone, split_part(email::text, '@', 1) as email
    from public.clients where business_id = $1 order by bench_domain.h(bench_domain.num(id), 99) limit 50`,
    [row.id],
  );
  const p = await db.query<{ name: string; microchip: string | null }>(
    `
    select lower(substr(name, 1, 3)) as name, microchip from public.pets
    where business_id = $1 order by bench_domain.h(bench_domain.num(id), 98) limit 50`,
    [row.id],
  );
  const staff = await db.query<{ email: string }>(
    `
    select u.email from public.memberships m join auth.users u on u.id = m.user_id
    where m.business_id = $1 and m.role = 'staff' order by u.email limit 1`,
    [row.id],
  );
  return {
    businessId: row.id,
    businessName: row.name,
    staffEmail: staff.rows[0].email,
    clients: row.clients,
    pets: row.pets,
    today: row.today,
    dayStart: row.day_start.toISOString(),
    dayEnd: row.day_end.toISOString(),
    rosterDay: row.roster_day,
    rosterStart: row.roster_start.toISOString(),
    rosterEnd: row.roster_end.toISOString(),
    nameFragments: c.rows.map((r) => r.last),
    phoneFragments: c.rows.map((r) => r.phone),
    emailPrefixes: c.rows.map((r) => r.email.slice(0, Math.max(6, r.email.length - 8))),
    petFragments: p.rows.map((r) => r.name),
    microchips: p.rows.map((r) => r.microchip).filter((m): m is string => m !== null),
  };
}
