// The vet sync end to end (issue 13 item 6): Green Valley Vets exposes a FHIR R4 base URL (here the local FHIR
// fake, over real HTTP); a member of staff asks /functions/v1/vet-sync to pull it; the function finds Luna's
// Patient by her microchip identifier, follows the Immunization searchset's pages, maps the CVX rabies code to the
// catalogue's Rabies, lands it through the webhook's own landing, and her check-in gate opens. The same
// Immunization pulled again lands nothing. Another business's staff and anon are refused. Everything the test
// adds to the shared demo is undone after.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFhirFake } from '../support/fhir-fake.ts';
import { anonClient, db, serviceClient, stack } from '../support/stack.ts';

const GREEN_VALLEY = '0b100000-0000-4000-8000-000000000001';
const LUNA = {
  petId: 'd1000000-0000-4000-8000-000000000002',
  tag: '04:a1:b2:c3:d4:e5:02',
  microchip: '985112345678901',
};
const REX_CHIP = '826098100000001';
const CHIP_SYSTEM = 'urn:iso:std:iso:11784';
const run = randomUUID().slice(0, 8);
const LOT = `FHIR-IT-${run}`;
const immunizationIds = [`rab-${run}`, `old-${run}`, `dhpp-${run}`, `gone-${run}`];

let fhir: Awaited<ReturnType<typeof startFhirFake>>;
let staff: SupabaseClient<any, any, any>;
let staffToken: string;
let original: { api_base_url: string | null; sync_status: unknown; last_synced_at: string | null };
let lunaBooking: { id: string; status: string } | undefined;
let lock: pg.Client;
const scanIds: string[] = [];

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

async function sync(token: string | null, body: unknown = { partner_id: GREEN_VALLEY }) {
  const headers: Record<string, string> = { 'content-type': 'application/json', apikey: stack.anonKey };
  if (token) headers.authorization = `Bearer ${token}`;
  return fetch(`${stack.url}/functions/v1/vet-sync`, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function scanLuna() {
  const scanId = randomUUID();
  scanIds.push(scanId);
  const { data, error } = await staff.rpc('check_in_by_tag', { p_uid: LUNA.tag, p_client_scan_id: scanId });
  expect(error).toBeNull();
  return data as { status: string };
}

beforeAll(async () => {
  // Luna's gate is shared with the webhook test and the e2e specs: hold the demo pets while this file runs
  lock = await db();
  await lock.query("select pg_advisory_lock(hashtextextended('e2e:demo-pets', 0))");

  fhir = await startFhirFake();
  fhir.fake.patients = [
    { id: `luna-${run}`, identifier: [{ system: CHIP_SYSTEM, value: LUNA.microchip }], name: 'Luna' },
    { id: `rex-${run}`, identifier: [{ system: CHIP_SYSTEM, value: REX_CHIP }], name: 'Rex' },
  ];
  fhir.fake.immunizations = [
    // an old rabies shot, one entered in error, and the new one on the second page
    {
      id: immunizationIds[1],
      patient: `luna-${run}`,
      coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '18' }],
      occurrence: isoDay(-800),
      lotNumber: LOT,
    },
    {
      id: immunizationIds[3],
      patient: `luna-${run}`,
      status: 'entered-in-error',
      text: 'Rabies',
      occurrence: isoDay(-2),
      lotNumber: LOT,
    },
    {
      id: immunizationIds[0],
      patient: `luna-${run}`,
      coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '18', display: 'rabies, intramuscular injection' }],
      occurrence: `${isoDay(-1)}T09:15:00+00:00`,
      lotNumber: LOT,
    },
    {
      id: immunizationIds[2],
      patient: `rex-${run}`,
      text: 'Leptospirosis booster',
      occurrence: isoDay(-3),
      lotNumber: LOT,
    },
  ];

  const c = await db();
  try {
    original = (
      await c.query('select api_base_url, sync_status, last_synced_at from public.partners where id = $1', [
        GREEN_VALLEY,
      ])
    ).rows[0];
    await c.query('update public.partners set api_base_url = $2 where id = $1', [GREEN_VALLEY, fhir.base]);
    lunaBooking = (
      await c.query(
        `select id, status from public.bookings where pet_id = $1 and starts_at::date >= current_date - 1
         order by starts_at limit 1`,
        [LUNA.petId],
      )
    ).rows[0];
  } finally {
    await c.end();
  }
  staff = anonClient();
  const signIn = await staff.auth.signInWithPassword({ email: 'staff@happypaws.test', password: 'pawcentral-demo' });
  expect(signIn.error).toBeNull();
  staffToken = signIn.data.session!.access_token;
});

