import { FunctionsHttpError } from '@supabase/supabase-js';
import { describe, expect, it } from 'vitest';
import { anonClient, stack } from '../../support/stack.ts';
import { functionUrl } from './support.ts';

async function failure(error: unknown) {
  expect(error).toBeInstanceOf(FunctionsHttpError);
  const res = (error as FunctionsHttpError).context as Response;
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, body: type.includes('json') ? await res.json() : await res.text() };
}

describe('functions: errors as the edge runtime reports them', () => {
  it('answers 404 for a function that does not exist', async () => {
    const { error } = await anonClient().functions.invoke('no-such-function', { body: {} });
    expect(await failure(error)).toEqual({ status: 404, body: 'Function not found' });
  });

  it('does not serve shared code folders as functions', async () => {
    const res = await fetch(functionUrl('_shared'), { headers: { Authorization: `Bearer ${stack.anonKey}` } });
    expect(res.status).toBe(404);
  });

  it('answers 503 BOOT_ERROR when the function module fails to load', async () => {
    const { error } = await anonClient().functions.invoke('boot-error', { body: {} });
    expect(await failure(error)).toEqual({
      status: 503,
      body: { code: 'BOOT_ERROR', message: 'Worker failed to boot (please check logs)' },
    });
  });

  it('answers 500 WORKER_ERROR when the handler throws', async () => {
    const { error } = await anonClient().functions.invoke('crash?mode=throw', { method: 'GET' });
    expect(await failure(error)).toEqual({
      status: 500,
      body: { code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' },
    });
  });

  it('starts the function again after its process dies', async () => {
    const client = anonClient();
    const before = await client.functions.invoke('crash', { method: 'GET' });
    expect(before.error).toBeNull();
    const died = await client.functions.invoke('crash?mode=exit', { method: 'GET' });
    expect((await failure(died.error)).status).toBe(500);
    const after = await client.functions.invoke('crash', { method: 'GET' });
    expect(after.error).toBeNull();
    expect(after.data.pid).not.toBe(before.data.pid);
  });

  it('refuses a request body over 20 MiB with 413', async () => {
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    const res = await fetch(functionUrl('echo'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${stack.anonKey}`, 'content-type': 'application/octet-stream' },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ message: 'Request size limit exceeded' });
  });

  it('accepts a request body just under the limit', async () => {
    const res = await fetch(functionUrl('echo'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${stack.anonKey}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(5 * 1024 * 1024),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).bodyLength).toBe(5 * 1024 * 1024);
  });
});
