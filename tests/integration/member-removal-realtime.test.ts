// A removed member loses the business's live channel on their next token refresh (#9, team): they joined
// business:<id> as staff and heard its bookings; the owner removes them; when their session refreshes,
// supabase-js sends the new access token over the socket, the realtime server re-runs the private channel's
// read check (RLS on realtime.messages through private.can_join_topic) with the new claims, answers a
// system error and closes the channel — and the next booking of the business does not reach them.
import { randomUUID } from 'node:crypto';
import type { RealtimeChannel, SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedInClient, uniqueEmail } from '../support/stack.ts';

type Client = SupabaseClient<any, any, any>;
type Heard = { table: string; record: Record<string, unknown> };

let owner: Client;
let member: Client;
let memberId: string;
let businessId: string;
let serviceId: string;
let clientId: string;
const pets: string[] = [];
const channels: RealtimeChannel[] = [];

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Joins business:<id> privately; keeps what it hears, its system messages and its states. */
async function join(client: Client) {
  await client.realtime.setAuth();
  const heard: Heard[] = [];
  const system: Array<{ status?: string; message?: string }> = [];
  const states: string[] = [];
  const channel = client.channel(`business:${businessId}`, { config: { private: true } });
  channels.push(channel);
  channel.on('broadcast', { event: '*' }, (m) => heard.push(m.payload as Heard));
  channel.on('system', {}, (m) => system.push(m as { status?: string; message?: string }));
  await new Promise<void>((resolve, reject) => {
    channel.subscribe((s) => {
      states.push(s);
      if (s === 'SUBSCRIBED') resolve();
      else if (s === 'CHANNEL_ERROR' || s === 'TIMED_OUT') reject(new Error(`join failed: ${s}`));
    });
  });
  return { channel, heard, system, states };
}

/** A booking of a new pet today: the business's channel hears its insert. */
async function book(name: string): Promise<string> {
  const pet = await owner
    .from('pets')
    .insert({ business_id: businessId, client_id: clientId, name, species: 'rabbit' })
    .select('id')
    .single();
  expect(pet.error).toBeNull();
  pets.push(pet.data!.id);
  const booked = await owner.rpc('book_service', {
    p_service_id: serviceId,
    p_pet_id: pet.data!.id,
    p_starts_at: new Date().toISOString(),
    p_confirm: true,
  });
  expect(booked.error).toBeNull();
  return pet.data!.id;
}

const heardPet = (heard: Heard[], petId: string) =>
  heard.some((h) => h.table === 'bookings' && h.record?.pet_id === petId);

beforeAll(async () => {
  ({ client: owner } = await signedInClient(uniqueEmail('rt-owner')));
  const m = await signedInClient(uniqueEmail('rt-member'));
  member = m.client;
  memberId = m.user.id;
  const slug = `rt-removal-${randomUUID().slice(0, 8)}`;
  const created = await owner.rpc('create_business', { p_name: 'Removal Daycare', p_slug: slug, p_timezone: 'UTC' });
  expect(created.error).toBeNull();
  businessId = created.data.id;
  // the member joins as staff (as accepting an invitation does)
  const joined = await serviceClient()
    .from('memberships')
    .insert({ business_id: businessId, user_id: memberId, role: 'staff', display_name: 'Rita Removed' });
  expect(joined.error).toBeNull();
  const client = await owner.rpc('create_client_with_pets', {
    p_business_id: businessId,
    p_client: { full_name: 'Removal Parent' },
    p_pets: [],
  });
  expect(client.error).toBeNull();
  clientId = client.data.client.id;
  const service = await owner
    .from('services')
    .insert({ business_id: businessId, kind: 'daycare', name: 'Day' })
    .select('id')
    .single();
  expect(service.error).toBeNull();
  serviceId = service.data!.id;
});

afterAll(async () => {
  await Promise.all(channels.map((c) => c.unsubscribe()));
  for (const c of [owner, member]) c?.realtime.disconnect();
});

describe('a removed member on a live channel', () => {
  it('is cut off at their next token refresh, and hears nothing after', async () => {
    const staff = await join(member);
    const desk = await join(owner);

    const before = await book('Before');
    await until(() => heardPet(staff.heard, before), 'the member to hear the first booking');

    const removed = await owner
      .from('memberships')
      .delete()
      .eq('business_id', businessId)
      .eq('user_id', memberId)
      .select('id');
    expect(removed.error).toBeNull();
    expect(removed.data).toHaveLength(1);

    // a refreshed access token has new iat/exp claims (a second later), so the server re-checks the topic
    await new Promise((r) => setTimeout(r, 1100));
    const refreshed = await member.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    await member.realtime.setAuth(refreshed.data.session!.access_token);

    await until(() => staff.system.some((s) => s.status === 'error'), 'the refusal on the channel');
    expect(staff.system.find((s) => s.status === 'error')!.message).toBe(
      `Unauthorized: You do not have permissions to read from this Channel topic: business:${businessId}`,
    );
    await until(() => staff.states.includes('CLOSED'), 'the channel to close');

    const after = await book('After');
    await until(() => heardPet(desk.heard, after), 'the owner to hear the second booking');
    await new Promise((r) => setTimeout(r, 500));
    expect(heardPet(staff.heard, after)).toBe(false);

    // and a fresh join is refused outright
    await expect(join(member)).rejects.toThrow('join failed: CHANNEL_ERROR');
  });
});
