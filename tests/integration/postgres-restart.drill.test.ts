// The restart drill: Postgres restarts (as with `npm run db:reset` or a crash) while 100 check-ins go
// through the real REST API as a signed-in owner. Callers retry a failed call with the same
// client_scan_id, so nothing is lost or doubled; the roster's private channel gets phx_error once
// realtime is back on the database, rejoins by itself, and live events plus the catch-up fetch made on
// every (re)join show every scan. It restarts the stack's own cluster with pg_ctl, so this file runs
// alone, after every other test file (the `drill` project in vitest.config.ts).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db, signedInClient, uniqueEmail } from '../support/stack.ts';

const N = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let owner: SupabaseClient<any, any, any>;
let ownerId: string;
let businessId: string;
let uids: string[] = [];
let channel: RealtimeChannel | undefined;
let changes: RealtimeChannel | undefined;

/** Restarts the stack's cluster in place: the data directory and binaries are asked of Postgres itself. */
async function restartPostgres(): Promise<void> {
  const c = await db();
  let dir: string;
  let bindir: string;
  try {
    dir = (await c.query('show data_directory')).rows[0].data_directory;
    bindir = (await c.query(`select setting from pg_config where name = 'BINDIR'`)).rows[0].setting;
  } finally {
    await c.end();
  }
  const pgCtl = [
    join(bindir, 'pg_ctl'),
    '-D',
    dir,
    '-l',
    join(dirname(dir), 'postgres.log'),
    '-m',
    'fast',
    '-w',
    '-t',
    '60',
    'restart',
  ];
  // Postgres will not run as root; the stack runs it as the `postgres` system user then.
  const [cmd, ...args] = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...pgCtl] : pgCtl;
  await promisify(execFile)(cmd, args, { timeout: 90_000 });
}

async function until(what: string, check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width)
    await Promise.all(items.slice(i, i + width).map((x, j) => fn(x, i + j)));
}

beforeAll(async () => {
  let user: { id: string };
  ({ client: owner, user } = await signedInClient(uniqueEmail('drill-owner')));
  ownerId = user.id;
  const slug = `drill-${randomUUID().slice(0, 8)}`;
  const business = await owner.rpc('create_business', { p_name: 'Drill Daycare', p_slug: slug, p_timezone: 'UTC' });
  expect(business.error).toBeNull();
  businessId = business.data.id;
  const pets = Array.from({ length: N }, (_, i) => ({ name: `Drill ${i}`, species: 'rabbit' }));
  const created = await owner.rpc('create_client_with_pets', {
    p_business_id: businessId,
    p_client: { full_name: 'Drill Parent' },
    p_pets: pets,
  });
  expect(created.error).toBeNull();
  const service = await owner
    .from('services')
    .insert({ business_id: businessId, kind: 'daycare', name: 'Day' })
    .select()
    .single();
  expect(service.error).toBeNull();
  const petIds: string[] = created.data.pets.map((p: { id: string }) => p.id);
  uids = petIds.map(
    (_, i) =>
      `dd:${randomUUID().replace(/-/g, '').slice(0, 10).match(/../g)!.join(':')}:${(i % 256).toString(16).padStart(2, '0')}`,
  );
  await inBatches(petIds, 10, async (petId, i) => {
    const tag = await owner.rpc('register_tag', { p_pet_id: petId, p_uid: uids[i] });
    expect(tag.error).toBeNull();
    const booked = await owner.rpc('book_service', {
      p_service_id: service.data.id,
      p_pet_id: petId,
      p_starts_at: new Date().toISOString(),
      p_confirm: true,
    });
    expect(booked.error).toBeNull();
  });
}, 90_000);

afterAll(async () => {
  await channel?.unsubscribe();
  await changes?.unsubscribe();
  owner?.realtime.disconnect();
});

