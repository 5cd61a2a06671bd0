// Uploads as storage-js sends them: raw bodies and multipart (Blob/File, file field named ""), with
// x-upsert, updates (PUT), and the metadata storage records for them.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyStorageFixtures, storageUser, uniqueName } from './support.ts';

describe('storage uploads', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  const bucket = () => u.client.storage.from('cf-private');

  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
  });

  it('stores a raw body with its content type and cache control', async () => {
    const path = `${u.folder}/${uniqueName('json')}`;
    const up = await bucket().upload(path, JSON.stringify({ a: 1 }), {
      contentType: 'application/json',
      cacheControl: '120',
    });
    expect(up.error).toBeNull();
    expect(up.data?.id).toMatch(/^[0-9a-f-]{36}$/);
    const info = await bucket().info(path);
    expect(info.data).toMatchObject({ contentType: 'application/json', cacheControl: 'max-age=120', size: 7 });
  });

  it("stores a multipart Blob upload byte for byte with the Blob's type", async () => {
    const path = `${u.folder}/${uniqueName('bin')}`;
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const up = await bucket().upload(path, new Blob([bytes], { type: 'application/octet-stream' }));
    expect(up.error).toBeNull();
    const down = await bucket().download(path);
    expect(down.error).toBeNull();
    expect(new Uint8Array(await down.data!.arrayBuffer())).toEqual(bytes);
    expect(down.data!.type).toBe('application/octet-stream');
  });

  it('refuses a second upload to the same path without upsert as a duplicate', async () => {
    const path = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(path, 'first')).error).toBeNull();
    const again = await bucket().upload(path, 'second');
    expect(again.error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
    expect(await (await bucket().download(path)).data!.text()).toBe('first');
  });

  it('replaces the object when uploading with upsert', async () => {
    const path = `${u.folder}/${uniqueName()}`;
    const first = await bucket().upload(path, 'first');
    const second = await bucket().upload(path, 'second version', { upsert: true });
    expect(second.error).toBeNull();
    expect(second.data?.id).toBe(first.data?.id);
    expect(await (await bucket().download(path)).data!.text()).toBe('second version');
  });

  it('overwrites an object with update (PUT)', async () => {
    const path = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(path, 'old')).error).toBeNull();
    const up = await bucket().update(path, new Blob(['new'], { type: 'text/plain' }));
    expect(up.error).toBeNull();
    const down = await bucket().download(path);
    expect(await down.data!.text()).toBe('new');
  });

  it('keeps user metadata sent with the upload', async () => {
    const path = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(path, 'tagged', { metadata: { pet: 'Rex', n: 2 } })).error).toBeNull();
    const multi = `${u.folder}/${uniqueName()}`;
    expect(
      (await bucket().upload(multi, new Blob(['x'], { type: 'text/plain' }), { metadata: { via: 'form' } })).error,
    ).toBeNull();
    expect((await bucket().info(path)).data?.metadata).toEqual({ pet: 'Rex', n: 2 });
    expect((await bucket().info(multi)).data?.metadata).toEqual({ via: 'form' });
  });

  it('accepts a streamed body without buffering it client-side', async () => {
    const path = `${u.folder}/${uniqueName()}`;
    const chunks = ['one,', 'two,', 'three'];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const up = await bucket().upload(path, stream, { contentType: 'text/csv' });
    expect(up.error).toBeNull();
    expect(await (await bucket().download(path)).data!.text()).toBe('one,two,three');
  });

  it('refuses an object key with characters storage does not allow', async () => {
    const { error } = await bucket().upload(`${u.folder}/bad\u00e9name.txt`, 'x');
    expect(error).toMatchObject({ statusCode: '400' });
    expect(error?.message).toMatch(/^Invalid key/);
  });

  it('answers 404 Bucket not found for an upload to a missing bucket', async () => {
    const { error } = await u.client.storage.from('cf-no-such-bucket').upload(`${u.folder}/x.txt`, 'x');
    expect(error).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });
});
