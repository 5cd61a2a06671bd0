// Moving and copying objects, judged by RLS as the caller (UPDATE for move, SELECT + INSERT for copy).
import { beforeAll, describe, expect, it } from 'vitest';
import { applyStorageFixtures, storageUser, uniqueName } from './support.ts';

describe('storage move and copy', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  const bucket = () => u.client.storage.from('cf-private');

  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
  });

  it('moves an object to a new name, leaving nothing behind', async () => {
    const from = `${u.folder}/${uniqueName()}`;
    const to = `${u.folder}/moved/${uniqueName()}`;
    const up = await bucket().upload(from, 'moving');
    const { data, error } = await bucket().move(from, to);
    expect(error).toBeNull();
    expect(data).toMatchObject({ message: 'Successfully moved' });
    expect(await (await bucket().download(to)).data!.text()).toBe('moving');
    expect((await bucket().download(from)).error).toMatchObject({ statusCode: '404' });
    expect((await bucket().info(to)).data?.id).toBe(up.data?.id);
  });

  it('copies an object, keeping the source and its content type', async () => {
    const from = `${u.folder}/${uniqueName()}`;
    const to = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(from, '{"x":1}', { contentType: 'application/json' })).error).toBeNull();
    const { data, error } = await bucket().copy(from, to);
    expect(error).toBeNull();
    expect(data).toEqual({ path: `cf-private/${to}` });
    expect(await (await bucket().download(to)).data!.text()).toBe('{"x":1}');
    expect(await (await bucket().download(from)).data!.text()).toBe('{"x":1}');
    expect((await bucket().info(to)).data?.contentType).toBe('application/json');
  });

  it('copies into another bucket', async () => {
    const from = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(from, 'across')).error).toBeNull();
    const { error } = await bucket().copy(from, from, { destinationBucket: 'cf-public' });
    expect(error).toBeNull();
    expect(await (await u.client.storage.from('cf-public').download(from)).data!.text()).toBe('across');
  });

  it("refuses to move an object out of the user's folder", async () => {
    const from = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(from, 'stay')).error).toBeNull();
    const { error } = await bucket().move(from, `elsewhere/${uniqueName()}`);
    expect(error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    expect(await (await bucket().download(from)).data!.text()).toBe('stay');
  });

  it('refuses to copy over an existing object', async () => {
    const a = `${u.folder}/${uniqueName()}`;
    const b = `${u.folder}/${uniqueName()}`;
    await bucket().upload(a, 'a');
    await bucket().upload(b, 'b');
    const { error } = await bucket().copy(a, b);
    expect(error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
    expect(await (await bucket().download(b)).data!.text()).toBe('b');
  });

  it('answers Object not found when moving a missing object', async () => {
    const { error } = await bucket().move(`${u.folder}/nope.txt`, `${u.folder}/still-nope.txt`);
    expect(error).toMatchObject({ statusCode: '404', message: 'Object not found' });
  });
});
