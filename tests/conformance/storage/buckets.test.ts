// Bucket management: storage.buckets has RLS and no policies, so the service role manages buckets and
// signed-in users are refused, as in a fresh Supabase project.
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceClient } from '../../support/stack.ts';
import { applyStorageFixtures, storageUser } from './support.ts';

const bucketId = (tag: string) => `cf-${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('storage buckets', () => {
  const admin = serviceClient();
  let u: Awaited<ReturnType<typeof storageUser>>;

  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
  });

  it('creates, reads, updates and deletes a bucket as the service role', async () => {
    const id = bucketId('crud');
    expect(
      await admin.storage.createBucket(id, { public: false, fileSizeLimit: '2MB', allowedMimeTypes: ['image/*'] }),
    ).toEqual({ data: { name: id }, error: null });
    const got = await admin.storage.getBucket(id);
    expect(got.data).toMatchObject({
      id,
      name: id,
      public: false,
      file_size_limit: 2_000_000,
      allowed_mime_types: ['image/*'],
    });
    expect(got.data).not.toHaveProperty('type');
    expect(
      (await admin.storage.updateBucket(id, { public: true, fileSizeLimit: 1000, allowedMimeTypes: null })).data,
    ).toEqual({ message: 'Successfully updated' });
    expect((await admin.storage.getBucket(id)).data).toMatchObject({
      public: true,
      file_size_limit: 1000,
      allowed_mime_types: null,
    });
    expect((await admin.storage.deleteBucket(id)).data).toEqual({ message: 'Successfully deleted' });
    expect((await admin.storage.getBucket(id)).error).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
  });

  it('lists buckets with search and paging', async () => {
    const id = bucketId('list');
    await admin.storage.createBucket(id);
    const { data, error } = await admin.storage.listBuckets({ search: id, limit: 5 });
    expect(error).toBeNull();
    expect(data!.map((b) => b.id)).toEqual([id]);
    await admin.storage.deleteBucket(id);
  });

  it('refuses a duplicate bucket id', async () => {
    const id = bucketId('dup');
    await admin.storage.createBucket(id);
    const { error } = await admin.storage.createBucket(id);
    expect(error).toMatchObject({ statusCode: '409', message: 'The resource already exists' });
    await admin.storage.deleteBucket(id);
  });

  it('refuses bucket creation, update and deletion by a signed-in user', async () => {
    const create = await u.client.storage.createBucket(bucketId('user'));
    expect(create.error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
    expect((await u.client.storage.updateBucket('cf-private', { public: true })).error).toMatchObject({
      statusCode: '404',
      message: 'Bucket not found',
    });
    const empty = bucketId('keep');
    await admin.storage.createBucket(empty);
    expect((await u.client.storage.deleteBucket(empty)).error).toMatchObject({
      statusCode: '404',
      message: 'Bucket not found',
    });
    expect((await admin.storage.getBucket(empty)).error).toBeNull();
    expect((await admin.storage.getBucket('cf-private')).data?.public).toBe(false);
    await admin.storage.deleteBucket(empty);
  });

  it('shows a signed-in user only the buckets a storage.buckets policy lets them see', async () => {
    const { data, error } = await u.client.storage.listBuckets();
    expect(error).toBeNull();
    // the fixture adds no policy on storage.buckets, so its cf-* buckets stay hidden from users
    expect(data!.filter((b) => b.id.startsWith('cf-'))).toEqual([]);
    expect((await admin.storage.listBuckets({ search: 'cf-private' })).data!.map((b) => b.id)).toContain('cf-private');
  });

  it('refuses to delete a bucket that still has objects, and empties it as the service role', async () => {
    const id = bucketId('full');
    await admin.storage.createBucket(id);
    expect((await admin.storage.from(id).upload('a/b.txt', 'x')).error).toBeNull();
    expect((await admin.storage.deleteBucket(id)).error).toMatchObject({
      statusCode: '409',
      message: 'The bucket you tried to delete is not empty',
    });
    expect((await u.client.storage.emptyBucket(id)).error).toMatchObject({ statusCode: '403' });
    expect((await admin.storage.emptyBucket(id)).error).toBeNull();
    expect((await admin.storage.from(id).list('a')).data).toEqual([]);
    expect((await admin.storage.deleteBucket(id)).error).toBeNull();
  });

  it('refuses an invalid bucket name and a size limit above the global one', async () => {
    expect((await admin.storage.createBucket('bad/name')).error).toMatchObject({
      statusCode: '400',
      message: 'Bucket name invalid',
    });
    expect(
      (await admin.storage.createBucket(bucketId('huge'), { public: false, fileSizeLimit: '5GB' })).error,
    ).toMatchObject({ statusCode: '413' });
  });

  it('creates the buckets supabase/config.toml declares, with their limits', async () => {
    const { data } = await admin.storage.getBucket('pet-photos');
    expect(data).toMatchObject({
      public: false,
      file_size_limit: 10 * 1024 * 1024,
      allowed_mime_types: ['image/png', 'image/jpeg', 'image/webp'],
    });
  });
});