describe('a Postgres restart during check-ins', () => {
  it('loses and doubles no check-in, and the roster channel rejoins and sees every scan', async () => {
    // The roster page's pattern: live broadcasts, plus a catch-up fetch after every (re)join.
    const statuses: string[] = [];
    const live = new Set<string>();
    const fetched = new Set<string>();
    let catchUps = 0;
    const catchUp = async () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const r = await owner.from('tag_scans').select('client_scan_id').eq('business_id', businessId);
        if (!r.error) {
          for (const row of r.data) fetched.add(row.client_scan_id);
          catchUps++;
          return;
        }
        await sleep(200);
      }
    };
    await owner.realtime.setAuth();
    channel = owner.channel(`business:${businessId}`, { config: { private: true } });
    channel.on('broadcast', { event: '*' }, (m) => {
      const p = m.payload as { table?: string; record?: { client_scan_id?: string } };
      if (p.table === 'tag_scans' && p.record?.client_scan_id) live.add(p.record.client_scan_id);
    });
    channel.subscribe((s) => {
      statuses.push(s);
      if (s === 'SUBSCRIBED') void catchUp();
    });
    // A postgres_changes subscriber (the conformance fixture's notes table) must come back too.
    const changeStatuses: string[] = [];
    const notes: string[] = [];
    changes = owner
      .channel(`drill-notes-${randomUUID()}`)
      .on(
        'postgres_changes' as any,
        { event: 'INSERT', schema: 'rt_fixture', table: 'notes', filter: `owner=eq.${ownerId}` },
        (e: { new: { body: string } }) => notes.push(e.new.body),
      );
    changes.subscribe((s) => changeStatuses.push(s));
    await until('the first joins', () => statuses.includes('SUBSCRIBED') && changeStatuses.includes('SUBSCRIBED'));

    const scanIds = uids.map(() => randomUUID());
    let failedCalls = 0;
    const failureStatuses: number[] = [];
    const checkIn = async (i: number): Promise<{ status: string }> => {
      await sleep(i * 20); // 100 calls over two seconds, so the restart lands among them
      const give_up = Date.now() + 60_000;
      for (;;) {
        const r = await owner
          .rpc('check_in_by_tag', { p_uid: uids[i], p_client_scan_id: scanIds[i], p_business_id: businessId })
          .then(
            (x) => x,
            (e: unknown) => ({ data: null, error: e }),
          );
        if (!r.error && r.data) return r.data;
        failedCalls++;
        if ('status' in r && typeof r.status === 'number') failureStatuses.push(r.status);
        if (Date.now() > give_up) throw new Error(`check-in ${i} kept failing: ${JSON.stringify(r.error)}`);
        await sleep(100 + Math.random() * 200);
      }
    };
    const calls = uids.map((_, i) => checkIn(i));
    await sleep(400);
    await restartPostgres();
    const results = await Promise.all(calls);

    // The restart hit calls in flight: some failed and were retried with their idempotency key.
    expect(failedCalls).toBeGreaterThan(0);
    // A lost connection is PostgREST's 503 (PGRST001), never a 500 carrying a driver's message.
    expect(failureStatuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(results.map((r) => r.status)).toEqual(Array(N).fill('checked_in'));
    const c = await db();
    try {
      const scans = await c.query(
        `select client_scan_id::text as id from public.tag_scans where business_id = $1 and action = 'check_in'`,
        [businessId],
      );
      expect(scans.rows).toHaveLength(N);
      expect(new Set(scans.rows.map((r) => r.id))).toEqual(new Set(scanIds));
      const booked = await c.query(
        `select status, count(*)::int as n from public.bookings where business_id = $1 group by 1`,
        [businessId],
      );
      expect(booked.rows).toEqual([{ status: 'checked_in', n: N }]);
    } finally {
      await c.end();
    }

    // The channel was errored by the server once realtime was back on the database, and rejoined.
    await until('the channel to be errored and to rejoin', () => {
      const errored = statuses.indexOf('CHANNEL_ERROR');
      return errored > 0 && statuses.lastIndexOf('SUBSCRIBED') > errored;
    });
    const joins = () => statuses.filter((s) => s === 'SUBSCRIBED').length;
    await until('the catch-up after the rejoin', () => catchUps >= 2 && catchUps === joins());
    await until('every scan to be visible', () => scanIds.every((id) => live.has(id) || fetched.has(id)), 10_000);

    // And live delivery works again: a new scan arrives without any fetch.
    const after = randomUUID();
    const out = await owner.rpc('check_out_by_tag', {
      p_uid: uids[0],
      p_client_scan_id: after,
      p_business_id: businessId,
    });
    expect(out.error).toBeNull();
    await until('a live event after the restart', () => live.has(after), 5000);

    await until('the changes channel to be errored and to rejoin', () => {
      const errored = changeStatuses.indexOf('CHANNEL_ERROR');
      return errored > 0 && changeStatuses.lastIndexOf('SUBSCRIBED') > errored;
    });
    const c2 = await db();
    try {
      await c2.query(`insert into rt_fixture.notes (owner, body) values ($1, 'after the restart')`, [ownerId]);
    } finally {
      await c2.end();
    }
    await until('a postgres_changes event after the restart', () => notes.includes('after the restart'), 5000);
  }, 180_000);
});
