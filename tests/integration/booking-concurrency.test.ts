// Capacity under concurrency: two families booking the last place at the same moment, each in their
// own transaction on their own connection, as PostgREST would run their rpc calls. Exactly one wins;
// the other is waitlisted. (pgTAP runs in one session, so this lives here.)
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../support/stack.ts';

type World = { businessId: string; serviceId: string; parents: { userId: string; petId: string }[] };

let admin: pg.Client;
let world: World;

/** Creates a business with a one-place service and `n` parents with one pet each (committed: other connections must see it). */
async function buildWorld(n: number): Promise<World> {
  const tag = randomUUID().slice(0, 8);
  const {
    rows: [b],
  } = await admin.query(`insert into public.businesses (name, slug, timezone) values ($1, $2, 'UTC') returning id`, [
    `Race ${tag}`,
    `race-${tag}`,
  ]);
  // rabbits: no globally required vaccines, so only capacity decides
  const {
    rows: [s],
  } = await admin.query(
    `insert into public.services (business_id, kind, name, daily_capacity) values ($1, 'daycare', 'Last place', 1) returning id`,
    [b.id],
  );
  const parents = [];
  for (let i = 0; i < n; i++) {
    const {
      rows: [u],
    } = await admin.query(
      `insert into auth.users (id, aud, role, email, email_confirmed_at) values (gen_random_uuid(), 'authenticated', 'authenticated', $1, now()) returning id`,
      [`race-${tag}-${i}@example.test`],
    );
    const {
      rows: [c],
    } = await admin.query(
      `insert into public.clients (business_id, user_id, full_name) values ($1, $2, $3) returning id`,
      [b.id, u.id, `Family ${i}`],
    );
    const {
      rows: [p],
    } = await admin.query(
      `insert into public.pets (business_id, client_id, name, species) values ($1, $2, $3, 'rabbit') returning id`,
      [b.id, c.id, `Bun ${i}`],
    );
    parents.push({ userId: u.id as string, petId: p.id as string });
  }
  return { businessId: b.id, serviceId: s.id, parents };
}

/** Opens a transaction acting as the user, as the REST service does for one request. */
async function actAs(userId: string): Promise<pg.Client> {
  const c = await db();
  await c.query('begin');
  await c.query(`select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`, [
    JSON.stringify({ sub: userId, role: 'authenticated' }),
  ]);
  return c;
}

async function book(c: pg.Client, petId: string, day: string): Promise<string> {
  const {
    rows: [r],
  } = await c.query(`select (public.book_service($1, $2, $3::timestamptz)).status::text as status`, [
    world.serviceId,
    petId,
    `${day}T09:00:00Z`,
  ]);
  return r.status as string;
}

beforeAll(async () => {
  admin = await db();
  world = await buildWorld(2);
});

afterAll(async () => {
  if (world) {
    await admin.query('delete from public.businesses where id = $1', [world.businessId]);
    await admin.query('delete from auth.users where id = any($1::uuid[])', [world.parents.map((p) => p.userId)]);
  }
  await admin?.end();
});

describe('booking the last place concurrently', () => {
  it('holds the second booking until the first commits, then waitlists it', async () => {
    const [a, b] = await Promise.all(world.parents.map((p) => actAs(p.userId)));
    try {
      const first = await book(a, world.parents[0].petId, '2031-03-03');
      let settled = false;
      const second = book(b, world.parents[1].petId, '2031-03-03').then((s) => {
        settled = true;
        return s;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false); // blocked on the service-day lock, not counting stale rows
      await a.query('commit');
      expect(first).toBe('requested');
      expect(await second).toBe('waitlisted');
      await b.query('commit');
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('refuses the second of two simultaneous bookings of the same pet, by name, not as a raw constraint error', async () => {
    // the same family books the same pet twice at once (two tabs): one booking, one named refusal
    const parent = world.parents[0];
    const day = '2031-05-06';
    const clients = await Promise.all([actAs(parent.userId), actAs(parent.userId)]);
    try {
      const outcomes = await Promise.all(
        clients.map(async (c) => {
          try {
            const status = await book(c, parent.petId, day);
            await c.query('commit');
            return status;
          } catch (e) {
            await c.query('rollback');
            const err = e as { code?: string; hint?: string };
            return `${err.code}:${err.hint}`;
          }
        }),
      );
      expect(outcomes.sort()).toEqual(['23P01:pet_already_booked', 'requested']);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  it('lets exactly one of two simultaneous bookings win, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const day = `2031-04-${String(10 + round).padStart(2, '0')}`;
      const clients = await Promise.all(world.parents.map((p) => actAs(p.userId)));
      try {
        const statuses = await Promise.all(
          clients.map(async (c, i) => {
            const s = await book(c, world.parents[i].petId, day);
            await c.query('commit');
            return s;
          }),
        );
        expect(statuses.sort()).toEqual(['requested', 'waitlisted']);
      } finally {
        await Promise.all(clients.map((c) => c.end()));
      }
      const { rows } = await admin.query(
        `select count(*)::int as n from public.bookings where service_id = $1 and status = 'requested' and starts_at::date = $2::date`,
        [world.serviceId, day],
      );
      expect(rows[0].n).toBe(1);
    }
  });
});
