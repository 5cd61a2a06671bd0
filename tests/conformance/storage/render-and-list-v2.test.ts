// Storage features that used to be refused: image transformations (/render/image, done with sharp
// where Supabase runs imgproxy) and list-v2 (cursor paging, folders with with_delimiter); plus the
// object info's `metadata`, which is `{}` (not null) for an upload without user metadata.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { stack } from '../../support/stack.ts';
import { applyStorageFixtures, storageUrl, storageUser, uniqueName } from './support.ts';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();

describe('storage image transformations', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  let path: string;
  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
    path = `${u.folder}/${uniqueName('png')}`;
    const up = await u.client.storage
      .from('cf-private')
      .upload(path, new Blob([await png(400, 200)], { type: 'image/png' }));
    expect(up.error).toBeNull();
  });

  it('resizes on download with cover (exact size), contain (inside the box) and fill', async () => {
    const bucket = u.client.storage.from('cf-private');
    const cover = await bucket.download(path, { transform: { width: 100, height: 100, format: 'origin' } });
    expect(cover.error).toBeNull();
    const meta = await sharp(Buffer.from(await cover.data!.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 100, 100]);
    const contain = await bucket.download(path, {
      transform: { width: 100, height: 100, resize: 'contain', format: 'origin' },
    });
    const c = await sharp(Buffer.from(await contain.data!.arrayBuffer())).metadata();
    expect([c.width, c.height]).toEqual([100, 50]);
    const fill = await bucket.download(path, {
      transform: { width: 30, height: 90, resize: 'fill', format: 'origin' },
    });
    const f = await sharp(Buffer.from(await fill.data!.arrayBuffer())).metadata();
    expect([f.width, f.height]).toEqual([30, 90]);
    const widthOnly = await bucket.download(path, { transform: { width: 200, format: 'origin' } });
    const w = await sharp(Buffer.from(await widthOnly.data!.arrayBuffer())).metadata();
    expect([w.width, w.height]).toEqual([200, 100]);
  });

  it('answers WebP when the client accepts it and no format is named', async () => {
    const r = await fetch(storageUrl(`/render/image/authenticated/cf-private/${path}?width=50`), {
      headers: { authorization: `Bearer ${u.token}`, apikey: stack.anonKey, accept: 'image/webp,*/*' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/webp');
    expect((await sharp(Buffer.from(await r.arrayBuffer())).metadata()).width).toBe(50);
  });

  it('renders through a signed URL whose token carries the transformation', async () => {
    const signed = await u.client.storage
      .from('cf-private')
      .createSignedUrl(path, 60, { transform: { width: 40, height: 20, format: 'origin' } });
    expect(signed.error).toBeNull();
    expect(signed.data!.signedUrl).toContain('/render/image/sign/cf-private/');
    const r = await fetch(signed.data!.signedUrl);
    expect(r.status).toBe(200);
    const m = await sharp(Buffer.from(await r.arrayBuffer())).metadata();
    expect([m.width, m.height]).toEqual([40, 20]);
  });

  it("keeps RLS: another user cannot render this user's image", async () => {
    const other = await storageUser();
    const r = await other.client.storage.from('cf-private').download(path, { transform: { width: 10 } });
    expect(r.data).toBeNull();
    expect(r.error).not.toBeNull();
  });

  it('answers bad options and non-image objects with 400, never a 5xx', async () => {
    const get = (q: string, p = path) =>
      fetch(storageUrl(`/render/image/authenticated/cf-private/${p}?${q}`), {
        headers: { authorization: `Bearer ${u.token}`, apikey: stack.anonKey },
      });
    for (const q of ['width=0', 'width=99999', 'height=-1', 'width=abc', 'quality=5', 'resize=stretch', 'format=bmp']) {
      const r = await get(q);
      expect(r.status, q).toBe(400);
      expect((await r.json()).error, q).toBe('InvalidRequest');
    }
    const text = `${u.folder}/${uniqueName('txt')}`;
    await u.client.storage.from('cf-private').upload(text, 'not an image', { contentType: 'text/plain' });
    expect((await get('width=10', text)).status).toBe(400);
    const broken = `${u.folder}/${uniqueName('png')}`;
    await u.client.storage
      .from('cf-private')
      .upload(broken, new Blob([Buffer.from('\x89PNG garbage')], { type: 'image/png' }));
    expect((await get('width=10', broken)).status).toBe(400);
  });

  it('transforms an image stored under a non-image content type, as imgproxy decides by the bytes', async () => {
    const odd = `${u.folder}/${uniqueName('jpg')}`;
    const bytes = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#204080' } })
      .jpeg()
      .toBuffer();
    const up = await u.client.storage.from('cf-private').upload(odd, bytes, { contentType: 'text/plain' });
    expect(up.error).toBeNull();
    const r = await u.client.storage.from('cf-private').download(odd, { transform: { width: 30, format: 'origin' } });
    expect(r.error).toBeNull();
    const meta = await sharp(Buffer.from(await r.data!.arrayBuffer())).metadata();
    expect([meta.format, meta.width]).toEqual(['jpeg', 30]);
    const signed = await u.client.storage
      .from('cf-private')
      .createSignedUrl(odd, 60, { transform: { width: 20, height: 10, quality: 50 } });
    const res = await fetch(signed.data!.signedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-transformations')).toBe('height:10,width:20,resizing_type:fill,quality:50');
  });
});

describe('storage list-v2 and object info', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
    const bucket = u.client.storage.from('cf-private');
    for (const name of ['a.txt', 'b.txt', 'docs/one.txt', 'docs/two.txt', 'docs/deep/three.txt', 'z.txt'])
      expect((await bucket.upload(`${u.folder}/${name}`, name)).error).toBeNull();
  });

  it('lists every key under a prefix in name order, paging with a cursor', async () => {
    const bucket = u.client.storage.from('cf-private');
    const first = await bucket.listV2({ prefix: `${u.folder}/`, limit: 4 });
    expect(first.error).toBeNull();
    expect(first.data!.hasNext).toBe(true);
    // Names are full paths (Supabase Storage answers storage-js's own suite so), like `key`.
    const full = (names: string[]) => names.map((n) => `${u.folder}/${n}`);
    expect(first.data!.objects.map((o) => o.name)).toEqual(
      full(['a.txt', 'b.txt', 'docs/deep/three.txt', 'docs/one.txt']),
    );
    expect(first.data!.objects[0]).toMatchObject({ key: `${u.folder}/a.txt` });
    expect(first.data!.objects[0].metadata).toMatchObject({ size: 5 });
    const second = await bucket.listV2({ prefix: `${u.folder}/`, limit: 4, cursor: first.data!.nextCursor });
    expect(second.data!.hasNext).toBe(false);
    expect(second.data!.nextCursor).toBeUndefined();
    expect(second.data!.objects.map((o) => o.name)).toEqual(full(['docs/two.txt', 'z.txt']));
  });

  it('folds deeper keys into folders with with_delimiter, and sorts descending', async () => {
    const bucket = u.client.storage.from('cf-private');
    const top = await bucket.listV2({ prefix: `${u.folder}/`, with_delimiter: true });
    // A folder's name is its full path with the trailing slash, its key the same without.
    expect(top.data!.folders).toEqual([{ key: `${u.folder}/docs`, name: `${u.folder}/docs/` }]);
    expect(top.data!.objects.map((o) => o.name)).toEqual([
      `${u.folder}/a.txt`,
      `${u.folder}/b.txt`,
      `${u.folder}/z.txt`,
    ]);
    const docs = await bucket.listV2({
      prefix: `${u.folder}/docs/`,
      with_delimiter: true,
      sortBy: { column: 'name', order: 'desc' },
    });
    expect(docs.data!.objects.map((o) => o.name)).toEqual([`${u.folder}/docs/two.txt`, `${u.folder}/docs/one.txt`]);
    expect(docs.data!.folders.map((f) => f.name)).toEqual([`${u.folder}/docs/deep/`]);
  });

  it('sorts by created_at either way, paging with a cursor that carries the date', async () => {
    const bucket = u.client.storage.from('cf-private');
    const dir = `${u.folder}/dated-${uniqueName('d')}`;
    // Uploaded in an order unlike the names' order.
    for (const name of ['m.txt', 'c.txt', 'x.txt', 'a.txt'])
      expect((await bucket.upload(`${dir}/${name}`, name)).error).toBeNull();
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const r = await bucket.listV2({
          prefix: `${dir}/`,
          limit: 3,
          sortBy: { column: 'created_at', order },
          ...(cursor ? { cursor } : {}),
        });
        expect(r.error).toBeNull();
        seen.push(...r.data!.objects.map((o) => o.name.slice(dir.length + 1)));
        cursor = r.data!.nextCursor;
        pages++;
      } while (cursor);
      const uploaded = ['m.txt', 'c.txt', 'x.txt', 'a.txt'];
      expect(seen, order).toEqual(order === 'asc' ? uploaded : [...uploaded].reverse());
      expect(pages).toBe(2);
    }
    const bad = await bucket.listV2({ prefix: `${dir}/`, sortBy: { column: 'created_at' }, cursor: 'bm90IGpzb24=' });
    expect(bad.error).not.toBeNull();
  });

  it("shows another user none of this user's keys", async () => {
    const other = await storageUser();
    const r = await other.client.storage.from('cf-private').listV2({ prefix: `${u.folder}/` });
    expect(r.data).toEqual({ hasNext: false, folders: [], objects: [] });
  });

  it('answers info with metadata {} for an upload that carried no user metadata', async () => {
    const info = await u.client.storage.from('cf-private').info(`${u.folder}/a.txt`);
    expect(info.error).toBeNull();
    expect(info.data!.metadata).toEqual({});
  });
});
