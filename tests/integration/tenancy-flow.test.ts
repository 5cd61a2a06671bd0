// The domain through unmodified supabase-js: a new business is set up, a pet checked in by tag over
// rpc (idempotently), a colleague joins by invitation — and another tenant sees none of it.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInClient, uniqueEmail } from '../support/stack.ts';

type Client = SupabaseClient<any, any, any>;

let ownerA: Client;
let ownerB: Client;
let businessId: string;
let petId: string;
let serviceId: string;
const uid = `04:${randomUUID().replace(/-/g, '').slice(0, 12).match(/../g)!.join(':')}`;

beforeAll(async () => {
  ({ client: ownerA } = await signedInClient(uniqueEmail('owner-a')));
  ({ client: ownerB } = await signedInClient(uniqueEmail('owner-b')));
  const slug = `flow-${randomUUID().slice(0, 8)}`;
  const b = await ownerA.rpc('create_business', { p_name: 'Flow Daycare', p_slug: slug, p_timezone: 'UTC' });
  expect(b.error).toBeNull();
  businessId = b.data.id;
  await ownerB.rpc('create_business', { p_name: 'Rival', p_slug: `${slug}-rival`, p_timezone: 'UTC' });

  // rabbits: no globally required vaccines, so this flow is about tenancy, not the gate
  const c = await ownerA.rpc('create_client_with_pets', {
    p_business_id: businessId,
    p_client: { full_name: 'Robin Flow', email: uniqueEmail('parent') },
    p_pets: [{ name: 'Clover', species: 'rabbit' }],
  });
  expect(c.error).toBeNull();
  petId = c.data.pets[0].id;
  const s = await ownerA
    .from('services')
    .insert({ business_id: businessId, kind: 'daycare', name: 'Day', daily_capacity: 5 })
    .select()
    .single();
  expect(s.error).toBeNull();
  serviceId = s.data.id;
});

describe('a business set up through supabase-js', () => {
  it('registers a tag, books today and checks in once however often the scan is replayed', async () => {
    const tag = await ownerA.rpc('register_tag', { p_pet_id: petId, p_uid: uid.toUpperCase() });
    expect(tag.error).toBeNull();
    expect(tag.data.uid).toBe(uid);
    const booking = await ownerA.rpc('book_service', {
      p_service_id: serviceId,
      p_pet_id: petId,
      p_starts_at: new Date().toISOString(),
      p_confirm: true,
    });
    expect(booking.error).toBeNull();
    expect(booking.data.status).toBe('confirmed');

    const scanId = randomUUID();
    const first = await ownerA.rpc('check_in_by_tag', { p_uid: uid, p_client_scan_id: scanId, p_device_id: 'vitest' });
    const replay = await ownerA.rpc('check_in_by_tag', { p_uid: uid, p_client_scan_id: scanId, p_device_id: 'vitest' });
    expect(first.error).toBeNull();
    expect(first.data.status).toBe('checked_in');
    expect(first.data.pet.name).toBe('Clover');
    expect(replay.data.scan_id).toBe(first.data.scan_id);
    expect(replay.data.replayed).toBe(true);
    const scans = await ownerA
      .from('tag_scans')
      .select('id', { count: 'exact', head: true })
      .eq('client_scan_id', scanId);
    expect(scans.count).toBe(1);
  });

  it('keeps another tenant out of every row and every scan', async () => {
    const pets = await ownerB.from('pets').select('id').eq('id', petId);
    expect(pets.error).toBeNull();
    expect(pets.data).toEqual([]);
    const update = await ownerB.from('pets').update({ name: 'Stolen' }).eq('id', petId).select();
    expect(update.data).toEqual([]);
    const scan = await ownerB.rpc('check_in_by_tag', {
      p_uid: uid,
      p_client_scan_id: randomUUID(),
      p_business_id: businessId,
    });
    expect(scan.error?.code).toBe('42501');
    expect(scan.status).toBe(403);
  });

  it('lets an invited colleague in with the invited role, once', async () => {
    const email = uniqueEmail('staff');
    const invite = await ownerA.rpc('create_invitation', {
      p_business_id: businessId,
      p_email: email,
      p_role: 'staff',
    });
    expect(invite.error).toBeNull();
    const { client: colleague } = await signedInClient(email);
    expect((await colleague.from('pets').select('id').eq('id', petId)).data).toEqual([]);
    const accepted = await colleague.rpc('accept_invitation', { p_token: invite.data.token });
    expect(accepted.error).toBeNull();
    expect(accepted.data.role).toBe('staff');
    expect((await colleague.from('pets').select('id').eq('id', petId)).data).toEqual([{ id: petId }]);
    const again = await colleague.rpc('accept_invitation', { p_token: invite.data.token });
    expect(again.error?.message).toMatch(/already used/);
  });
});
