// RLS on storage.objects as Supabase applies it: every upload, read and delete runs as the caller,
// so the fixture's folder-per-user policies decide (fixtures/storage.sql).
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';
import { applyStorageFixtures, storageUser, uniqueName } from './support.ts';

describe('storage RLS on storage.objects', () => {
  let alice: Awaited<ReturnType<typeof storageUser>>;
  let bob: Awaited<ReturnType<typeof storageUser>>;

  beforeAll(async () => {
    await applyStorageFixtures();
    [alice, bob] = await Promise.all([storageUser(), storageUser()]);
  });

  it('lets a user upload into their own folder and read it back', async () => {
    const path = `${alice.folder}/${uniqueName()}`;
    const up = await alice.client.storage.from('cf-private').upload(path, 'mine');
    expect(up.error).toBeNull();
    expect(up.data?.fullPath).toBe(`cf-private/${path}`);
    const down = await alice.client.storage.from('cf-private').download(path);
    expect(down.error).toBeNull();
    expect(await down.data!.text()).toBe('mine');
  });

  it("refuses an object outside the user's folder with a row-level security error", async () => {
    const { data, error } = await alice.client.storage
      .from('cf-private')
      .upload(`${bob.folder}/${uniqueName()}`, 'intruder');
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
  });

  it('refuses an upload from the anon role', async () => {
    const { error } = await anonClient().storage.from('cf-private').upload(`${alice.folder}/${uniqueName()}`, 'anon');
    expect(error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
  });

  it("hides another user's object from download, info and signing", async () => {
    const path = `${alice.folder}/${uniqueName()}`;
    expect((await alice.client.storage.from('cf-private').upload(path, 'secret')).error).toBeNull();
    const bucket = bob.client.storage.from('cf-private');
    const down = await bucket.download(path);
    expect(down.error).toMatchObject({ statusCode: '404', message: 'Object not found' });
    const info = await bucket.info(path);
    expect(info.error).toMatchObject({ statusCode: '404' });
    expect((await bucket.exists(path)).data).toBe(false);
    const signed = await bucket.createSignedUrl(path, 60);
    expect(signed.error).toMatchObject({ statusCode: '404' });
  });

  it("deletes nothing when a user removes another user's object", async () => {
    const path = `${alice.folder}/${uniqueName()}`;
    expect((await alice.client.storage.from('cf-private').upload(path, 'keep')).error).toBeNull();
    const removed = await bob.client.storage.from('cf-private').remove([path]);
    expect(removed).toEqual({ data: [], error: null });
    expect((await alice.client.storage.from('cf-private').exists(path)).data).toBe(true);
  });

  it("removes the user's own objects and returns their rows", async () => {
    const path = `${alice.folder}/${uniqueName()}`;
    expect((await alice.client.storage.from('cf-private').upload(path, 'bye')).error).toBeNull();
    const { data, error } = await alice.client.storage.from('cf-private').remove([path]);
    expect(error).toBeNull();
    expect(data).toHaveLength(1);
    expect(data![0]).toMatchObject({ name: path, bucket_id: 'cf-private', owner: alice.user.id });
    expect((await alice.client.storage.from('cf-private').download(path)).error).toMatchObject({ statusCode: '404' });
  });

  it('lets a user upload with only an INSERT policy, without reading the object back', async () => {
    const path = `${alice.folder}/${uniqueName()}`;
    const up = await alice.client.storage.from('cf-dropbox').upload(path, 'dropped');
    expect(up.error).toBeNull();
    expect(up.data?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await alice.client.storage.from('cf-dropbox').download(path)).error).toMatchObject({ statusCode: '404' });
  });

  it("records the uploading user as the object's owner", async () => {
    const path = `${alice.folder}/${uniqueName()}`;
    const up = await alice.client.storage.from('cf-private').upload(path, 'owned');
    expect(up.error).toBeNull();
    const listed = await alice.client.storage.from('cf-private').list(alice.folder, { search: path.split('/')[1] });
    expect(listed.data?.map((o) => o.name)).toEqual([path.split('/')[1]]);
    const { data } = await alice.client.storage.from('cf-private').remove([path]);
    expect(data![0]).toMatchObject({ owner: alice.user.id, owner_id: alice.user.id });
  });
});
