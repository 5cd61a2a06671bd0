// A bucket's size and MIME limits (fixture bucket cf-limited: 1 KiB, image/png and text/*), enforced
// while the upload streams, before anything is stored.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../support/stack.ts';
import { applyStorageFixtures, storageUrl, storageUser, uniqueName } from './support.ts';

describe('storage bucket limits', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  const bucket = () => u.client.storage.from('cf-limited');
  const rowCount = async (name: string) => {
    const c = await db();
    try {
      return (await c.query(`select 1 from storage.objects where bucket_id = 'cf-limited' and name = $1`, [name]))
        .rowCount;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
  });

  it('accepts a file at the size limit', async () => {
    const { error } = await bucket().upload(`${u.folder}/${uniqueName('png')}`, new Uint8Array(1024), {
      contentType: 'image/png',
    });
    expect(error).toBeNull();
  });

  it('refuses a raw upload over the size limit with 413 Payload too large', async () => {
    const path = `${u.folder}/${uniqueName('png')}`;
    const { error } = await bucket().upload(path, new Uint8Array(1025), { contentType: 'image/png' });
    expect(error).toMatchObject({ statusCode: '413', message: 'The object exceeded the maximum allowed size' });
    expect(await rowCount(path)).toBe(0);
  });

  it('refuses a multipart upload over the size limit', async () => {
    const path = `${u.folder}/${uniqueName('png')}`;
    const { error } = await bucket().upload(path, new Blob([new Uint8Array(5000)], { type: 'image/png' }));
    expect(error).toMatchObject({ statusCode: '413' });
    expect(await rowCount(path)).toBe(0);
  });

  it('counts the bytes of a body sent without a Content-Length', async () => {
    const path = `${u.folder}/${uniqueName('png')}`;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 4096) return controller.close();
        sent += 512;
        controller.enqueue(new Uint8Array(512));
      },
    });
    const res = await fetch(storageUrl(`/object/cf-limited/${path}`), {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { authorization: `Bearer ${u.token}`, 'content-type': 'image/png' },
    } as RequestInit);
    expect(await res.json()).toMatchObject({ statusCode: '413', error: 'Payload too large' });
    expect(await rowCount(path)).toBe(0);
  });

  it('refuses a MIME type the bucket does not allow with 415', async () => {
    const { error } = await bucket().upload(`${u.folder}/${uniqueName('pdf')}`, 'pdf', {
      contentType: 'application/pdf',
    });
    expect(error).toMatchObject({ statusCode: '415', message: 'mime type application/pdf is not supported' });
  });

  it('accepts any subtype of a wildcard MIME entry', async () => {
    const { error } = await bucket().upload(`${u.folder}/${uniqueName('csv')}`, 'a,b', { contentType: 'text/csv' });
    expect(error).toBeNull();
  });

  it('checks the MIME type of a multipart file part', async () => {
    const { error } = await bucket().upload(
      `${u.folder}/${uniqueName('gif')}`,
      new Blob(['GIF89a'], { type: 'image/gif' }),
    );
    expect(error).toMatchObject({ statusCode: '415', message: 'mime type image/gif is not supported' });
  });
});
