// The bench's own pets in Happy Paws: N dogs with an NFC tag, valid rabies and DHPP, and a confirmed
// daycare booking covering today, so every tap is a real first check-in. They belong to a client and a
// service of their own (the service has no daily capacity, so the demo's 20-place daycare is untouched),
// all named with PREFIX so a crashed run's leftovers are found and removed before the next one.
import pg from 'pg';

export const HAPPY_PAWS = '11111111-1111-4111-8111-111111111111';
const LOCATION = '0a100000-0000-4000-8000-000000000001';
const RABIES = '0c000000-0000-4000-8000-000000000001';
const DHPP = '0c000000-0000-4000-8000-000000000002';
export const PREFIX = 'Tapbench';

export interface BenchPet {
  name: string;
  uid: string;
}

/** Tag serial numbers as a reader reports them: seven bytes, lowercase hex, colon-separated. */
const hex = (byte: number) => byte.toString(16).padStart(2, '0');
const uidFor = (i: number) => `7b:be:0c:00:00:${hex((i >> 8) & 255)}:${hex(i & 255)}`;

export async function removeFixture(db: pg.Client): Promise<void> {
  // Pets, tags, vaccinations, bookings and scans go with the client (foreign keys cascade).
  await db.query('delete from public.clients where business_id = $1 and full_name like $2', [HAPPY_PAWS, `${PREFIX}%`]);
  await db.query('delete from public.services where business_id = $1 and name like $2', [HAPPY_PAWS, `${PREFIX}%`]);
}

export async function createFixture(db: pg.Client, count: number): Promise<BenchPet[]> {
  await removeFixture(db);
  await db.query('begin');
  try {
    const client = await db.query<{ id: string }>(
      `insert into public.clients (business_id, full_name, email) values ($1, $2, 'tapbench@example.test') returning id`,
      [HAPPY_PAWS, `${PREFIX} client`],
    );
    const service = await db.query<{ id: string }>(
      `insert into public.services (business_id, location_id, kind, name, price_cents, daily_capacity, required_vaccine_type_ids)
       values ($1, $2, 'daycare', $3, 0, null, $4) returning id`,
      [HAPPY_PAWS, LOCATION, `${PREFIX} daycare`, [RABIES, DHPP]],
    );
    const pets: BenchPet[] = Array.from({ length: count }, (_, i) => ({
      name: `${PREFIX} ${String(i + 1).padStart(4, '0')}`,
      uid: uidFor(i + 1),
    }));
    // One statement per table, so a 1000-pet fixture is quick to build.
    await db.query(
      `with p as (
         insert into public.pets (business_id, client_id, name, species)
         select $1, $2, n, 'dog' from unnest($3::text[]) n returning id, name
       ), t as (
         insert into public.pet_tags (business_id, pet_id, uid, kind)
         select $1, p.id, u.uid, 'nfc' from p join unnest($3::text[], $4::text[]) u (name, uid) on u.name = p.name
       ), v as (
         insert into public.vaccinations (business_id, pet_id, vaccine_type_id, administered_on, expires_on, source, verified_at)
         select $1, p.id, vt, today - 30, today + 335, 'partner', now()
         from p cross join unnest(array[$6, $7]::uuid[]) vt
         cross join (select (now() at time zone timezone)::date as today from public.businesses where id = $1) d
       )
       insert into public.bookings (business_id, service_id, pet_id, client_id, starts_at, ends_at, status)
       select $1, $5, p.id, $2,
              (today + time '00:00') at time zone tz, (today + time '23:59') at time zone tz, 'confirmed'
       from p cross join (select timezone as tz, (now() at time zone timezone)::date as today from public.businesses where id = $1) d`,
      [
        HAPPY_PAWS,
        client.rows[0].id,
        pets.map((p) => p.name),
        pets.map((p) => p.uid),
        service.rows[0].id,
        RABIES,
        DHPP,
      ],
    );
    await db.query('commit');
    return pets;
  } catch (error) {
    await db.query('rollback');
    throw error;
  }
}
