// Where the local storage once differed from Supabase Storage or let bad input through: the full MIME
// type is compared against a bucket's allowed types, signed-URL expiry has storage's cap, bucket JSON
// and the empty-bucket message are storage's own, and a NUL byte anywhere a name goes is a 400.
import { beforeAll, describe, expect, it } from 'vitest';
import { db, serviceClient, stack } from '../../support/stack.ts';
import { applyStorageFixtures, storageUrl, storageUser, uniqueName } from './support.ts';

/** Storage's cap: an expiry whose absolute time in milliseconds is still a safe integer. */
const maxExpiresIn = () => Math.floor(Number.MAX_SAFE_INTEGER / 1000) - Math.floor(Date.now() / 1000);

describe('storage fidelity', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  const rawUpload = (path: string, contentType: string, body: BodyInit = 'hello') =>
    fetch(storageUrl(`/object/cf-limited/${path}`), {
      method: 'POST',
      headers: { authorization: `Bearer ${u.token}`, apikey: stack.anonKey, 'content-type': contentType },
      body,
    });
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

  describe('allowed MIME types (cf-limited allows image/png and text/*)', () => {
    for (const mime of ['image/png/../text/html', 'image/png/x', 'text/html/../../x', 'image/png\\', 'text/']) {
      it(`refuses the content type ${JSON.stringify(mime)} with 415 InvalidMimeType and stores nothing`, async () => {
        const path = `${u.folder}/${uniqueName('html')}`;
        const res = await rawUpload(path, mime);
        expect(await res.json()).toEqual({
          statusCode: '415',
          code: 'InvalidMimeType',
          error: 'invalid_mime_type',
          message: `mime type ${mime} is not supported`,
        });
        expect(await rowCount(path)).toBe(0);
      });
    }

    it('still accepts an exact type and any subtype of a wildcard entry', async () => {
      expect((await rawUpload(`${u.folder}/${uniqueName('png')}`, 'image/png')).status).toBe(200);
      expect((await rawUpload(`${u.folder}/${uniqueName('html')}`, 'text/html')).status).toBe(200);
    });

    it("keeps a multipart part with an unparsable type as text/plain (the parser's default, as in storage)", async () => {
      const path = `${u.folder}/${uniqueName('html')}`;
      const { error } = await u.client.storage
        .from('cf-limited')
        .upload(path, new Blob(['<script>1</script>'], { type: 'image/png/../text/html' }));
      expect(error).toBeNull();
      const res = await fetch(storageUrl(`/object/cf-limited/${path}`), {
        headers: { authorization: `Bearer ${u.token}`, apikey: stack.anonKey },
      });
      expect(res.headers.get('content-type')).toBe('text/plain');
    });
  });

  describe('signed URL expiry', () => {
    let path: string;
    beforeAll(async () => {
      path = `${u.folder}/${uniqueName()}`;
      const { error } = await u.client.storage.from('cf-private').upload(path, 'signed');
      expect(error).toBeNull();
    });

    it("refuses an expiry past storage's cap with InvalidParameter", async () => {
      for (const expiresIn of [maxExpiresIn() + 60, 1e300]) {
        const { data, error } = await u.client.storage.from('cf-private').createSignedUrl(path, expiresIn);
        expect(data).toBeNull();
        expect(error).toMatchObject({ statusCode: '400', message: 'Invalid Parameter expiresIn' });
      }
    });

    it('refuses the same expiry when signing several paths at once', async () => {
      const { data, error } = await u.client.storage.from('cf-private').createSignedUrls([path], maxExpiresIn() + 60);
      expect(data).toBeNull();
      expect(error).toMatchObject({ statusCode: '400', message: 'Invalid Parameter expiresIn' });
    });

    it('signs an expiry at the cap, and the URL downloads', async () => {
      const { data, error } = await u.client.storage.from('cf-private').createSignedUrl(path, maxExpiresIn() - 60);
      expect(error).toBeNull();
      const res = await fetch(data!.signedUrl);
      expect(await res.text()).toBe('signed');
    });
  });

  describe('buckets', () => {
    it('answers a single bucket without the type field, and lists buckets with it', async () => {
      const admin = serviceClient();
      const one = await admin.storage.getBucket('cf-private');
      expect(one.error).toBeNull();
      expect(Object.keys(one.data!).sort()).toEqual(
        ['allowed_mime_types', 'created_at', 'file_size_limit', 'id', 'name', 'owner', 'public', 'updated_at'].sort(),
      );
      const all = await admin.storage.listBuckets();
      expect(all.data!.find((b) => b.id === 'cf-private')).toMatchObject({ type: 'STANDARD' });
    });

    it("answers emptying a bucket with storage's message", async () => {
      const admin = serviceClient();
      const id = `cf-empty-${Date.now().toString(36)}`;
      expect((await admin.storage.createBucket(id)).error).toBeNull();
      await admin.storage.from(id).upload('a.txt', 'x');
      const { data, error } = await admin.storage.emptyBucket(id);
      expect(error).toBeNull();
      expect(data).toEqual({ message: 'Empty bucket has been queued. Completion may take up to an hour.' });
      expect((await admin.storage.from(id).list()).data).toEqual([]);
      await admin.storage.deleteBucket(id);
    });
  });

  describe('a NUL byte in a name', () => {
    const call = (method: string, path: string, body?: unknown) =>
      fetch(storageUrl(path), {
        method,
        headers: { authorization: `Bearer ${u.token}`, apikey: stack.anonKey, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    const cases: Array<[string, () => Promise<Response>]> = [
      ['an upload key', () => call('POST', `/object/cf-private/${u.folder}/a%00b.txt`, 'x')],
      ['a download key', () => call('GET', `/object/cf-private/${u.folder}/a%00b.txt`)],
      ['an info key', () => call('GET', `/object/info/cf-private/${u.folder}/a%00b.txt`)],
      ['a bucket id', () => call('GET', '/bucket/cf%00private')],
      ['a bucket in an object path', () => call('GET', `/object/cf%00private/${u.folder}/a.txt`)],
      ['a list prefix', () => call('POST', '/object/list/cf-private', { prefix: `${u.folder}/a\u0000b` })],
      ['a list search', () => call('POST', '/object/list/cf-private', { prefix: u.folder, search: 'a\u0000' })],
      [
        'a path to sign in bulk',
        () => call('POST', '/object/sign/cf-private', { expiresIn: 60, paths: [`${u.folder}/a\u0000b`] }),
      ],
      ['a prefix to remove', () => call('DELETE', '/object/cf-private', { prefixes: [`${u.folder}/a\u0000b`] })],
      [
        'a move destination',
        () =>
          call('POST', '/object/move', {
            bucketId: 'cf-private',
            sourceKey: `${u.folder}/x`,
            destinationKey: `${u.folder}/a\u0000b`,
          }),
      ],
      ['a new bucket id', () => call('POST', '/bucket', { name: 'cf\u0000x' })],
    ];
    for (const [what, send] of cases) {
      it(`answers ${what} containing NUL with a 4xx, never a 5xx`, async () => {
        const res = await send();
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const body = await res.json();
        expect(Number(body.statusCode)).toBeLessThan(500);
      });
    }
  });
});
