// Downloads: authenticated (RLS), public buckets without a JWT, and the HTTP headers storage sends.
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';
import { applyStorageFixtures, storageUrl, storageUser, uniqueName } from './support.ts';

describe('storage downloads', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  let privatePath: string;
  let publicPath: string;

  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
    privatePath = `${u.folder}/${uniqueName()}`;
    publicPath = `${u.folder}/${uniqueName()}`;
    expect((await u.client.storage.from('cf-private').upload(privatePath, 'private bytes')).error).toBeNull();
    expect(
      (
        await u.client.storage
          .from('cf-public')
          .upload(publicPath, '0123456789', { contentType: 'text/plain', cacheControl: '60' })
      ).error,
    ).toBeNull();
  });

  it("serves a public bucket's object at its public URL without any credentials", async () => {
    const { data } = anonClient().storage.from('cf-public').getPublicUrl(publicPath);
    const res = await fetch(data.publicUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('0123456789');
  });

  it("does not serve a private bucket's object at a public URL", async () => {
    const { data } = u.client.storage.from('cf-private').getPublicUrl(privatePath);
    const res = await fetch(data.publicUrl);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      statusCode: '404',
      error: 'Bucket not found',
      message: 'Bucket not found',
    });
  });

  it('lets anyone with the anon key download from a public bucket, RLS aside', async () => {
    const { data, error } = await anonClient().storage.from('cf-public').download(publicPath);
    expect(error).toBeNull();
    expect(await data!.text()).toBe('0123456789');
  });

  it('does not let the anon key download from a private bucket', async () => {
    const { error } = await anonClient().storage.from('cf-private').download(privatePath);
    expect(error).toMatchObject({ statusCode: '404', message: 'Object not found' });
  });

  it('sends content type, cache control, etag, last-modified and length', async () => {
    const res = await fetch(storageUrl(`/object/public/cf-public/${publicPath}`));
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('cache-control')).toBe('max-age=60');
    expect(res.headers.get('etag')).toBe('"781e5e245d69b566979b86e28d23f2c7"');
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(res.headers.get('content-length')).toBe('10');
    await res.body?.cancel();
  });

  it('answers 304 when the etag still matches', async () => {
    const url = storageUrl(`/object/public/cf-public/${publicPath}`);
    const etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag')!;
    const res = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
  });

  it('serves a byte range with 206 and Content-Range', async () => {
    const res = await fetch(storageUrl(`/object/public/cf-public/${publicPath}`), { headers: { range: 'bytes=2-5' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await res.text()).toBe('2345');
  });

  it('asks the browser to save the file when download is requested', async () => {
    const { data } = anonClient().storage.from('cf-public').getPublicUrl(publicPath, { download: 'report.txt' });
    const res = await fetch(data.publicUrl);
    expect(res.headers.get('content-disposition')).toContain('attachment; filename=report.txt');
    await res.body?.cancel();
  });

  it('serves the authenticated route under RLS', async () => {
    const res = await fetch(storageUrl(`/object/authenticated/cf-private/${privatePath}`), {
      headers: { authorization: `Bearer ${u.token}` },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('private bytes');
  });

  it("answers HEAD with the object's headers and no body", async () => {
    const res = await fetch(storageUrl(`/object/public/cf-public/${publicPath}`), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('10');
    expect(await res.text()).toBe('');
  });
});
