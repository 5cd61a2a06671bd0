// Files under <business_id>/<pet_id>/ through supabase-js storage: staff upload, the pet's parent reads
// (and gets a signed URL), another tenant can neither read nor write there.
import { randomUUID } from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient, signedInClient, uniqueEmail } from '../support/stack.ts';

type Client = SupabaseClient<any, any, any>;

let owner: Client;
let parent: Client;
let rival: Client;
let folder: string;
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
  ({ client: owner } = await signedInClient(uniqueEmail('files-owner')));
  const parentLogin = await signedInClient(uniqueEmail('files-parent'));
  parent = parentLogin.client;
  ({ client: rival } = await signedInClient(uniqueEmail('files-rival')));
  const slug = `files-${randomUUID().slice(0, 8)}`;
  const businessId = (await owner.rpc('create_business', { p_name: 'Files Daycare', p_slug: slug })).data.id;
  await rival.rpc('create_business', { p_name: 'Rival', p_slug: `${slug}-rival` });
  const created = await owner.rpc('create_client_with_pets', {
    p_business_id: businessId,
    p_client: { full_name: 'Files Parent' },
    p_pets: [{ name: 'Pixel', species: 'cat' }],
  });
  await serviceClient().from('clients').update({ user_id: parentLogin.user.id }).eq('id', created.data.client.id);
  folder = `${businessId}/${created.data.pets[0].id}`;
});

describe('pet files in storage', () => {
  it('lets staff upload and the parent read, via a signed URL too', async () => {
    const up = await owner.storage
      .from('pet-photos')
      .upload(`${folder}/portrait.png`, png, { contentType: 'image/png' });
    expect(up.error).toBeNull();
    const list = await parent.storage.from('pet-photos').list(folder);
    expect(list.data?.map((f) => f.name)).toEqual(['portrait.png']);
    const signed = await parent.storage.from('pet-photos').createSignedUrl(`${folder}/portrait.png`, 60);
    expect(signed.error).toBeNull();
    const res = await fetch(signed.data!.signedUrl);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(png);
  });

  it('refuses another tenant both ways', async () => {
    const read = await rival.storage.from('pet-photos').download(`${folder}/portrait.png`);
    expect(read.error).not.toBeNull();
    const write = await rival.storage
      .from('pet-photos')
      .upload(`${folder}/intruder.png`, png, { contentType: 'image/png' });
    expect(write.error).not.toBeNull();
    const list = await rival.storage.from('pet-photos').list(folder);
    expect(list.data ?? []).toEqual([]);
  });

  it('keeps incident photos for staff to add, not parents', async () => {
    const byParent = await parent.storage
      .from('incident-photos')
      .upload(`${folder}/scrape.png`, png, { contentType: 'image/png' });
    expect(byParent.error).not.toBeNull();
    const byStaff = await owner.storage
      .from('incident-photos')
      .upload(`${folder}/scrape.png`, png, { contentType: 'image/png' });
    expect(byStaff.error).toBeNull();
  });
});
