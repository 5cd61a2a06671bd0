// The reads the front desk makes, as /rest/v1 requests in supabase-js syntax, each with the SQL it boils
// down to (run as the same role and claims when a goal is missed, to print the plan).
import type { Fixtures } from './fixtures.ts';

export interface Read {
  name: string;
  goalP95: number;
  /** the i-th request's path */
  path: (i: number) => string;
  /** the i-th request as SQL with RLS doing the tenant filtering, for explain */
  sql: (i: number) => { text: string; values: unknown[] };
  /** rows the answer must have at least (0: may be empty) */
  minRows: number;
}

const at = <T>(list: T[], i: number): T => list[i % list.length];
const enc = encodeURIComponent;

export function reads(f: Fixtures): Read[] {
  const roster =
    'id,status,starts_at,ends_at,lodging,notes,service:services(id,name,kind),' +
    'pet:pets(id,name,species,breed,photo_path,feeding,medication,handling_notes,' +
    'client:clients(id,full_name,phone),vaccinations(vaccine_type_id,expires_on))';
  return [
    {
      name: 'client search: name fragment (ilike)',
      goalP95: 10,
      minRows: 1,
      path: (i) =>
        `/rest/v1/clients?select=id,full_name,email,phone&full_name=ilike.${enc(`*${at(f.nameFragments, i)}*`)}&order=full_name&limit=20`,
      sql: (i) => ({
        text: 'select id, full_name, email, phone from public.clients where full_name ilike $1 order by full_name limit 20',
        values: [`%${at(f.nameFragments, i)}%`],
      }),
    },
    {
      name: 'client search: phone digits (ilike)',
      goalP95: 10,
      minRows: 1,
      path: (i) =>
        `/rest/v1/clients?select=id,full_name,phone&phone=ilike.${enc(`*${at(f.phoneFragments, i)}*`)}&limit=20`,
      sql: (i) => ({
        text: 'select id, full_name, phone from public.clients where phone ilike $1 limit 20',
        values: [`%${at(f.phoneFragments, i)}%`],
      }),
    },
    {
      name: 'client search: email prefix (ilike)',
      goalP95: 10,
      minRows: 1,
      path: (i) =>
        `/rest/v1/clients?select=id,full_name,email&email=ilike.${enc(`${at(f.emailPrefixes, i)}*`)}&limit=20`,
      sql: (i) => ({
        text: 'select id, full_name, email from public.clients where email ilike $1 limit 20',
        values: [`${at(f.emailPrefixes, i)}%`],
      }),
    },
    {
      name: 'pet search: name fragment (ilike)',
      goalP95: 10,
      minRows: 1,
      path: (i) =>
        `/rest/v1/pets?select=id,name,species,breed,client:clients(full_name)&name=ilike.${enc(`*${at(f.petFragments, i)}*`)}&order=name&limit=20`,
      sql: (i) => ({
        text: `select p.id, p.name, p.species, p.breed, (select c.full_name from public.clients c where c.id = p.client_id and c.business_id = p.business_id)
               from public.pets p where p.name ilike $1 order by p.name limit 20`,
        values: [`%${at(f.petFragments, i)}%`],
      }),
    },
    {
      name: 'pet search: microchip (eq)',
      goalP95: 10,
      minRows: 1,
      path: (i) => `/rest/v1/pets?select=id,name,species,client_id&microchip=eq.${at(f.microchips, i)}`,
      sql: (i) => ({
        text: 'select id, name, species, client_id from public.pets where microchip = $1',
        values: [at(f.microchips, i)],
      }),
    },
    {
      // every booking that overlaps the day (boarding stays started earlier included), one request; the day
      // is the generator's today, so data generated on an earlier date still has a full roster
      name: "today's roster (embedded pet, client, vaccines, service)",
      goalP95: 15,
      minRows: 1,
      path: () =>
        `/rest/v1/bookings?select=${enc(roster)}&business_id=eq.${f.businessId}` +
        `&starts_at=lt.${enc(f.rosterEnd)}&ends_at=gt.${enc(f.rosterStart)}&status=not.in.(cancelled,no_show)&order=starts_at`,
      sql: () => ({
        text: `select b.id, b.status, b.starts_at, b.ends_at, b.lodging, b.notes,
                 (select row(s.id, s.name, s.kind) from public.services s where s.id = b.service_id and s.business_id = b.business_id),
                 (select row(p.id, p.name, p.species,
                    (select row(c.id, c.full_name, c.phone) from public.clients c where c.id = p.client_id and c.business_id = p.business_id),
                    (select json_agg(row(v.vaccine_type_id, v.expires_on)) from public.vaccinations v where v.pet_id = p.id and v.business_id = p.business_id))
                  from public.pets p where p.id = b.pet_id and p.client_id = b.client_id and p.business_id = b.business_id)
               from public.bookings b
               where b.business_id = $1 and b.starts_at < $2 and b.ends_at > $3 and b.status not in ('cancelled', 'no_show')
               order by b.starts_at`,
        values: [f.businessId, f.rosterEnd, f.rosterStart],
      }),
    },
  ];
}