afterAll(async () => {
  const c = await db();
  try {
    await c.query('begin');
    await c.query('set local session_replication_role = replica');
    await c.query('delete from public.vaccinations where batch = $1', [LOT]);
    await c.query('delete from public.partner_events where partner_id = $1 and message_id = any($2)', [
      GREEN_VALLEY,
      immunizationIds.map((id) => `fhir:Immunization/${id}`),
    ]);
    await c.query('delete from public.tag_scans where client_scan_id = any($1)', [scanIds]);
    // triggers were off: the dashboard's aggregates are recomputed for the demo business
    await c.query("select private.dashboard_rebuild('11111111-1111-4111-8111-111111111111')");
    if (lunaBooking)
      await c.query('update public.bookings set status = $2 where id = $1', [lunaBooking.id, lunaBooking.status]);
    await c.query('update public.partners set api_base_url = $2, sync_status = $3, last_synced_at = $4 where id = $1', [
      GREEN_VALLEY,
      original.api_base_url,
      original.sync_status,
      original.last_synced_at,
    ]);
    await c.query('commit');
  } finally {
    await c.end();
    await fhir?.close();
    await lock?.query("select pg_advisory_unlock(hashtextextended('e2e:demo-pets', 0))").catch(() => undefined);
    await lock?.end();
  }
});

describe('the vet sync pulls Luna’s rabies shot from the vet’s FHIR server', () => {
  it('blocks Luna at check-in before the sync', async () => {
    expect((await scanLuna()).status).toBe('blocked');
  });

  it('refuses anon and another business’s staff, touching nothing', async () => {
    expect((await sync(null)).status).toBe(401);
    expect((await sync(stack.anonKey)).status).toBe(404);
    const other = anonClient();
    const signIn = await other.auth.signInWithPassword({ email: 'staff@barkavenue.test', password: 'pawcentral-demo' });
    expect(signIn.error).toBeNull();
    expect((await sync(signIn.data.session!.access_token)).status).toBe(404);
    expect(fhir.fake.log).toEqual([]);
  });

  it('lands the rabies record on Luna through every page, verified with the vet as source', async () => {
    const res = await sync(staffToken);
    expect(res.status).toBe(200);
    const [summary] = (await res.json()).partners;
    // Luna: 3 immunizations over 2 pages (1 entered in error is skipped); Rex: leptospirosis is not in the
    // catalogue, so it parks for review
    expect(summary).toMatchObject({
      partner_id: GREEN_VALLEY,
      state: 'ok',
      landed: 2,
      parked: 1,
      skipped: 1,
      errors: [],
    });
    expect(summary.done).toBe(summary.total);
    expect(fhir.fake.log).toContain(`Immunization?patient=luna-${run}&_page=1`);
    expect(
      fhir.fake.log.some((l) =>
        l.startsWith(`Patient?identifier=${encodeURIComponent(CHIP_SYSTEM)}%7C${LUNA.microchip}`),
      ),
    ).toBe(true);

    const { data } = await serviceClient()
      .from('vaccinations')
      .select('pet_id, source, partner_id, verified_at, administered_on, expires_on, vaccine_types(name)')
      .eq('batch', LOT)
      .order('administered_on');
    expect(data).toHaveLength(2);
    expect(data![1]).toMatchObject({
      pet_id: LUNA.petId,
      source: 'partner',
      partner_id: GREEN_VALLEY,
      administered_on: isoDay(-1),
      expires_on: isoDay(364),
      vaccine_types: { name: 'Rabies' },
    });
    expect(data![1].verified_at).not.toBeNull();
    const { data: parked } = await serviceClient()
      .from('partner_events')
      .select('outcome, reason')
      .eq('message_id', `fhir:Immunization/${immunizationIds[2]}`)
      .single();
    expect(parked).toEqual({
      outcome: 'parked',
      reason: 'no dog vaccine named Leptospirosis booster in the catalogue',
    });

    const { data: partner } = await serviceClient()
      .from('partners')
      .select('sync_status, last_synced_at')
      .eq('id', GREEN_VALLEY)
      .single();
    expect(partner!.sync_status).toMatchObject({ state: 'ok', landed: 2 });
    expect(partner!.last_synced_at).not.toBeNull();
  });

  it("opens Luna's check-in gate", async () => {
    expect((await scanLuna()).status).toBe('checked_in');
  });

  it('lands nothing twice when the same Immunizations are pulled again', async () => {
    const res = await sync(staffToken);
    const [summary] = (await res.json()).partners;
    expect(summary).toMatchObject({ state: 'ok', landed: 0, parked: 0, unchanged: 3 });
    const { count } = await serviceClient()
      .from('vaccinations')
      .select('id', { count: 'exact', head: true })
      .eq('batch', LOT);
    expect(count).toBe(2);
  });

  it('records a throttling vet as a failed sync with a clear reason', async () => {
    fhir.fake.faults = { throttle: 50, retryAfter: 0 };
    const res = await sync(staffToken);
    const [summary] = (await res.json()).partners;
    expect(summary.state).toBe('failed');
    expect(summary.errors[0]).toMatch(/still rate limiting after 3 tries/);
    const { data: partner } = await serviceClient()
      .from('partners')
      .select('sync_status')
      .eq('id', GREEN_VALLEY)
      .single();
    expect(partner!.sync_status).toMatchObject({ state: 'failed' });
    fhir.fake.faults = {};
  });
});
