// Storage verifies the Bearer JWT itself (the gateway does not guard /storage/v1).
import { describe, expect, it } from 'vitest';
import { anonClient, stack } from '../../support/stack.ts';
import { storageUrl, userJwt } from './support.ts';

describe('storage JWT checks', () => {
  it('refuses a token signed with another secret', async () => {
    const forged = userJwt('00000000-0000-0000-0000-000000000001').replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    const client = anonClient({ global: { headers: { Authorization: `Bearer ${forged}` } } });
    const { error } = await client.storage.from('cf-private').list();
    expect(error).toMatchObject({ statusCode: '403', message: 'signature verification failed' });
  });

  it('refuses an expired token', async () => {
    const expired = userJwt('00000000-0000-0000-0000-000000000001', undefined, -10);
    const client = anonClient({ global: { headers: { Authorization: `Bearer ${expired}` } } });
    const { error } = await client.storage.listBuckets();
    expect(error).toMatchObject({ statusCode: '403', message: '"exp" claim timestamp check failed' });
  });

  it('refuses a request without an Authorization header', async () => {
    const res = await fetch(storageUrl('/bucket'), { headers: { apikey: stack.anonKey } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: '403', code: 'AccessDenied', error: 'Unauthorized' });
  });

  it('answers an unknown route with 404', async () => {
    const res = await fetch(storageUrl('/nothing-here'), { headers: { authorization: `Bearer ${stack.anonKey}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ statusCode: '404' });
  });
});
