// A vet's system pushes Luna's new rabies shot and her check-in gate opens by itself (SPEC §5 flow 6): a
// Standard Webhooks delivery signed with Riverside Vet's seeded secret goes through the stack's
// /functions/v1/partner-webhook/<partner_id>, lands on Luna by her microchip, and check_in_by_tag stops blocking
// her. Everything the test adds to the shared demo (the vaccination, its events, the check-in) is undone after.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonClient, db, serviceClient, stack } from '../support/stack.ts';

const RIVERSIDE_VET = '0b100000-0000-4000-8000-000000000003';
const LUNA = {
  petId: 'd1000000-0000-4000-8000-000000000002',
  tag: '04:a1:b2:c3:d4:e5:02',
  microchip: '985112345678901',
};
const BATCH = `RB-IT-${randomUUID().slice(0, 8)}`;
const endpoint = () => `${stack.url}/functions/v1/partner-webhook/${RIVERSIDE_VET}`;

let staff: SupabaseClient<any, any, any>;
let secret: string;
let lunaBooking: { id: string; status: string };
const messageIds: string[] = [];
const scanIds: string[] = [];
// Luna's gate is shared with the vet-sync test and the e2e specs: the demo pets are held while this file runs
let lock: Awaited<ReturnType<typeof db>>;

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Posts a body signed as a partner would, with the standardwebhooks package; `sendBody` tampers after signing. */
async function push(body: string, opts: { id?: string; sendBody?: string; key?: string } = {}) {
  const id = opts.id ?? `msg_${randomUUID()}`;
  messageIds.push(id);
  const at = new Date();
  return fetch(endpoint(), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(opts.key ?? secret).sign(id, at, body),
    },
    body: opts.sendBody ?? body,
  });
}

async function scanLuna() {
  const scanId = randomUUID();
  scanIds.push(scanId);
  const { data, error } = await staff.rpc('check_in_by_tag', { p_uid: LUNA.tag, p_client_scan_id: scanId });
  expect(error).toBeNull();
  return data as { status: string };
}

beforeAll(async () => {
  lock = await db();
  await lock.query("select pg_advisory_lock(hashtextextended('e2e:demo-pets', 0))");
  const { data: creds, error } = await serviceClient()
    .from('partner_credentials')
    .select('secret')
    .eq('partner_id', RIVERSIDE_VET)
    .is('revoked_at', null);
  expect(error).toBeNull();
  secret = creds![0].secret;
  staff = anonClient();
  const signIn = await staff.auth.signInWithPassword({ email: 'staff@happypaws.test', password: 'pawcentral-demo' });
  expect(signIn.error).toBeNull();
  const c = await db();
  try {
    lunaBooking = (
      await c.query(
        `select id, status from public.bookings
         where pet_id = $1 and starts_at::date >= current_date - 1 order by starts_at limit 1`,
        [LUNA.petId],
      )
    ).rows[0];
  } finally {
    await c.end();
  }
});

afterAll(async () => {
  const c = await db();
  try {
    await c.query('begin');
    // the booking life-cycle guard would refuse moving a checked-in booking back; the demo state is restored as seeded
    await c.query('set local session_replication_role = replica');
    await c.query('delete from public.vaccinations where pet_id = $1 and batch = $2', [LUNA.petId, BATCH]);
    await c.query('delete from public.partner_events where partner_id = $1 and message_id = any($2)', [
      RIVERSIDE_VET,
      messageIds,
    ]);
    await c.query('delete from public.tag_scans where client_scan_id = any($1)', [scanIds]);
    // triggers were off: the dashboard's aggregates are recomputed for the demo business
    await c.query("select private.dashboard_rebuild('11111111-1111-4111-8111-111111111111')");
    if (lunaBooking)
      await c.query('update public.bookings set status = $2 where id = $1', [lunaBooking.id, lunaBooking.status]);
    await c.query('commit');
  } finally {
    await c.end();
    await lock?.query("select pg_advisory_unlock(hashtextextended('e2e:demo-pets', 0))").catch(() => undefined);
    await lock?.end();
  }
});

describe('a partner vet pushes a vaccination through the signed webhook', () => {
  const body = JSON.stringify({
    type: 'vaccination.recorded.v1',
    data: {
      microchip: LUNA.microchip,
      vaccine: { name: 'Rabies' },
      administered_on: isoDay(-1),
      expires_on: isoDay(364),
      batch: BATCH,
    },
  });
  const id = `msg_${randomUUID()}`;

  it('blocks Luna at check-in before the record arrives', async () => {
    expect((await scanLuna()).status).toBe('blocked');
  });

  it('refuses a tampered body with 401 and lands nothing', async () => {
    const res = await push(body, { sendBody: body.replace(isoDay(364), isoDay(3640)) });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('bad_signature');
    const { count } = await serviceClient()
      .from('vaccinations')
      .select('id', { count: 'exact', head: true })
      .eq('batch', BATCH);
    expect(count).toBe(0);
  });

  it('lands the signed rabies record on Luna as a verified partner vaccination', async () => {
    const res = await push(body, { id });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'landed' });
    const { data } = await serviceClient()
      .from('vaccinations')
      .select('pet_id, source, partner_id, verified_at')
      .eq('batch', BATCH);
    expect(data).toHaveLength(1);
    expect(data![0]).toMatchObject({ pet_id: LUNA.petId, source: 'partner', partner_id: RIVERSIDE_VET });
    expect(data![0].verified_at).not.toBeNull();
  });

  it('answers a replay of the same message 200 and changes nothing', async () => {
    const res = await push(body, { id });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'landed', replayed: true });
    const { count } = await serviceClient()
      .from('vaccinations')
      .select('id', { count: 'exact', head: true })
      .eq('batch', BATCH);
    expect(count).toBe(1);
  });

  it("opens Luna's check-in gate", async () => {
    expect((await scanLuna()).status).toBe('checked_in');
  });
});
