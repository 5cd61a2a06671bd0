// Signed URLs: a JWT {url, scope, iat, exp} signed with the project secret stands in for the caller
// until it expires; issuing one needs read access (download) or write access (upload).
import { beforeAll, describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';
import { applyStorageFixtures, storageUser, uniqueName } from './support.ts';

const tokenOf = (signedUrl: string) => new URL(signedUrl).searchParams.get('token')!;
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());

describe('storage signed URLs', () => {
  let u: Awaited<ReturnType<typeof storageUser>>;
  let path: string;
  const bucket = () => u.client.storage.from('cf-private');

  beforeAll(async () => {
    await applyStorageFixtures();
    u = await storageUser();
    path = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(path, 'signed bytes')).error).toBeNull();
  });

  it('serves a private object to anyone holding a signed URL', async () => {
    const { data, error } = await bucket().createSignedUrl(path, 60);
    expect(error).toBeNull();
    const res = await fetch(data!.signedUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('signed bytes');
  });

  it('signs a token naming the object, its scope and its expiry', async () => {
    const { data } = await bucket().createSignedUrl(path, 120);
    const claims = claimsOf(tokenOf(data!.signedUrl));
    expect(claims).toMatchObject({ url: `cf-private/${path}`, scope: 'download' });
    expect(claims.exp - claims.iat).toBe(120);
  });

  it('accepts a signed URL until it expires, then refuses it', async () => {
    // exp is whole seconds after a whole-second iat: 2 s leaves at least 1 s of validity
    const { data } = await bucket().createSignedUrl(path, 2);
    const before = await fetch(data!.signedUrl);
    expect(before.status).toBe(200);
    await before.body?.cancel();
    await new Promise((r) => setTimeout(r, 3100));
    const after = await fetch(data!.signedUrl);
    expect(after.status).toBe(400);
    expect(await after.json()).toMatchObject({
      statusCode: '400',
      code: 'ExpiredToken',
      message: 'The provided token has expired.',
    });
  });

  it('refuses a token whose signature was tampered with', async () => {
    const { data } = await bucket().createSignedUrl(path, 60);
    const token = tokenOf(data!.signedUrl);
    const url = new URL(data!.signedUrl);
    url.searchParams.set('token', token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA'));
    const res = await fetch(url);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: '400', code: 'InvalidJWT' });
  });

  it('refuses a valid token presented for a different object', async () => {
    const other = `${u.folder}/${uniqueName()}`;
    expect((await bucket().upload(other, 'other')).error).toBeNull();
    const { data } = await bucket().createSignedUrl(path, 60);
    const url = new URL(data!.signedUrl.replace(encodeURI(path), encodeURI(other)));
    const res = await fetch(url);
    expect(await res.json()).toMatchObject({
      statusCode: '400',
      code: 'InvalidSignature',
      message: 'Invalid signature',
    });
  });

  it('signs several paths at once and reports the ones it cannot see', async () => {
    const { data, error } = await bucket().createSignedUrls([path, `${u.folder}/missing.txt`], 60);
    expect(error).toBeNull();
    expect(data![0]).toMatchObject({ path, error: null });
    expect(await (await fetch(data![0].signedUrl!)).text()).toBe('signed bytes');
    expect(data![1]).toMatchObject({
      path: `${u.folder}/missing.txt`,
      signedUrl: null,
      error: 'Either the object does not exist or you do not have access to it',
    });
  });

  it("uploads through a signed upload URL without the uploader's credentials", async () => {
    const target = `${u.folder}/${uniqueName()}`;
    const signed = await bucket().createSignedUploadUrl(target);
    expect(signed.error).toBeNull();
    const up = await anonClient()
      .storage.from('cf-private')
      .uploadToSignedUrl(target, signed.data!.token, 'via signed upload');
    expect(up.error).toBeNull();
    expect(up.data?.fullPath).toBe(`cf-private/${target}`);
    expect(await (await bucket().download(target)).data!.text()).toBe('via signed upload');
  });

  it("refuses to issue a signed upload URL outside the user's folder", async () => {
    const { error } = await bucket().createSignedUploadUrl(`someone-else/${uniqueName()}`);
    expect(error).toMatchObject({ statusCode: '403', message: 'new row violates row-level security policy' });
  });

  it('does not accept a download token for an upload', async () => {
    const target = `${u.folder}/${uniqueName()}`;
    const { data } = await bucket().createSignedUrl(path, 60);
    const res = await anonClient()
      .storage.from('cf-private')
      .uploadToSignedUrl(target, tokenOf(data!.signedUrl), 'nope');
    expect(res.error).toMatchObject({ statusCode: '400' });
  });
});
