// Live updates of a check-in (SPEC §5.1): the business's roster channel and the pet parent's channel
// both hear it, through private channels authorised by RLS on realtime.messages; another tenant's
// staff are refused the business topic.
import { randomUUID } from 'node:crypto';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedInClient, uniqueEmail } from '../support/stack.ts';

type Client = SupabaseClient<any, any, any>;
type Heard = { event: string; payload: { table: string; operation: string; record: Record<string, unknown> } };

let owner: Client;
let parent: Client;
let rival: Client;
let businessId: string;
let clientId: string;
let petId: string;
const uid = `04:${randomUUID().replace(/-/g, '').slice(0, 12).match(/../g)!.join(':')}`;
const channels: RealtimeChannel[] = [];

/** Joins a private topic as the client; resolves with the subscribe status and a log of broadcasts heard. */
async function join(client: Client, topic: string): Promise<{ status: string; heard: Heard[] }> {
  await client.realtime.setAuth();
  const heard: Heard[] = [];
  const channel = client.channel(topic, { config: { private: true } });
  channels.push(channel);
  channel.on('broadcast', { event: '*' }, (m) =>
    heard.push({ event: m.event, payload: m.payload as Heard['payload'] }),
  );
  const status = await new Promise<string>((resolve) => {
    channel.subscribe((s) => {
      if (s !== 'CLOSED') resolve(s);
    });
  });
  return { status, heard };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for a broadcast');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  ({ client: owner } = await signedInClient(uniqueEmail('live-owner')));
  const parentLogin = await signedInClient(uniqueEmail('live-parent'));
  parent = parentLogin.client;
  ({ client: rival } = await signedInClient(uniqueEmail('live-rival')));
  const slug = `live-${randomUUID().slice(0, 8)}`;
  businessId = (await owner.rpc('create_business', { p_name: 'Live Daycare', p_slug: slug, p_timezone: 'UTC' })).data
    .id;
  await rival.rpc('create_business', { p_name: 'Rival', p_slug: `${slug}-rival`, p_timezone: 'UTC' });
  const created = await owner.rpc('create_client_with_pets', {
    p_business_id: businessId,
    p_client: { full_name: 'Live Parent', email: parentLogin.email },
    p_pets: [{ name: 'Pip', species: 'rabbit' }],
  });
  clientId = created.data.client.id;
  petId = created.data.pets[0].id;
  // link the parent's login to their client record, as accepting a portal invitation does
  const linked = await serviceClient()
    .from('clients')
    .update({ user_id: parentLogin.user.id })
    .eq('id', clientId)
    .select();
  expect(linked.error).toBeNull();
  const service = await owner
    .from('services')
    .insert({ business_id: businessId, kind: 'daycare', name: 'Day' })
    .select()
    .single();
  await owner.rpc('register_tag', { p_pet_id: petId, p_uid: uid });
  const booked = await owner.rpc('book_service', {
    p_service_id: service.data.id,
    p_pet_id: petId,
    p_starts_at: new Date().toISOString(),
    p_confirm: true,
  });
  expect(booked.error).toBeNull();
});

afterAll(async () => {
  await Promise.all(channels.map((c) => c.unsubscribe()));
  for (const c of [owner, parent, rival]) c?.realtime.disconnect();
});

describe('a check-in, live', () => {
  it('reaches the business roster and the pet parent, and not another tenant', async () => {
    const roster = await join(owner, `business:${businessId}`);
    const family = await join(parent, `client:${clientId}`);
    const outsider = await join(rival, `business:${businessId}`);
    expect(roster.status).toBe('SUBSCRIBED');
    expect(family.status).toBe('SUBSCRIBED');
    expect(outsider.status).toBe('CHANNEL_ERROR');

    const scan = await owner.rpc('check_in_by_tag', { p_uid: uid, p_client_scan_id: randomUUID() });
    expect(scan.data?.status).toBe('checked_in');

    await until(() => roster.heard.some((h) => h.payload.table === 'tag_scans'));
    await until(() =>
      family.heard.some((h) => h.payload.table === 'bookings' && h.payload.record.status === 'checked_in'),
    );
    expect(roster.heard.find((h) => h.payload.table === 'tag_scans')!.payload.record.pet_id).toBe(petId);
  });
});
