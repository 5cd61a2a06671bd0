import { describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';

describe('functions: invoking a function', () => {
  it('passes the JSON body, method and headers to the function unmodified', async () => {
    const { data, error } = await anonClient().functions.invoke('echo', {
      body: { pet: 'Rex', weightKg: 21.5 },
      headers: { 'x-fixture': 'yes' },
    });
    expect(error).toBeNull();
    expect(data.method).toBe('POST');
    expect(data.contentType).toBe('application/json');
    expect(data.customHeader).toBe('yes');
    expect(JSON.parse(data.body)).toEqual({ pet: 'Rex', weightKg: 21.5 });
  });

  it('presents the path as /<name>/… with the query string, as the edge runtime does', async () => {
    const { data, error } = await anonClient().functions.invoke('echo/pets/42?view=full', { method: 'GET' });
    expect(error).toBeNull();
    expect(data.path).toBe('/echo/pets/42');
    expect(data.query).toEqual({ view: 'full' });
  });

  it('answers warm calls from the same running function', async () => {
    const client = anonClient();
    const first = await client.functions.invoke('echo', { method: 'GET' });
    const second = await client.functions.invoke('echo', { method: 'GET' });
    expect(first.error).toBeNull();
    expect(second.data.pid).toBe(first.data.pid);
  });

  it('runs a function that imports code from the _shared folder beside it', async () => {
    const { data, error } = await anonClient().functions.invoke('uses-shared', { method: 'GET' });
    expect(error).toBeNull();
    expect(data).toEqual({ message: 'Hello, Rex!' });
  });
});
